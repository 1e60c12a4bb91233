/**
 * How far V8 lets the heap grow past what was alive after its last full collection. A collection holds the
 * organization's observation and job lists (live ~100 MB at 300 accounts) while the SDK makes garbage with every
 * call, and its last phase (evaluate, serialise every job for the ledger) makes a burst more: with V8's own factor
 * (up to 4× when collections are cheap compared to the work done) the heap of one worker grew to 3–4× what it kept
 * alive. A fixed growth keeps the peak near the live size, at the price of more frequent (concurrent) marking.
 * The flag is process-wide and read at each full collection, so setting it at the start of a collection is enough.
 * (The TUI sets the same flag for its own process: apps/tui/src/model/heapGrowth.ts.)
 */
import { setHeapGrowingPercent } from '@vaultscope/sources';

/** Growth of the heap past the last full collection's survivors, in percent. */
export const COLLECT_HEAP_GROWING_PERCENT = 25;

/** Sets the process's heap growing factor for a collection. */
export function limitHeapGrowth(): void {
  setHeapGrowingPercent(COLLECT_HEAP_GROWING_PERCENT);
}
