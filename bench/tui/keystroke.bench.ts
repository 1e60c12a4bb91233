/**
 * TUI keystroke-to-frame and time-to-first-screen benchmark; the work is in keystroke.js so that it also runs
 * standalone with plain `node bench/tui/keystroke.js`.
 */
// @ts-expect-error -- plain ESM module without type declarations
import { run as runKeystrokeBench } from './keystroke.js';

/** Figures for the TUI benchmark. */
export async function run(): Promise<Record<string, string | number>> {
  return (await runKeystrokeBench()) as Record<string, string | number>;
}
