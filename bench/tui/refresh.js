/**
 * The TUI at organization scale, in process: the real `App` and the real source worker (apps/tui/dist) on a
 * snapshot of 100,000 assets (200 accounts, 180,000 backup jobs), drawn by Ink into an in-memory 160×45
 * terminal at 60 fps, as `vaultscope` runs it.
 *
 * - first screen: from starting the worker to the first frame with the organization's accounts — the accounts
 *   and assets while the jobs are read, then the inventory (accounts, assets, jobs) while the posture is
 *   evaluated, `…` in the columns not known yet — and to the frame with the posture on screen (coverage,
 *   unprotected, worst finding);
 * - `:assets` (100,000 rows) drawn after Enter;
 * - ↓ held (a key every 25 ms, as key repeat sends them) for 30 s while the file is rewritten (touched) every
 *   3 s and the app refreshes every second — so the worker re-reads, re-evaluates and re-indexes the whole
 *   estate again and again: each key's time to the next frame, the longest gap between two frames, and the
 *   longest stall of the UI thread's event loop; the longest gap told apart from the UI thread's scheduler
 *   counters (running, waiting for a CPU, neither: blocked) and its collections in it;
 * - resident memory of the UI's process and the source worker's, added and sampled, and each one's peak (VmHWM).
 *
 * Run as `vaultscope` runs, with V8's `--single-threaded-gc` (standalone, it starts itself again with it; `npm run
 * bench` passes it). `node bench/tui/refresh.js [estate.json] [--hold SECONDS]` runs it standalone (the estate is generated when not
 * given; ↓ is held 30 s unless told). Both processes append their heap and RSS every 100 ms (the worker also per
 * refresh step) to a memory trace (VAULTSCOPE_TUI_MEMORY_TRACE=FILE keeps it; otherwise a temporary
 * file): the figures split the peak RSS between the two processes, each into its heap and the rest.
 * `measure(file, { onHold })` calls `onHold.start`/`onHold.end` around the held keys (to attach a profiler).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { FakeStdin, FakeStdout } from './keystroke.js';
import { ownThreadGc, runAsVaultscope } from './asVaultscope.js';
import { treeMemory, writeScaleEstate } from './scale.js';

const dist = new URL('../../apps/tui/dist/', import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? Number.NaN;
const round = (x) => Math.round(x * 10) / 10;

/** The UI (main) thread's time on a CPU and waiting for one so far, in ms (/proc schedstat; NaN elsewhere). */
function uiSchedule() {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return [cpu / 1e6, wait / 1e6];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}

/** Resolves with the first frame written after now that satisfies `predicate`. */
function frameWhere(stdout, predicate, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stdout.off('frame', check);
      reject(new Error('no such frame'));
    }, timeoutMs);
    function check(text) {
      if (!predicate(text)) return;
      clearTimeout(timer);
      stdout.off('frame', check);
      resolve(text);
    }
    stdout.on('frame', check);
  });
}

/**
 * What was in memory at the RSS peak of the two processes together, from the memory trace: the UI's process (the
 * `ui` samples) and the source worker's (every other step), each line the latest of its process at that time:
 * each process's heap (committed, as V8 reports it) and the rest of its resident memory.
 */
export function peakSplit(traceFile) {
  if (!existsSync(traceFile)) return 'no trace';
  const lines = readFileSync(traceFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).sort((a, b) => a.t - b.t);
  let ui;
  let worker;
  let peak;
  for (const line of lines) {
    if (line.step === 'ui') ui = line;
    else worker = line;
    if (ui && worker && (!peak || ui.rss + worker.rss > peak.ui.rss + peak.worker.rss)) peak = { ui, worker };
  }
  if (!peak) return 'incomplete trace';
  const part = (m) => `${Math.round(m.rss)} (heap ${Math.round(m.heapTotal)}, ${Math.round(m.heapUsed)} used; rest ${Math.round(m.rss - m.heapTotal)})`;
  return `${Math.round(peak.ui.rss + peak.worker.rss)} = UI ${part(peak.ui)} + worker ${part(peak.worker)} at ${peak.worker.step}`;
}

export async function measure(file, { holdMs = 30_000, touchEveryMs = 3_000, onHold, worker = 'model/sourceWorker.js' } = {}) {
  process.env.NODE_ENV ??= 'production';
  // Set before the app's modules (and the worker) are loaded: memoryTrace.js reads it once.
  let traceDir;
  if (!process.env.VAULTSCOPE_TUI_MEMORY_TRACE) {
    traceDir = mkdtempSync(join(tmpdir(), 'vaultscope-tui-trace-'));
    process.env.VAULTSCOPE_TUI_MEMORY_TRACE = join(traceDir, 'trace.jsonl');
  }
  const traceFile = process.env.VAULTSCOPE_TUI_MEMORY_TRACE;
  const { traceMemory } = await import(new URL('model/memoryTrace.js', dist).href);
  const React = (await import('react')).default;
  const { render } = await import('ink');
  const { App } = await import(new URL('app/App.js', dist).href);
  const { SourceModel } = await import(new URL('model/sourceClient.js', dist).href);
  const { makeTheme } = await import(new URL('theme/theme.js', dist).href);

  const stdout = new FakeStdout();
  stdout.columns = 160;
  stdout.rows = 45;
  const frames = [];
  // Per frame, the UI thread's scheduler counters; and the UI thread's collections: what a long gap was made of.
  const sched = [];
  const collections = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const write = stdout.write;
  // Ink writes a frame as three chunks (begin synchronized update, the frame, end): the middle one counts.
  stdout.write = (chunk) => {
    const text = String(chunk);
    if (text.length > 16) {
      frames.push(performance.now());
      sched.push(uiSchedule());
      stdout.emit('frame', text);
    }
    return write(chunk);
  };
  const stdin = new FakeStdin();
  // The fake stdin does not hold the process open as a terminal does.
  const keepAlive = setInterval(() => undefined, 1000);
  let rssMax = 0;
  let uiHeapMax = 0;
  // Each process's own peak (VmHWM), the UI's and the worker's, read while both run.
  const hwm = [];
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    const tree = treeMemory(process.pid);
    rssMax = Math.max(rssMax, tree.rss);
    tree.each.forEach((m, i) => (hwm[i] = Math.max(hwm[i] ?? 0, m.hwm)));
    uiHeapMax = Math.max(uiHeapMax, m.heapUsed / 1e6);
    traceMemory('ui');
  }, 100);

  const t0 = performance.now();
  const model = new SourceModel(new URL(worker, dist), { spec: { kind: 'snapshot', path: file } }, 1000);
  model.start();
  const accountsDrawn = (t) => t.includes('WORST FINDING') && t.includes('›') && !t.includes('Loading');
  // The inventory's screens: the accounts and assets while the jobs are read, then with the jobs while the posture
  // is evaluated (none when the judged screen comes first).
  let readingMs = Number.NaN;
  let inventoryMs = Number.NaN;
  const watchInventory = (t) => {
    if (!accountsDrawn(t) || !t.includes('evaluating posture of')) return;
    if (t.includes('reading jobs')) {
      if (Number.isNaN(readingMs)) readingMs = performance.now() - t0;
      return;
    }
    inventoryMs = performance.now() - t0;
    stdout.off('frame', watchInventory);
  };
  stdout.on('frame', watchInventory);
  const firstScreen = frameWhere(stdout, (t) => accountsDrawn(t) && !t.includes('evaluating posture of'), 600_000);
  const instance = render(React.createElement(App, { model, source: `snapshot:${file}`, theme: makeTheme({}) }), {
    stdout,
    stdin,
    stderr: stdout,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 60,
  });
  const firstFrameMs = frames.length ? frames[0] - t0 : Number.NaN;
  await firstScreen;
  const firstScreenMs = performance.now() - t0;
  stdout.off('frame', watchInventory);

  const t1 = performance.now();
  const list = frameWhere(stdout, (t) => t.includes('› Assets') && / 1\/[1-9]\d*/.test(t), 600_000);
  stdin.write(':');
  await sleep(30);
  stdin.write('assets');
  await sleep(30);
  stdin.write('\r');
  await list;
  const listMs = performance.now() - t1;

  await onHold?.start?.();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const latencies = [];
  const start = performance.now();
  const firstHeld = frames.length;
  let lastTouch = start;
  let refreshes = 0;
  const off = model.subscribe((s) => {
    if (!s.status.loading && s.status.lastSuccessAt && s.status.lastSuccessAt > start) refreshes = s.status.lastSuccessAt;
  });
  let count = 0;
  while (performance.now() - start < holdMs) {
    if (performance.now() - lastTouch > touchEveryMs) {
      const now = new Date();
      utimesSync(file, now, now);
      lastTouch = performance.now();
    }
    const k0 = performance.now();
    const frame = new Promise((resolve) => stdout.once('frame', resolve));
    stdin.write('\u001B[B');
    count++;
    await Promise.race([frame, sleep(5_000)]);
    latencies.push(performance.now() - k0);
    await sleep(25);
  }
  loop.disable();
  off();
  await onHold?.end?.();
  const held = frames.slice(firstHeld);
  let gap = 0;
  let gapAt = 0;
  for (let i = 1; i < held.length; i++) {
    if (held[i] - held[i - 1] <= gap) continue;
    gap = held[i] - held[i - 1];
    gapAt = i;
  }
  // The longest gap, told apart: the UI thread running (its own work, its own collections), runnable but waiting
  // for a CPU, or neither (idle between keys, or blocked: once on a lock the worker's collections held, when the
  // worker was a thread of this process).
  const [cpuA, waitA] = sched[firstHeld + gapAt - 1] ?? [Number.NaN, Number.NaN];
  const [cpuB, waitB] = sched[firstHeld + gapAt] ?? [Number.NaN, Number.NaN];
  const gapFrom = held[gapAt - 1] ?? 0;
  const gapCollections = collections.filter((c) => c.start < gapFrom + gap && c.start + c.ms > gapFrom).reduce((sum, c) => sum + c.ms, 0);
  gcObserver.disconnect();
  clearInterval(sampler);
  // What the UI thread keeps (its rows, Ink, React), without the garbage its heap peak above includes.
  const { collectGarbage } = await import(new URL('model/collectGarbage.js', dist).href);
  collectGarbage();
  const uiLive = process.memoryUsage().heapUsed / 1e6;
  const cursor = / (\d+)\/\d+/.exec(await new Promise((r) => {
    stdout.once('frame', r);
    stdin.write('\u001B[B');
  }))?.[1];
  instance.unmount();
  await model.close();
  clearInterval(keepAlive);
  const split = peakSplit(traceFile);
  if (traceDir) {
    rmSync(traceDir, { recursive: true, force: true });
    delete process.env.VAULTSCOPE_TUI_MEMORY_TRACE;
  }
  return {
    'first frame (title bar + loading line), ms': round(firstFrameMs),
    'first screen (accounts and assets, jobs being read), ms (target < 3,000)': Number.isNaN(readingMs) ? 'none' : Math.round(readingMs),
    'inventory with the jobs (posture evaluating), ms': Number.isNaN(inventoryMs) ? 'none (judged at once)' : Math.round(inventoryMs),
    'posture on screen (judged accounts drawn), ms': Math.round(firstScreenMs),
    ':assets (100,000 rows) drawn after Enter, ms': Math.round(listMs),
    [`↓ held ${Math.round(holdMs / 1000)} s while refreshing: keys / cursor row reached`]: `${count} / ${cursor ?? '?'}`,
    '↓ key → frame while refreshing, median ms (target < 16)': round(median(latencies)),
    '↓ key → frame while refreshing, p95 ms': round(p95(latencies)),
    'longest gap between frames while refreshing, ms (target ≤ 100)': round(gap),
    'longest UI event-loop stall, ms': round(loop.max / 1e6),
    'longest gap: UI thread running / waiting for a CPU / in its collections, ms': `${round(cpuB - cpuA)} / ${round(waitB - waitA)} / ${round(gapCollections)} (from ${new Date(performance.timeOrigin + gapFrom).toISOString()})`,
    'V8 collections': ownThreadGc ? 'on the main thread alone (as vaultscope)' : 'with helper threads (not as vaultscope runs)',
    'refreshes completed while held': refreshes ? 'yes' : 'none',
    'peak RSS, UI + worker processes (sampled), MB (target < 1,000)': Math.round(rssMax),
    'peak RSS each (VmHWM): UI process / worker process, MB': hwm.map(Math.round).join(' / '),
    'UI thread heap: peak used (with garbage) / alive at the end, MB': `${Math.round(uiHeapMax)} / ${Math.round(uiLive)}`,
    'at the RSS peak (sampled, MB): UI process + worker process': split,
  };
}

/** Generates the estate in a temporary directory and measures. */
export async function run(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-tui-refresh-'));
  try {
    const file = join(dir, 'estate.json');
    await writeScaleEstate(file);
    return await measure(file, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsVaultscope();
  const args = process.argv.slice(2);
  const at = args.indexOf('--hold');
  // `--hold S`: hold ↓ for S seconds instead of 30 (quicker comparisons).
  const holdMs = at >= 0 ? Number(args.splice(at, 2)[1]) * 1000 : undefined;
  if (holdMs !== undefined && !(holdMs > 0)) {
    process.stderr.write('refresh.js: --hold needs a number of seconds\n');
    process.exit(2);
  }
  const file = args[0];
  const options = holdMs ? { holdMs } : {};
  const figures = file ? await measure(file, options) : await run(options);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(64)}  ${v}\n`);
  process.exit(0);
}
