/**
 * The UI thread's side of the source worker (a process of its own: sourceProcess.ts): starts it (at start-up,
 * before Ink is loaded, so the first load begins at once), drives its refreshes through a `Refresher` (one at a
 * time, back-off, last good data), tells it which screens are shown, and assembles the views it sends into
 * `ViewData` for the app.
 */
import { screenKey, type Row, type Screen, type ViewModel } from '../views/screen.js';
import { screenTitle } from '../views/titles.js';
import { Refresher, type RefreshState } from './refresher.js';
import type { FromWorker, SourceWorkerInput, ToWorker, ViewHead } from './protocol.js';
import type { DataMeta, ViewData } from './viewData.js';
import { applyPatch } from './viewPatch.js';
import { shareRowStrings } from './shareRowStrings.js';
import { collectGarbage } from './collectGarbage.js';
import { SourceProcess } from './sourceProcess.js';
import { limitHeapGrowth } from './heapGrowth.js';

/**
 * A view at least this long, arrived whole (not as a patch), is followed by a full collection on the UI thread
 * when its data is committed. Its rows (~80 MB at 100,000 assets) have just been copied from message to message
 * into the old generation; left to V8, that debt is paid in the first seconds of the list: a mark of the whole
 * UI heap held ↓ for 260–620 ms at 100,000 assets. Paid at the commit, it delays the list's first frame by
 * ~100 ms, while the screen is changing anyway.
 */
export const COLLECT_AFTER_ROWS = 20_000;

interface Shown {
  view: ViewModel;
  crumb: string;
}

interface Building {
  head: ViewHead;
  crumb: string;
  rows: Row[];
}

interface PendingRefresh {
  id: number;
  resolve: (data: ViewData) => void;
  reject: (error: Error) => void;
}

/** What the app needs from the model layer (this class, or a fake in tests). */
export interface DataModel {
  readonly snapshot: RefreshState<ViewData>;
  subscribe(listener: (state: RefreshState<ViewData>) => void): () => void;
  refreshNow(): Promise<void> | void;
  /** The screens on the stack, so their views are fetched and kept current. */
  show?(screens: readonly Screen[]): void;
}

const viewOf = (head: ViewHead, rows: readonly Row[]): ViewModel => ({ ...head, rows });

/** The data source, run on its worker. */
export class SourceModel implements DataModel {
  private readonly worker: SourceProcess;
  private readonly refresher: Refresher<ViewData>;
  private readonly listeners = new Set<(state: RefreshState<ViewData>) => void>();
  private readonly shown = new Map<string, Shown>();
  private readonly building = new Map<string, Building>();
  /** Views complete since the last commit. */
  private readonly ready = new Map<string, Shown>();
  private wanted = new Set<string>();
  private current: ViewData | undefined;
  private pending: PendingRefresh | undefined;
  private nextId = 1;
  private closing = false;
  private dead: Error | undefined;
  /** The error of the last failed load (the refresher keeps only its message). */
  lastError: Error | undefined;
  private fatal: ((error: Error) => void) | undefined;
  /** Whether a long view arrived whole since the last commit (COLLECT_AFTER_ROWS). */
  private collectAtCommit = false;
  private readonly collect: () => void;

  /**
   * Called when the worker stops unexpectedly (the app cannot go on without it) — at once when it has already
   * stopped (it is started before the app is loaded).
   */
  get onFatal(): ((error: Error) => void) | undefined {
    return this.fatal;
  }

  set onFatal(listener: ((error: Error) => void) | undefined) {
    this.fatal = listener;
    if (listener && this.dead && !this.closing) listener(this.dead);
  }

  /**
   * `worker`: the source worker's file, or the worker itself when it was started earlier (main.tsx starts it
   * before anything else is loaded, so its modules load while the options are parsed and Ink is loaded).
   * `collect`: the UI thread's full collection (injected in tests).
   */
  constructor(worker: URL | SourceProcess, input: SourceWorkerInput, intervalMs: number, collect: () => void = collectGarbage) {
    this.collect = collect;
    // The UI's heap kept near what it keeps alive, as the worker keeps its own (heapGrowth.ts).
    limitHeapGrowth();
    this.worker = worker instanceof SourceProcess ? worker : new SourceProcess(worker);
    this.post({ type: 'start', input });
    // The worker's channel keeps the process alive while an answer is awaited (unref'd, a first load failing
    // before Ink read the keyboard let the process end with nothing said); the app ends with process.exit
    // (run.tsx), which closes the channel and so ends the worker.
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    const die = (error: Error): void => {
      if (this.closing) return;
      this.dead ??= error;
      this.lastError = error;
      this.pending?.reject(error);
      this.pending = undefined;
      this.fatal?.(error);
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code, signal) => die(new Error(`source worker stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`)));
    this.refresher = new Refresher<ViewData>({ intervalMs, load: (now) => this.load(now) });
    this.refresher.subscribe(() => this.emit());
  }

  get snapshot(): RefreshState<ViewData> {
    const state = this.refresher.snapshot;
    return this.current ? { ...state, data: this.current } : state;
  }

  subscribe(listener: (state: RefreshState<ViewData>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the refresh loop (the first load is asked for at once). */
  start(): void {
    this.refresher.start();
  }

  refreshNow(): Promise<void> {
    return this.refresher.refreshNow();
  }

  show(screens: readonly Screen[]): void {
    const wanted = screens.filter((s) => s.kind !== 'help').map((screen) => ({ key: screenKey(screen), screen }));
    const keys = new Set(wanted.map((w) => w.key));
    if (keys.size === this.wanted.size && [...keys].every((k) => this.wanted.has(k))) return;
    this.wanted = keys;
    // Forgotten on both sides at once, so a patch never refers to rows only one side has.
    for (const map of [this.shown, this.building, this.ready]) for (const key of [...map.keys()]) if (!keys.has(key)) map.delete(key);
    this.post({ type: 'want', screens: wanted });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.refresher.stop();
    await this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private emit(): void {
    const state = this.snapshot;
    for (const listener of this.listeners) listener(state);
  }

  private load(now: number): Promise<ViewData> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<ViewData>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.post({ type: 'refresh', id, now });
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'view':
        return this.receiveView(message);
      case 'commit': {
        for (const [key, shown] of this.ready) this.shown.set(key, shown);
        this.ready.clear();
        this.current = remoteViewData(message.meta, new Map(this.shown));
        if (this.collectAtCommit) {
          this.collectAtCommit = false;
          this.collect();
        }
        if (message.refresh !== undefined && this.pending?.id === message.refresh) {
          const pending = this.pending;
          this.pending = undefined;
          // The refresher publishes it (with its status).
          pending.resolve(this.current);
        } else this.emit();
        return;
      }
      case 'unchanged':
        if (this.pending?.id === message.refresh && this.current) {
          const pending = this.pending;
          this.pending = undefined;
          pending.resolve(this.current);
        }
        return;
      case 'failed': {
        // The posture being evaluated will not come from this load: the status line says what failed, and no
        // longer that it is evaluating (the inventory stays on screen until a retry judges it).
        const stopped = this.current?.meta.evaluating !== undefined;
        if (stopped && this.current) {
          const { capturedAt, judgedAt } = this.current.meta;
          this.current = remoteViewData({ capturedAt, judgedAt }, new Map(this.shown));
        }
        if (this.pending?.id === message.refresh) {
          const pending = this.pending;
          this.pending = undefined;
          this.lastError = Object.assign(new Error(message.error.message), { name: message.error.name });
          // The refresher publishes the failure (with the data above).
          pending.reject(this.lastError);
        } else if (stopped) this.emit();
        return;
      }
    }
  }

  private receiveView(message: Extract<FromWorker, { type: 'view' }>): void {
    const { key } = message;
    if (!this.wanted.has(key)) return;
    shareRowStrings(message.rows);
    if (message.reset) {
      this.building.set(key, { head: message.head, crumb: message.crumb, rows: message.rows });
    } else if (message.same || message.order) {
      // Patches apply to the rows last sent: the newest complete view of this key.
      const base = this.ready.get(key) ?? this.shown.get(key);
      if (!base) return;
      const rows = message.same ? base.view.rows : applyPatch(base.view.rows, message.order as Int32Array, message.rows);
      const unchanged = message.same && JSON.stringify(message.head) === JSON.stringify(headOf(base.view)) && message.crumb === base.crumb;
      this.ready.set(key, unchanged ? base : { view: viewOf(message.head, rows), crumb: message.crumb });
      return;
    } else {
      const building = this.building.get(key);
      if (!building) return;
      for (const row of message.rows) building.rows.push(row);
    }
    if (message.done) {
      const building = this.building.get(key);
      if (!building) return;
      this.building.delete(key);
      this.ready.set(key, { view: viewOf(building.head, building.rows), crumb: building.crumb });
      if (building.rows.length >= COLLECT_AFTER_ROWS) this.collectAtCommit = true;
    }
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

function remoteViewData(meta: DataMeta, shown: ReadonlyMap<string, Shown>): ViewData {
  return {
    meta,
    view: (screen) => shown.get(screenKey(screen))?.view,
    title: (screen) => shown.get(screenKey(screen))?.crumb ?? screenTitle(undefined, screen),
  };
}
