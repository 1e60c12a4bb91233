/**
 * A full garbage collection, run by the source worker's process between the generations of a large estate. V8
 * collects the old generation lazily, when the heap has grown by a factor of what was alive after the last
 * collection: at 100,000 assets the previous estate, its posture and indexes (≈ 700 MB) were still in the heap,
 * dead, when the changed file was read, parsed and evaluated again, so resident memory reached 3–4 GB although at
 * most 1 GB was ever alive. Collecting once the old data is let go keeps the heap near what is alive.
 *
 * `gc` is exposed to a fresh context the way Jest's leak detector does it (neither process is started with
 * `--expose-gc`); without it this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
} catch {
  gc = undefined;
}

/**
 * Collects garbage now: a few hundred ms at 100,000 assets on the worker's thread; on the UI thread only once a
 * long list has arrived (sourceClient.ts), ~100 ms.
 */
export function collectGarbage(): void {
  gc?.();
}
