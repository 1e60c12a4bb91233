/**
 * The TUI's first screen on the bundled demo (bench/tui/demoStart.js): the real binary in tmux, median of three
 * starts, against the target of a first screen in under 1.5 s. The work is in demoStart.js so that it also runs
 * standalone, and compares builds: `node bench/tui/demoStart.js 5 OLD/apps/tui/dist/main.js apps/tui/dist/main.js`.
 */
// @ts-expect-error -- plain ESM module without type declarations
import { run as runDemoStart } from './demoStart.js';

/** Figures for the demo's first screen. */
export async function run(): Promise<Record<string, string | number>> {
  return (await runDemoStart()) as Record<string, string | number>;
}
