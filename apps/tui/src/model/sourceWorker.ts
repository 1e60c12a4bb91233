/**
 * The source worker, started with the app in a process of its own (sourceProcess.ts): it owns the data source from
 * the first load on — generates the demo, reads the snapshot (again only when the file changes) or polls AWS —
 * evaluates, indexes, and builds the view models of the screens the UI shows. Only those views cross to the UI
 * thread, and after the first time only what changed in them (viewPatch.ts), in parts small enough that the UI never
 * stops to read one: at 100,000 assets the estate and its posture are hundreds of megabytes that the UI thread never
 * sees.
 */
import type { Estate } from '@vaultscope/core';
import { loadPolicy, type EstateBeforeJobs } from '@vaultscope/sources';
import { createObserver, type Observed } from '../app/model/loadData.js';
import { buildOrgData, type OrgData } from './orgData.js';
import { forgetView, viewOf } from '../views/resolve.js';
import type { Row, Screen, ViewModel } from '../views/screen.js';
import { screenTitle } from '../views/titles.js';
import { COMMAND_LINE_ARG, type FromWorker, type SourceWorkerInput, type ToWorker, type ViewHead } from './protocol.js';
import { diffRows, digestRows, sentRows, type SentRows } from './viewPatch.js';
import type { DataMeta } from './viewData.js';
import { MAX_CACHED_ROWS, readViewCache, snapshotIdentity, writeViewCache, type CachedView } from './viewCache.js';
import { traceMemory, tracingMemory } from './memoryTrace.js';
import { collectGarbage } from './collectGarbage.js';
import { parseCli } from '../cli.js';
import { workerInput } from './workerInput.js';
import { lowerThisProcess } from './threadPriority.js';
import { freeHeapGrowth, limitHeapGrowth } from './heapGrowth.js';
import { evaluatingLine, inventoryOf, inventoryView, type ReadSoFar } from '../views/org/orgInventory.js';

/** Rows per message: each part is read by the UI thread in a few milliseconds. */
export const ROWS_PER_PART = 2_000;

/**
 * A snapshot with at least this many assets shows the Organization screen of its inventory while its posture is
 * evaluated (orgInventory.ts): evaluation takes ~45 µs an asset, so from here on it is a wait worth showing
 * something during. Smaller ones (and the demo) show their judged screen at once, with no unevaluated flash.
 */
export const INVENTORY_FIRST_FROM_ASSETS = 5_000;

// This process's heap (the UI's process sets its own: sourceClient.ts).
limitHeapGrowth();

// The UI is gone (quit, or killed) when its channel closes: nothing is left to observe for.
process.on('disconnect', () => process.exit(0));
// The keyboard's signals are the UI's to answer (in raw mode the terminal sends none); this process ends with
// the channel above.
process.on('SIGINT', () => undefined);

/** What the source needs, set up when the UI thread's `start` message gives the options. */
interface Started {
  input: SourceWorkerInput;
  observer: Promise<(now: number) => Promise<Observed>>;
  snapshotPath: string | undefined;
  cacheDir: string | undefined;
  /** The snapshot's identity now (undefined when views are not kept: viewCache.ts). */
  identity: () => Promise<string | undefined>;
  /** A snapshot's first screens from the last run (viewCache.ts), read at once. */
  cached: Promise<{ identity: string; views: Awaited<ReturnType<typeof readViewCache>> } | undefined>;
  /**
   * The first observation, begun at start (demo and snapshot), taken by the UI thread's first refresh (asked for
   * once the UI has loaded) instead of observing again.
   */
  first: Promise<Observation> | undefined;
}

/** One observation, with the snapshot's identity from before the read (keepViews compares it with the one after). */
interface Observation {
  before: string | undefined;
  observed: Observed;
}
let started: Started | undefined;

function start(input: SourceWorkerInput): Started {
  const policyLoaded = loadPolicy(input.policyPath);
  const observer = (async (): Promise<(now: number) => Promise<Observed>> => {
    const { policy, hash } = await policyLoaded;
    const windowDays = policy.evaluationWindowDays;
    const onRead = (estate: Estate, judgedAt: number): void => showInventory({ jobsRead: true, estate }, judgedAt, windowDays);
    const onReadBeforeJobs = (estate: EstateBeforeJobs, judgedAt: number): void => showInventory({ jobsRead: false, estate }, judgedAt, windowDays);
    return createObserver({ spec: input.spec, policy, policyHash: hash, ...(input.seed !== undefined ? { seed: input.seed } : {}), label: '', beforeReread: forget, onRead, onReadBeforeJobs, afterRead: collectGarbage, ...(input.aws ? { aws: input.aws } : {}) });
  })();
  // A rejection is answered to the first refresh; do not crash the worker before then.
  observer.catch(() => undefined);
  /**
   * A snapshot's first screens from the last run, read at once (viewCache.ts): shown while the file is read and
   * evaluated again, when nothing it depends on changed.
   */
  const snapshotPath = input.spec.kind === 'snapshot' ? input.spec.path : undefined;
  const cacheDir = input.cacheDir;
  const identity = async (): Promise<string | undefined> => (cacheDir && snapshotPath ? snapshotIdentity(snapshotPath, (await policyLoaded).hash) : undefined);
  // Worked out once at start, for the kept views and for the first observation alike.
  const atStart = identity();
  const cached = (async () => {
    const id = await atStart;
    if (!cacheDir || !snapshotPath || !id) return undefined;
    return { identity: id, views: await readViewCache(cacheDir, snapshotPath, id) };
  })().catch(() => undefined);
  void cached.then((c) => {
    keptViews = c?.views !== undefined;
  });
  // The first read and evaluation of a snapshot, or generation of the demo, keeps most of what it allocates: V8's
  // own heap growth until it is evaluated, limited again before it is indexed and the collection after sending
  // sizes the heap (heapGrowth.ts).
  if (input.spec.kind !== 'aws') freeHeapGrowth();
  // Not for AWS: its first refresh polls anyway. A failure is the first refresh's to answer. A snapshot is read once
  // its kept views are looked for (a few ms), so whether they are shown, or the inventory, is known by then.
  const first =
    input.spec.kind === 'aws' ? undefined : snapshotPath ? cached.then(() => observeAt(observer, atStart, Date.now())) : observeAt(observer, atStart, Date.now());
  first?.catch(() => undefined);
  void first?.finally(limitHeapGrowth).catch(() => undefined);
  return { input, observer, snapshotPath, cacheDir, identity, cached, first };
}

/** Observes at `now`; `before` is the snapshot's identity taken before the read. */
async function observeAt(observer: Started['observer'], before: Promise<string | undefined>, now: number): Promise<Observation> {
  const observe = await observer;
  const identity = await before;
  return { before: identity, observed: await observe(now) };
}

let data: OrgData | undefined;
/**
 * The Organization screen of the estate read but not judged yet, built once, and the meta it is committed with
 * (the first load of a large snapshot).
 */
let inventory: { view: ViewModel; meta: DataMeta } | undefined;
/** Whether any data was judged yet: only the first load shows an inventory (later ones keep the judged views). */
let judgedOnce = false;
/** Whether the last run's views of this snapshot were found: they, not an inventory, are shown meanwhile. */
let keptViews = false;
/**
 * Lets go of the current data before a changed snapshot is read again (the UI keeps the views it has; a screen
 * opened meanwhile waits for the new data).
 */
function forget(): void {
  data = undefined;
  inventory = undefined;
  lastObserved = undefined;
  // The rows last sent are the old data's views: remembered by digest, they go with it.
  for (const [key, rows] of sent) sent.set(key, digestRows(rows));
  // Freed now, not when the heap has grown past it with the next generation (collectGarbage.ts).
  collectGarbage();
}

let meta: DataMeta | undefined;
let lastObserved: Observed | undefined;
let wanted = new Map<string, Screen>();
const sent = new Map<string, SentRows>();

/** Whether the first screen's views were sent, and whether this process was lowered since. */
let firstViewsSent = false;
let lowered = false;

function post(message: FromWorker): void {
  process.send?.(message);
  if (message.type === 'view') firstViewsSent = true;
  // Once the first screen is committed, the UI must win the CPU over a refresh (threadPriority.ts). Not before:
  // until then the UI waits for this process's work, and lowered from the start the demo's first screen came
  // ~250 ms later (1,812–1,835 against 1,395–1,632 ms, bench/tui/demoStart.js).
  if (message.type === 'commit' && firstViewsSent && !lowered) {
    lowered = true;
    lowerThisProcess();
  }
}

const headOf = (view: ViewModel): ViewHead => ({
  kind: view.kind,
  title: view.title,
  header: view.header,
  ...(view.tabs ? { tabs: view.tabs } : {}),
  columns: view.columns,
  empty: view.empty,
});

/**
 * Sends the view of a screen: what changed since it was last sent, or all of it in parts. A long list (more rows
 * than views are kept for: `:assets` is 100,000 rows, ~85 MB here) is let go once sent and remembered by digest:
 * the worker's heap is at its largest just before a re-read, holding everything, and these rows are only needed
 * again to tell what changed at the next refresh, which builds them anew.
 */
function sendView(org: OrgData, key: string, screen: Screen): void {
  const view = viewOf(org, screen);
  const head = headOf(view);
  const crumb = screenTitle(org, screen);
  const long = view.rows.length > MAX_CACHED_ROWS;
  if (long) forgetView(org, screen);
  const prev = sent.get(key);
  if (prev) {
    const { patch, sent: next } = diffRows(prev, view.rows, { digests: long });
    sent.set(key, next);
    if (patch.same) return post({ type: 'view', key, crumb, head, reset: false, same: true, rows: [], done: true });
    if (patch.changed.length <= ROWS_PER_PART) {
      return post({ type: 'view', key, crumb, head, reset: false, order: patch.order, rows: patch.changed, done: true });
    }
  } else sent.set(key, long ? digestRows(sentRows(view.rows)) : sentRows(view.rows));
  const rows = view.rows;
  if (rows.length === 0) return post({ type: 'view', key, crumb, head, reset: true, rows: [], done: true });
  for (let at = 0; at < rows.length; at += ROWS_PER_PART) {
    post({ type: 'view', key, crumb, head, reset: at === 0, rows: rows.slice(at, at + ROWS_PER_PART) as Row[], done: at + ROWS_PER_PART >= rows.length });
  }
}

/** Sends the kept views of the screens asked for while no data is loaded yet, as if the data were on hand. */
function sendCached(keys: readonly [string, Screen][]): void {
  void started?.cached.then((c) => {
    if (data || !c?.views) return;
    let any = false;
    for (const [key] of keys) {
      const hit = c.views.views.get(key);
      if (!hit || !wanted.has(key)) continue;
      sent.set(key, sentRows(hit.view.rows));
      post({ type: 'view', key, crumb: hit.crumb, head: headOf(hit.view), reset: true, rows: hit.view.rows as Row[], done: true });
      any = true;
    }
    if (any) post({ type: 'commit', meta: c.views.meta });
  });
}

/**
 * The first read of a large snapshot, before its posture is evaluated: the Organization screen of what the estate
 * alone tells goes to the UI at once (called synchronously between the read and the evaluation, which holds this
 * thread for seconds; the UI thread draws meanwhile) — and before that, once its accounts and Regions are read,
 * the same screen without the job figures, while the jobs (most of the file) are read.
 */
function showInventory(read: ReadSoFar, judgedAt: number, windowDays: number): void {
  if (judgedOnce || keptViews || data) return;
  let shown: typeof inventory;
  try {
    // The start of a file is not checked yet: one the whole-file check will refuse (and name) shows nothing early.
    if (!read.jobsRead && (typeof read.estate.capturedAt !== 'string' || !Number.isFinite(judgedAt))) return;
    const known = inventoryOf(read, judgedAt, windowDays);
    if (known.assets < INVENTORY_FIRST_FROM_ASSETS) return;
    shown = { view: inventoryView(known), meta: { capturedAt: read.estate.capturedAt, judgedAt, evaluating: evaluatingLine(known) } };
  } catch (error) {
    if (read.jobsRead) throw error;
    return;
  }
  inventory = shown;
  sendInventory([...wanted]);
}

/**
 * Sends the inventory's views among `keys` (the Organization screen; the others need the posture and wait), and
 * commits them with the line that says what is being evaluated.
 */
function sendInventory(keys: readonly [string, Screen][]): void {
  if (!inventory) return;
  const { view, meta: inventoryMeta } = inventory;
  for (const [key, screen] of keys) {
    if (screen.kind !== 'org') continue;
    sent.set(key, sentRows(view.rows));
    post({ type: 'view', key, crumb: screenTitle(undefined, screen), head: headOf(view), reset: true, rows: view.rows as Row[], done: true });
  }
  post({ type: 'commit', meta: inventoryMeta });
}

/**
 * Keeps the small views just built for the next start (snapshots only; after the UI has them) — only when the
 * file is the same before the read and after it, so the views are surely the views of that file.
 */
function keepViews(org: OrgData, dataMeta: DataMeta, before: string | undefined): void {
  const cacheDir = started?.cacheDir;
  const snapshotPath = started?.snapshotPath;
  if (!cacheDir || !snapshotPath || !before) return;
  void (async () => {
    if ((await started?.identity()) !== before || data !== org) return;
    // Only the views still held: a long list was let go once sent (sendView), and is not kept anyway.
    const held = [...wanted].filter(([key]) => sent.get(key)?.rows !== undefined);
    const views: CachedView[] = held.map(([key, screen]) => ({ key, crumb: screenTitle(org, screen), view: viewOf(org, screen) }));
    await writeViewCache(cacheDir, snapshotPath, before, dataMeta, views);
  })();
}

async function refresh(id: number, now: number): Promise<void> {
  try {
    if (!started) throw new Error('source worker: refresh before start');
    const first = started.first;
    started.first = undefined;
    traceMemory('refresh');
    const { before, observed } = await (first ?? observeAt(started.observer, started.identity(), now));
    if (observed === lastObserved && data) return post({ type: 'unchanged', refresh: id });
    traceMemory('observed');
    lastObserved = observed;
    // Dropped before the new data is indexed, so two generations of indexes never live at once.
    data = undefined;
    const org = buildOrgData(observed.estate, observed.posture, '');
    data = org;
    // Judged: the views sent now replace the inventory's (the commit's meta no longer says it is evaluating).
    inventory = undefined;
    judgedOnce = true;
    traceMemory('indexed');
    meta = { capturedAt: observed.estate.capturedAt, judgedAt: org.now };
    for (const [key, screen] of wanted) sendView(org, key, screen);
    post({ type: 'commit', meta, refresh: id });
    // The evaluation's temporaries and the rows sent before: dead, and hundreds of MB at 100,000 assets (the
    // demo's few MB are left to V8).
    if (started.input.spec.kind !== 'demo') collectGarbage();
    traceMemory('sent');
    keepViews(org, meta, before);
  } catch (error) {
    inventory = undefined;
    post({ type: 'failed', refresh: id, error: { name: (error as Error).name, message: (error as Error).message } });
  }
}

function want(screens: readonly { key: string; screen: Screen }[]): void {
  const next = new Map(screens.map((s) => [s.key, s.screen]));
  for (const key of [...sent.keys()]) if (!next.has(key)) sent.delete(key);
  const added = [...next].filter(([key]) => !wanted.has(key));
  wanted = next;
  if (!data && added.length) {
    if (inventory) sendInventory(added);
    else sendCached(added);
  }
  if (!data || !meta || !added.length) return;
  const org = data;
  for (const [key, screen] of added) sendView(org, key, screen);
  post({ type: 'commit', meta });
  // A long list just sent is garbage now (sendView); collected at once, or it stays in the heap, uncollected, while
  // the worker idles until the next re-read (100,000 `:assets` rows: ~90 MB).
  if (added.some(([key]) => sent.get(key)?.rows === undefined)) collectGarbage();
}

if (tracingMemory) setInterval(() => traceMemory('sample'), 100).unref();

// Refreshes run one at a time (the UI's refresher asks for the next only when one has ended); a screen asked
// for while one runs is answered from the data on hand.
// main.tsx hands the worker the command line: parsed here as the UI thread parses it, the source is observed
// from the start (a command line that does not run the app makes the UI thread exit, and this worker with it).
const [mode, ...argv] = process.argv.slice(2);
const parsed = mode === COMMAND_LINE_ARG ? parseCli(argv) : undefined;
if (parsed?.kind === 'run') started = start(workerInput(parsed.options));

// The worker is started before the UI thread has parsed the options (its modules load meanwhile): `start`
// comes first.
process.on('message', (message: ToWorker) => {
  if (message.type === 'start') started ??= start(message.input);
  else if (message.type === 'refresh') void refresh(message.id, message.now);
  else want(message.screens);
});
