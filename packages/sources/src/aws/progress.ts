/**
 * Progress of a collection: counted by the collector, reported (throttled) through `onProgress`. The library
 * writes nothing itself; `createProgressLine` is the terminal rendering the CLI plugs in.
 */

/** A progress report. */
export interface CollectProgress {
  accountsDone: number;
  accountsTotal: number;
  /** Account × Region observations finished / known so far (grows while Regions are discovered). */
  regionsDone: number;
  regionsTotal: number;
  apiCalls: number;
  errors: number;
  elapsedMs: number;
  /** Set on the last report of a run. */
  done?: boolean;
}

/** Counts progress and calls `onProgress` at most every `intervalMs` (and always once at the end). */
export class ProgressTracker {
  private readonly state = { accountsDone: 0, accountsTotal: 0, regionsDone: 0, regionsTotal: 0, errors: 0 };
  private readonly started: number;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;

  constructor(
    private readonly onProgress: ((p: CollectProgress) => void) | undefined,
    private readonly apiCalls: () => number,
    private readonly intervalMs = 100,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
  }

  setAccounts(total: number): void {
    this.state.accountsTotal = total;
    this.changed();
  }

  accountDone(): void {
    this.state.accountsDone += 1;
    this.changed();
  }

  addRegions(count: number): void {
    this.state.regionsTotal += count;
    this.changed();
  }

  regionDone(): void {
    this.state.regionsDone += 1;
    this.changed();
  }

  errorRecorded(): void {
    this.state.errors += 1;
    this.changed();
  }

  snapshot(done = false): CollectProgress {
    return {
      ...this.state,
      apiCalls: this.apiCalls(),
      elapsedMs: Math.round(this.clock() - this.started),
      ...(done ? { done: true } : {}),
    };
  }

  /** The final report. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.onProgress?.(this.snapshot(true));
  }

  private changed(): void {
    if (!this.onProgress || this.finished) return;
    const wait = this.lastEmit + this.intervalMs - this.clock();
    if (wait <= 0) {
      this.emit();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.emit(), wait);
      this.timer.unref?.();
    }
  }

  private emit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.finished) return;
    this.lastEmit = this.clock();
    this.onProgress?.(this.snapshot());
  }
}

/** `1,234` */
const count = (n: number) => n.toLocaleString('en-US');

/** One human line: `AWS: accounts 3/20 · Regions 12/40 · 1,234 API calls · 2 errors · 4.2 s`. */
export function formatProgress(p: CollectProgress): string {
  const errors = p.errors === 1 ? '1 error' : `${count(p.errors)} errors`;
  return (
    `AWS: accounts ${p.accountsDone}/${p.accountsTotal} · Regions ${p.regionsDone}/${p.regionsTotal} · ` +
    `${count(p.apiCalls)} API calls · ${errors} · ${(p.elapsedMs / 1000).toFixed(1)} s`
  );
}

/**
 * A live progress line for `stream` (stderr): redrawn in place on a terminal and erased when the run ends;
 * nothing at all when the stream is not a terminal, so logs and pipes stay clean.
 */
export function createProgressLine(stream: NodeJS.WriteStream): (p: CollectProgress) => void {
  if (!stream.isTTY) return () => {};
  return (p) => {
    if (p.done) {
      stream.write('\r\x1b[2K');
      return;
    }
    const width = Math.max(20, (stream.columns || 80) - 1);
    const line = formatProgress(p);
    stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  };
}
