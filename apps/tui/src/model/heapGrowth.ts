/**
 * How far V8 lets a heap grow past what was alive after its last full collection, for the whole process (the
 * flag is process-wide; the UI's process and the source worker's each set it: sourceClient.ts, sourceWorker.ts). V8's
 * own factor goes up to 4× when collections are cheap compared to the work done: at 100,000 assets the UI thread
 * keeps ~175 MB (its 100,000 rows) and its heap grew to 400 MB of mostly dead frames between two full collections
 * while ↓ was held, the worker's likewise.
 * A fixed 25 % kept each heap near what it keeps alive (peak resident memory while refreshing 1,335 → 1,031 MB,
 * UI heap peak 402 → 239 MB), at the price of more frequent, concurrent, marking; 15 % takes ~45 MB more off the
 * peak (954 / 960 MB against 1,002 / 1,011 MB, alternated on a quiet machine) with the same frame times.
 */
import { setHeapGrowingPercent } from '@vaultscope/sources';

/** Growth of the heap past the last collection's survivors, in percent. */
export const HEAP_GROWING_PERCENT = 15;

/** Sets the process's heap growing factor (see above); a Node without the flag is left as it is. */
export function limitHeapGrowth(): void {
  setHeapGrowingPercent(HEAP_GROWING_PERCENT);
}

/**
 * Lets V8 size the heaps by its own factor until `limitHeapGrowth` is called again: for the first read and
 * evaluation of a snapshot, or the demo's first generation, whose allocations mostly stay alive (the estate, then
 * its posture). There a fixed growth keeps nothing smaller, it only makes V8 mark the same growing heap again and
 * again: at 25 %, reading a 100,000-asset file took 12 full collections instead of 3, ~1 s more CPU before the first screen,
 * for the same resident memory (439 / 442 MB); the demo's first screen came ~70 ms later (1,668 against 1,597 ms,
 * builds alternated). Called in the source worker's process only.
 */
export function freeHeapGrowth(): void {
  // 0: no fixed factor, V8's own.
  setHeapGrowingPercent(0);
}
