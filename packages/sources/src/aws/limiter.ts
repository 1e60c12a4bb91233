/**
 * Tiny concurrency and rate limiters (no dependency): bounded concurrency per account, per Region and per API,
 * and the few documented per-account call rates.
 */

/** At most `limit` holders at once; waiters are served in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else this.active -= 1;
  }

  /** Runs `task` holding one slot. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  get inUse(): number {
    return this.active;
  }
}

/** Spaces starts at least `1000 / perSecond` ms apart (a steady rate, no bursts). */
export class RateLimiter {
  private nextSlot = 0;

  constructor(
    readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`perSecond must be positive, got ${perSecond}`);
  }

  /** Resolves when the caller may start. */
  async take(): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
  }
}

/**
 * One semaphore of `limit` slots per key, created on first use and forgotten when its last user is done: the keys
 * are account × Region × API, over 150,000 of them at 2,000 accounts, each used for a few calls of one account.
 * A key is kept while any call holds it, waits on it or is about to, so no two semaphores ever exist for one key.
 */
export class KeyedSemaphores {
  private readonly byKey = new Map<string, { semaphore: Semaphore; users: number }>();

  constructor(private readonly limit: number) {}

  /** The semaphore of `key` for one use (acquire and release it); pair every `use` with one `done`. */
  use(key: string): Semaphore {
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { semaphore: new Semaphore(this.limit), users: 0 };
      this.byKey.set(key, entry);
    }
    entry.users += 1;
    return entry.semaphore;
  }

  /** One use of `key` is over (its slot released). */
  done(key: string): void {
    const entry = this.byKey.get(key);
    if (entry && --entry.users === 0) this.byKey.delete(key);
  }

  /** Keys in use now. */
  get size(): number {
    return this.byKey.size;
  }
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const semaphore = new Semaphore(Math.max(1, limit));
  return Promise.all(items.map((item, index) => semaphore.run(() => task(item, index))));
}
