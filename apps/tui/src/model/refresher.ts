/**
 * The model layer that owns refreshing, as k9s does it: one load at a time (a tick that comes while a load is
 * running is skipped), exponential back-off after errors, the last good data kept and its age reported.
 */
import { sanitize } from '@vaultscope/core';

/** What the views need to know about refreshing. */
export interface RefreshStatus {
  loading: boolean;
  /** One-line message of the last failed load; cleared by the next good one. */
  error?: string;
  /** Consecutive failed loads. */
  failures: number;
  lastSuccessAt?: number;
  lastAttemptAt?: number;
  nextAt?: number;
  intervalMs: number;
  /** Ticks skipped because a load was still running. */
  skipped: number;
}

/** Injected timing, so tests control the clock. */
export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface RefresherOptions<T> {
  load: (now: number) => Promise<T>;
  intervalMs: number;
  /** Longest wait between retries after errors. */
  maxBackoffMs?: number;
  timers?: Timers;
  /** Data already loaded (at `at`): the loop then starts with a wait instead of a load. */
  initial?: { data: T; at: number };
}

const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A snapshot of the refresher: its status and the last good data. */
export interface RefreshState<T> {
  status: RefreshStatus;
  data?: T;
}

/** The one message line of an error (AWS messages can be long and can carry control characters). */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return sanitize(message.split('\n')[0] ?? '').slice(0, 300) || 'load failed';
}

/** Owns the refresh loop of one data source. */
export class Refresher<T> {
  private state: RefreshState<T>;
  private readonly listeners = new Set<(state: RefreshState<T>) => void>();
  private readonly timers: Timers;
  private readonly maxBackoffMs: number;
  private timer: unknown;
  private stopped = false;

  constructor(private readonly options: RefresherOptions<T>) {
    this.timers = options.timers ?? systemTimers;
    this.maxBackoffMs = options.maxBackoffMs ?? Math.max(options.intervalMs, 5 * 60_000);
    const status: RefreshStatus = { loading: false, failures: 0, intervalMs: options.intervalMs, skipped: 0 };
    this.state = options.initial ? { data: options.initial.data, status: { ...status, lastSuccessAt: options.initial.at } } : { status };
  }

  /** The current status and data. */
  get snapshot(): RefreshState<T> {
    return this.state;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (state: RefreshState<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the loop: an immediate load, or a first wait when initial data was given. */
  start(): void {
    this.stopped = false;
    if (this.options.initial && this.state.status.lastSuccessAt === this.options.initial.at) {
      this.schedule(Math.max(0, this.options.initial.at + this.options.intervalMs - this.timers.now()));
    } else void this.tick();
  }

  /** Stops the loop; a load still running is ignored when it ends. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Loads now, unless a load is already running (then this is a no-op, as a tick would be). */
  refreshNow(): Promise<void> {
    return this.tick();
  }

  /** The wait before the next load: the interval, doubled per consecutive failure, capped. */
  delayAfter(failures: number): number {
    if (failures === 0) return this.options.intervalMs;
    return Math.min(this.maxBackoffMs, this.options.intervalMs * 2 ** failures);
  }

  private set(next: RefreshState<T>): void {
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    const nextAt = this.timers.now() + delay;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, delay);
    this.set({ ...this.state, status: { ...this.state.status, nextAt } });
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const status = this.state.status;
    if (status.loading) {
      this.set({ ...this.state, status: { ...status, skipped: status.skipped + 1 } });
      return;
    }
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const startedAt = this.timers.now();
    this.set({ ...this.state, status: { ...status, nextAt: undefined, loading: true, lastAttemptAt: startedAt } });
    try {
      const data = await this.options.load(startedAt);
      if (this.stopped) return;
      this.set({ data, status: { ...this.state.status, error: undefined, loading: false, failures: 0, lastSuccessAt: this.timers.now() } });
      this.schedule(this.delayAfter(0));
    } catch (error) {
      if (this.stopped) return;
      const failures = this.state.status.failures + 1;
      this.set({ ...this.state, status: { ...this.state.status, loading: false, failures, error: errorLine(error) } });
      this.schedule(this.delayAfter(failures));
    }
  }
}
