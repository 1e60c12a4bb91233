/**
 * The scheduler's log: one JSON object per line (time, level, event, fields), ready for journald, Kubernetes
 * log collectors or `jq`. JSON escaping keeps hostile text in error messages inert.
 */
import { appendFileSync } from 'node:fs';

/** Writes one event. */
export type JsonLogger = (event: string, fields?: Record<string, unknown>, level?: 'info' | 'warn' | 'error') => void;

/** Where log lines go: a stream, or anything with a `write`. */
export interface LogSink {
  write(text: string): unknown;
}

/** A sink appending each line to `path` synchronously, so a line is on disk before a signal handler exits. */
export function fileSink(path: string): LogSink {
  return { write: (text: string) => appendFileSync(path, text) };
}

/** A logger writing to `stream`, stamping each line with `now()`. */
export function createJsonLogger(stream: LogSink, now: () => Date): JsonLogger {
  return (event, fields = {}, level = 'info') => {
    stream.write(`${JSON.stringify({ time: now().toISOString(), level, event, ...fields })}\n`);
  };
}
