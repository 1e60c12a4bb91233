/**
 * The scheduler's log: one JSON object per line (time, level, event, fields), ready for journald, Kubernetes
 * log collectors or `jq`. JSON escaping keeps hostile text in error messages inert.
 */

/** Writes one event. */
export type JsonLogger = (event: string, fields?: Record<string, unknown>, level?: 'info' | 'warn' | 'error') => void;

/** A logger writing to `stream`, stamping each line with `now()`. */
export function createJsonLogger(stream: NodeJS.WritableStream, now: () => Date): JsonLogger {
  return (event, fields = {}, level = 'info') => {
    stream.write(`${JSON.stringify({ time: now().toISOString(), level, event, ...fields })}\n`);
  };
}
