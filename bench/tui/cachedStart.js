/**
 * The TUI's first screen on a 100,000-asset snapshot opened a second time: the real binary in tmux, its state
 * directory in a temporary folder. The first start evaluates the file and keeps the first screen's views
 * (apps/tui/src/model/viewCache.ts); the second start on the unchanged file shows them while it evaluates again.
 *
 * - first start of the new file, from the process start: its first screen (the inventory's account rows, the
 *   posture marked as being evaluated) and the posture on screen (the judged account rows);
 * - second start: first screen (account rows drawn), from the process start;
 * - resident memory when the second start's first screen is drawn, and the peak once its own evaluation has
 *   finished: the UI's process and the source worker's, added (each one's own peak, VmHWM).
 *
 * `node bench/tui/cachedStart.js [estate.json]` runs it standalone (the estate is generated when not given).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeCommand } from './asVaultscope.js';
import { treeMemory, writeScaleEstate } from './scale.js';

const binary = fileURLToPath(new URL('../../apps/tui/dist/main.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (...args) => spawnSync('tmux', args, { encoding: 'utf8' }).stdout ?? '';

const accountsDrawn = (pane) => pane.includes('WORST FINDING') && pane.split('\n').some((l) => l.startsWith('›'));
/** The posture is being evaluated: the status line says so (the screen is the inventory's). */
const evaluating = (pane) => pane.includes('evaluating posture of');

/** Starts the binary; resolves when `until(pane)` holds, with the time from the start and the pane's pid. */
async function start(session, file, stateHome, until, timeoutMs = 900_000) {
  const t0 = performance.now();
  const source = file ? `snapshot:${file}` : 'demo';
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', `exec env XDG_STATE_HOME=${stateHome} ${nodeCommand} ${binary} --source ${source} --refresh 3600`);
  const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
  return { ...(await waitPane(session, t0, until, timeoutMs)), pid };
}

/** Resolves when `until(pane)` holds, with the time since `t0`. */
async function waitPane(session, t0, until, timeoutMs = 900_000) {
  for (;;) {
    const pane = tmux('capture-pane', '-p', '-t', session);
    if (until(pane)) return { ms: performance.now() - t0, pane, t0 };
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out; screen:\n${pane}`);
    await sleep(20);
  }
}

export async function measure(file) {
  const stateHome = mkdtempSync(join(tmpdir(), 'vaultscope-cached-start-'));
  const session = `vs-cached-${process.pid}`;
  try {
    // First start: draws the inventory, evaluates, draws the judged screen, keeps it.
    const first = await start(session, file, stateHome, accountsDrawn);
    const inventoryFirst = evaluating(first.pane);
    const judged = inventoryFirst ? await waitPane(session, first.t0, (pane) => accountsDrawn(pane) && !evaluating(pane)) : first;
    const dir = join(stateHome, 'vaultscope');
    while (!(existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('views-')))) await sleep(50);
    tmux('kill-session', '-t', session);
    await sleep(500);

    // The demo's first screen under the same conditions, for scale: a loaded machine's slowdown shows in it.
    const demo = [];
    for (let i = 0; i < 3; i++) {
      demo.push((await start(session, undefined, stateHome, accountsDrawn)).ms);
      tmux('kill-session', '-t', session);
      await sleep(300);
    }
    // Second starts on the unchanged file: three, the last one watched until its evaluation ends.
    const seconds = [];
    for (let i = 0; i < 2; i++) {
      seconds.push((await start(session, file, stateHome, accountsDrawn)).ms);
      tmux('kill-session', '-t', session);
      await sleep(300);
    }
    const second = await start(session, file, stateHome, accountsDrawn);
    seconds.push(second.ms);
    const atFirstScreen = treeMemory(second.pid);
    const stillLoading = /⟳|loading/.test(second.pane.split('\n')[0] ?? '');
    // Its own evaluation ends when the title bar stops saying it loads.
    let peak = atFirstScreen.hwm;
    const t1 = performance.now();
    for (;;) {
      const pane = tmux('capture-pane', '-p', '-t', session);
      peak = Math.max(peak, treeMemory(second.pid).hwm);
      if (!/⟳|loading/.test(pane.split('\n')[0] ?? '') || performance.now() - t1 > 900_000) break;
      await sleep(100);
    }
    tmux('kill-session', '-t', session);
    return {
      'first start: first screen (accounts drawn, jobs being read or posture evaluated), ms (target < 3,000)': inventoryFirst ? Math.round(first.ms) : 'none (judged at once)',
      'first start: posture on screen (judged accounts drawn), ms': Math.round(judged.ms),
      'second start (kept views): first screen, median of 3, ms (target < 3,000)': Math.round(median(seconds)),
      'second starts, each, ms': seconds.map((x) => Math.round(x)).join(' / '),
      'demo first screen under the same load, median of 3, ms': Math.round(median(demo)),
      'second start: title bar still says loading when drawn': stillLoading ? 'yes' : 'no',
      'second start: RSS at first screen, UI + worker processes, MB': Math.round(atFirstScreen.rss),
      'second start: peak RSS after its evaluation, UI + worker processes (each VmHWM), MB (target < 1,000)': Math.round(peak),
    };
  } finally {
    tmux('kill-session', '-t', session);
    rmSync(stateHome, { recursive: true, force: true });
  }
}

/** Generates the estate in a temporary directory and measures. */
export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-tui-cached-'));
  try {
    const file = join(dir, 'estate.json');
    await writeScaleEstate(file);
    return await measure(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  const figures = file ? await measure(file) : await run();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(64)}  ${v}\n`);
  process.exit(0);
}
