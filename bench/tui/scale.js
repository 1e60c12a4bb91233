/**
 * The TUI at organization scale, black box: the real binary in tmux on a snapshot of 100,000 assets (200
 * accounts, 180,000 backup jobs), refreshing every second while the file is rewritten (touched) every few
 * seconds, so each refresh re-reads, re-evaluates and re-indexes the whole estate.
 *
 * - first frame (title bar + loading line), first screen (account rows drawn: the inventory's while the posture
 *   is evaluated) and the posture on screen (the judged rows), from the process start;
 * - while refreshing, `j` held on `:assets`: each key is sent when the previous one has shown on screen, and the
 *   time until the cursor line moves is taken (through tmux, so a few ms of polling are included). The longest
 *   wait is the longest freeze an operator sees;
 * - resident memory of the process (all threads), sampled every 100 ms, and its peak (VmHWM).
 *
 * `node bench/tui/scale.js [binary] [estate.json]` runs it standalone (the estate is generated when not given).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeCommand } from './asVaultscope.js';

const defaultBinary = fileURLToPath(new URL('../../apps/tui/dist/main.js', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? Number.NaN;

function tmux(...args) {
  return spawnSync('tmux', args, { encoding: 'utf8' }).stdout ?? '';
}

/** Resident and peak resident memory of a process (MB), from /proc (also for cachedStart.js and refresh.js). */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    // kB → MB (10^6 bytes), as refresh.js and the memory trace report.
    return { rss: (kb('VmRSS') * 1024) / 1e6, hwm: (kb('VmHWM') * 1024) / 1e6 };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

/** The processes started by `pid` (its children, theirs, …), from /proc. */
export function descendants(pid) {
  try {
    const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    return children.flatMap((child) => [child, ...descendants(child)]);
  } catch {
    return [];
  }
}

/**
 * Memory of `vaultscope`'s processes (MB): the UI's (`pid`) and the source worker's (its child), added. `hwm` adds
 * each process's own peak, an upper bound of the peak of the sum (sample `rss` for that).
 */
export function treeMemory(pid) {
  const all = [pid, ...descendants(pid)].map(memory);
  return { rss: all.reduce((a, m) => a + m.rss, 0), hwm: all.reduce((a, m) => a + m.hwm, 0), each: all };
}

/** The pid of the node process running in the pane (the pane's shell execs it). */
function panePid(session) {
  return Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
}

const cursorLine = (pane) => pane.split('\n').find((l) => l.startsWith('›')) ?? '';

/**
 * Writes a 100,000-asset estate to `file` (captured an hour ago) from a process of its own: generated in the
 * benchmark's process, the estate (~340 MB alive at its last full collection) would size that process's heap —
 * V8 then let the in-process benchmarks' UI thread (refresh.js) fill to 1.1 GB of garbage before its next full
 * collection, which the real binary's UI thread, whose heap starts small, never does.
 */
export function writeScaleEstate(file) {
  const script = fileURLToPath(new URL('./generateScaleEstate.js', import.meta.url));
  const { status, error } = spawnSync(process.execPath, [script, file], { stdio: 'inherit' });
  if (error || status !== 0) throw new Error(`generating the 100,000-asset estate failed (${error?.message ?? `exit ${status}`})`);
}

/** Runs the black-box measurement of `binary` on the estate file `file`. */
export async function measure(binary, file, { holdMs = 40_000, touchEveryMs = 4_000 } = {}) {
  const session = `vs-scale-${process.pid}`;
  const t0 = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', `exec ${nodeCommand} ${binary} --source snapshot:${file} --refresh 1`);
  const pid = panePid(session);
  let peakRss = 0;
  const sampler = setInterval(() => {
    const m = treeMemory(pid);
    if (m.rss > peakRss) peakRss = m.rss;
  }, 100);
  try {
    let firstFrame;
    let firstScreen;
    while (performance.now() - t0 < 180_000) {
      const pane = tmux('capture-pane', '-p', '-t', session);
      if (firstFrame === undefined && pane.includes('vaultscope ›')) firstFrame = performance.now() - t0;
      if (pane.includes('WORST FINDING') && cursorLine(pane)) {
        firstScreen = performance.now() - t0;
        break;
      }
      await sleep(20);
    }
    if (firstScreen === undefined) return { 'first screen (ms)': 'did not draw within 180 s' };
    // The posture on screen: the status line no longer says it is being evaluated.
    let postureMs;
    while (performance.now() - t0 < 180_000) {
      if (!tmux('capture-pane', '-p', '-t', session).includes('evaluating posture of')) {
        postureMs = performance.now() - t0;
        break;
      }
      await sleep(20);
    }
    tmux('send-keys', '-t', session, ':');
    tmux('send-keys', '-t', session, '-l', 'assets');
    tmux('send-keys', '-t', session, 'Enter');
    const tList = performance.now();
    let listMs;
    while (performance.now() - tList < 120_000) {
      const pane = tmux('capture-pane', '-p', '-t', session);
      if (/\bassets\b/i.test(pane.split('\n')[0] ?? '') && /SELECTED_NOT|PROTECTED|UNPROTECTED/.test(pane) && cursorLine(pane)) {
        listMs = performance.now() - tList;
        break;
      }
      await sleep(20);
    }
    const waits = [];
    const start = performance.now();
    let lastTouch = start;
    let line = cursorLine(tmux('capture-pane', '-p', '-t', session));
    let position = /(\d+)\/(\d+)/.exec(tmux('capture-pane', '-p', '-t', session))?.[0];
    while (performance.now() - start < holdMs) {
      if (performance.now() - lastTouch > touchEveryMs) {
        const now = new Date();
        utimesSync(file, now, now);
        lastTouch = performance.now();
      }
      const k0 = performance.now();
      tmux('send-keys', '-t', session, 'j');
      for (;;) {
        const pane = tmux('capture-pane', '-p', '-t', session);
        const next = cursorLine(pane);
        const pos = /(\d+)\/(\d+)/.exec(pane)?.[0];
        if ((next && next !== line) || pos !== position) {
          line = next;
          position = pos;
          break;
        }
        if (performance.now() - k0 > 60_000) break;
      }
      waits.push(performance.now() - k0);
    }
    const hwm = treeMemory(pid).hwm;
    return {
      'first frame, title bar (ms)': firstFrame === undefined ? 'never' : Math.round(firstFrame),
      'first screen, accounts drawn (inventory while evaluating, or judged) (ms)': Math.round(firstScreen),
      'posture on screen (ms)': postureMs === undefined ? 'never' : Math.round(postureMs),
      ':assets drawn after Enter (ms)': listMs === undefined ? 'never' : Math.round(listMs),
      'j held while refreshing: keys seen': waits.length,
      'j → cursor moved on screen, median (ms, via tmux)': Math.round(median(waits)),
      'j → cursor moved on screen, p95 (ms, via tmux)': Math.round(p95(waits)),
      'longest wait for a key while refreshing (ms)': Math.round(Math.max(...waits)),
      'peak RSS, UI + worker processes, sampled (MB)': Math.round(peakRss),
      'peak RSS, UI + worker processes, VmHWM of each added (MB)': Math.round(hwm),
    };
  } finally {
    clearInterval(sampler);
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

/** Generates the estate in a temporary directory and measures the built binary. */
export async function run() {
  if (spawnSync('tmux', ['-V']).status !== 0) return { 'TUI at 100,000 assets': 'skipped: tmux not installed' };
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-tui-scale-'));
  try {
    const file = join(dir, 'estate.json');
    await writeScaleEstate(file);
    return await measure(defaultBinary, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [binary = defaultBinary, file] = process.argv.slice(2);
  const figures = file ? await measure(binary, file) : await run();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(52)}  ${v}\n`);
  process.exit(0);
}
