/**
 * The TUI at 100,000 assets while refreshing (bench/tui/refresh.js): first screen, ↓ key → frame, the longest
 * gap between frames, memory. The work is in refresh.js so that it also runs standalone.
 */
// @ts-expect-error -- plain ESM module without type declarations
import { run as runRefreshBench } from './refresh.js';

/** Figures for the TUI scale benchmark. */
export async function run(): Promise<Record<string, string | number>> {
  return (await runRefreshBench()) as Record<string, string | number>;
}
