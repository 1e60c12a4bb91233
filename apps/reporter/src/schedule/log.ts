/**
 * The scheduler's log: one JSON object per line (time, level, event, fields), ready for journald, Kubernetes
 * log collectors or `jq`. JSON escaping keeps control characters in error messages inert; bidi controls, line
 * separators and invisible characters (which JSON leaves raw) are written as `\uXXXX` escapes too, so the same line is
 * still valid JSON with the same value and shows nothing a terminal would reorder.
 */
import { appendFileSync } from 'node:fs';
import { passes, type LogLevel } from '../cli/log.js';

/** Writes one event. */
export type JsonLogger = (event: string, fields?: Record<string, unknown>, level?: LogLevel) => void;

/** Where log lines go: a stream, or anything with a `write`. */
export interface LogSink {
  write(text: string): unknown;
}

/** A sink appending each line to `path` synchronously, so a line is on disk before a signal handler exits. */
export function fileSink(path: string): LogSink {
  return { write: (text: string) => appendFileSync(path, text) };
}

const RAW_IN_JSON = /[\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const escapeUnicode = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A logger writing to `stream` the events at or above `threshold` (`--log-level`), stamping each with `now()`. */
export function createJsonLogger(stream: LogSink, now: () => Date, threshold: LogLevel = 'info'): JsonLogger {
  return (event, fields = {}, level = 'info') => {
    if (!passes(level, threshold)) return;
    stream.write(`${JSON.stringify({ time: now().toISOString(), level, event, ...fields }).replace(RAW_IN_JSON, escapeUnicode)}\n`);
  };
}
