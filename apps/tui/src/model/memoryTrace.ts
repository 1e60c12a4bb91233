/**
 * Memory figures per step of a refresh, for the benchmarks (bench/tui/refresh.js): when the environment names a
 * file in VAULTSCOPE_TUI_MEMORY_TRACE, each step appends a JSON line with this process's heap and resident memory
 * (the UI's process and the source worker's write to the same file, each with its pid); otherwise nothing is
 * measured or written.
 */
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const file = process.env['VAULTSCOPE_TUI_MEMORY_TRACE'];
const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

/** Whether steps are being traced. */
export const tracingMemory = file !== undefined && file !== '';

/** Appends one step's figures (MB) to the trace file. */
export function traceMemory(step: string): void {
  if (!tracingMemory) return;
  const heap = getHeapStatistics();
  const { rss, external } = process.memoryUsage();
  const line = { t: Date.now(), pid: process.pid, step, heapUsed: mb(heap.used_heap_size), heapTotal: mb(heap.total_heap_size), external: mb(external), rss: mb(rss) };
  appendFileSync(file as string, `${JSON.stringify(line)}\n`);
}
