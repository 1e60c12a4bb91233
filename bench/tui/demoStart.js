/**
 * The TUI's first screen on the bundled demo: the real binary (`apps/tui/dist/main.js`, what `npm start` runs)
 * started in tmux, timed from the start until the organization's account rows are drawn — the same start and the
 * same polling as the demo part of cachedStart.js, without generating a 100,000-asset snapshot first.
 *
 * `node bench/tui/demoStart.js [runs] [main.js …]` runs it standalone. Given several builds' `main.js`, it starts
 * them in turn (A, B, A, B, …) so that a before/after comparison on a shared machine sees the same load; each
 * figure is printed with the load average before and after.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeCommand } from './asVaultscope.js';
import { descendants } from './scale.js';

const ownBinary = fileURLToPath(new URL('../../apps/tui/dist/main.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmux = (...args) => spawnSync('tmux', args, { encoding: 'utf8' }).stdout ?? '';
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

// The first screen an operator can use: the organization table's header and the cursor on an account row.
const accountsDrawn = (pane) => pane.includes('WORST FINDING') && pane.split('\n').some((l) => l.startsWith('›'));

/**
 * CPU time (user + system, all threads) the app has used so far — the UI's process and the source worker's, its
 * child — in ms; NaN when the UI's cannot be read.
 */
function cpuMs(pid) {
  let ms = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses; clock ticks of 10 ms.
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      if (p === pid) return Number.NaN;
    }
  }
  return ms;
}

/**
 * One start of `binary` on the demo: the time from the start until the accounts are drawn, and the CPU the process
 * had used by then (on a loaded machine the wall time mostly measures the wait for a core; the CPU time does not).
 */
async function once(binary, stateHome, session, timeoutMs = 120_000) {
  const t0 = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '45', `exec env XDG_STATE_HOME=${stateHome} ${nodeCommand} ${binary} --source demo --refresh 3600`);
  const pid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
  try {
    for (;;) {
      const pane = tmux('capture-pane', '-p', '-t', session);
      if (accountsDrawn(pane)) return { ms: performance.now() - t0, cpu: cpuMs(pid) };
      if (performance.now() - t0 > timeoutMs) throw new Error(`timed out; screen:\n${pane}`);
      // Polling tmux costs CPU too; every 20 ms keeps it from slowing what it measures.
      await sleep(20);
    }
  } finally {
    tmux('kill-session', '-t', session);
    await sleep(300);
  }
}

/** Figures for each binary: `runs` starts each, interleaved. */
export async function measure(binaries = [ownBinary], runs = 3) {
  const stateHome = mkdtempSync(join(tmpdir(), 'vaultscope-demo-start-'));
  const session = `vs-demo-${process.pid}`;
  const times = binaries.map(() => []);
  const before = load();
  try {
    for (let r = 0; r < runs; r++) {
      for (const [i, binary] of binaries.entries()) times[i].push(await once(binary, stateHome, session));
    }
  } finally {
    rmSync(stateHome, { recursive: true, force: true });
  }
  const figures = { 'load average before (1, 5, 15 min)': before };
  for (const [i, binary] of binaries.entries()) {
    const name = binaries.length > 1 ? ` (${binary})` : '';
    figures[`demo first screen, median of ${runs}, ms (target < 1,500)${name}`] = Math.round(median(times[i].map((t) => t.ms)));
    figures[`each, ms${name}`] = times[i].map((t) => Math.round(t.ms)).join(' / ');
    figures[`CPU of the UI and worker processes by then, median, ms${name}`] = Math.round(median(times[i].map((t) => t.cpu)));
  }
  figures['load average after (1, 5, 15 min)'] = load();
  return figures;
}

/** For `npm run bench`: three starts of this checkout's build. */
export async function run() {
  return measure();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 3);
  const binaries = process.argv.slice(3).map((p) => resolve(p));
  const figures = await measure(binaries.length ? binaries : [ownBinary], runs);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(64)}  ${v}\n`);
  process.exit(0);
}
