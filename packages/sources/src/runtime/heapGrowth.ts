/**
 * V8's heap growing factor, set for the whole process at run time. Both apps hold large, long-lived data (an
 * organization's job lists while collecting, a 100,000-asset estate in the TUI) next to much short-lived garbage,
 * and V8's own factor — up to 4× what survived the last full collection when collections are cheap compared to the
 * work done — lets such a heap reach several times what is alive. Each app says when and by how much
 * (apps/reporter/src/cli/heapGrowth.ts, apps/tui/src/model/heapGrowth.ts); the setting itself is here, once.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Lets the heap grow `percent` past the last full collection's survivors (read by V8 at each full collection, so
 * it applies from the next one); 0 gives V8 its own factor back. A V8 that does not know the flag keeps its default.
 */
export function setHeapGrowingPercent(percent: number): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // Not a V8 that knows the flag: its default growth applies.
  }
}
