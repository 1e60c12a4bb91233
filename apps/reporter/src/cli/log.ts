/**
 * `--log-level` and `--debug`: what the reporter says about its own work on stderr (and which lines the
 * scheduler's JSON log keeps). Results go to stdout; these lines never do, so pipes stay clean.
 */
import { InputError, sanitize } from '@vaultscope/core';

/** Log levels, most severe first (the AWS CLI and Prowler spellings). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level when neither `--log-level` nor `--debug` is given. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** Writes one diagnostic line when its level is at or above the threshold. */
export interface Logger {
  readonly level: LogLevel;
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string): void;
}

/** Whether a line of `level` passes the `threshold`. */
export function passes(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}

/** Parses `--log-level` (`--debug` wins: it is the shorter spelling of `--log-level debug`). */
export function parseLogLevel(value: string | undefined, debug = false): LogLevel {
  if (debug) return 'debug';
  if (value === undefined) return DEFAULT_LOG_LEVEL;
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level) throw new InputError(`--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return level;
}

/** A logger writing `vaultscope-report: <level>: <message>` lines to `stream`, each sanitized to one line. */
export function createStderrLogger(stream: { write(text: string): unknown }, level: LogLevel): Logger {
  return {
    level,
    enabled: (l) => passes(l, level),
    log: (l, message) => {
      if (passes(l, level)) stream.write(`vaultscope-report: ${l}: ${sanitize(message)}\n`);
    },
  };
}
