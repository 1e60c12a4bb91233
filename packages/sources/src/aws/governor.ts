/**
 * The call governor: one `initialize` middleware on every client that bounds concurrency globally, per account,
 * per Region and per API, keeps the documented per-account call rates, and counts API calls. Credential
 * fetches (AssumeRole) run in a separate lane with its own small bound: they happen inside governed calls.
 */
import { KeyedSemaphores, RateLimiter, Semaphore } from './limiter.js';
import type { Middleware, MiddlewareStackLike } from './middleware.js';
import { toOperationName } from './readOnly.js';

/** One API call as the governor saw it (before it was sent). */
export interface ApiCall {
  service: string;
  operation: string;
  accountId: string;
  region: string;
}

export interface CallLimits {
  global: number;
  perAccount: number;
  perRegion: number;
  perApi: number;
  /** Credential fetches in flight (a lane of its own, outside the other limits). */
  credentials: number;
}

/** How a client's calls are bounded: the governor's slots, or the credentials lane (see `middleware`). */
export type ClientLane = 'governed' | 'credentials';

/** Test seams for the rate limiters: a clock in milliseconds and a sleep. */
export interface RateTiming {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The limits derived from `--concurrency` (default 16): 1 makes the crawl strictly sequential. */
export function limitsFor(concurrency: number): CallLimits {
  const c = Math.max(1, Math.floor(concurrency));
  return {
    global: c,
    perAccount: Math.max(1, Math.ceil(c / 2)),
    perRegion: Math.max(1, Math.ceil(c / 4)),
    perApi: Math.max(1, Math.min(4, Math.ceil(c / 4))),
    credentials: Math.max(1, Math.min(4, Math.ceil(c / 4))),
  };
}

/** Documented per-account rate limits, keyed `service:Operation`. */
const RATE_LIMITS: Record<string, number> = {
  // "ListTagsOfResource is rate-limited to 10 calls per second per account" (DynamoDB API reference).
  'dynamodb:ListTagsOfResource': 10,
};

/** An account's `--timeout` ran out: the call was abandoned (recorded like any other fault; the run goes on). */
export class AccountDeadlineError extends Error {
  override readonly name = 'AccountDeadlineExceeded';
  constructor(accountId: string, seconds: number) {
    super(`the per-account deadline (--timeout ${seconds} s) for account ${accountId} ran out before this call finished`);
  }
}

/**
 * One account's deadline: it starts with the account's first call and ends every call still going after it.
 *
 * Calls wait on it through `race`, never through `Promise.race` with a promise that stays pending until the deadline:
 * each such race leaves a reaction on that promise holding the call's settled result (the whole HTTP response) until
 * the deadline passes, so a collection kept every answer of every account in memory (2.8 GB at 2,000 accounts).
 */
class Deadline {
  readonly at: number;
  private readonly waiting = new Set<(error: Error) => void>();
  private expired: AccountDeadlineError | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly accountId: string,
    private readonly ms: number,
  ) {
    this.at = Date.now() + ms;
    this.timer = setTimeout(() => this.expire(), ms);
    this.timer.unref();
  }

  /** The error of a call that ran into the deadline. */
  error(): AccountDeadlineError {
    return (this.expired ??= new AccountDeadlineError(this.accountId, this.ms / 1000));
  }

  /** Settles as `work` does, or rejects when the deadline passes first; once `work` settles nothing of it is kept. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.expired) {
      work.catch(() => undefined);
      return Promise.reject(this.expired);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      work.then(
        (value) => {
          this.waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(reject);
          reject(error);
        },
      );
    });
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  private expire(): void {
    const error = this.error();
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
  }
}

/** The per-account deadlines of a run, each started on the account's first call. */
class Deadlines {
  private readonly byAccount = new Map<string, Deadline>();

  constructor(private readonly ms: number) {}

  of(accountId: string): Deadline {
    let deadline = this.byAccount.get(accountId);
    if (!deadline) {
      deadline = new Deadline(accountId, this.ms);
      this.byAccount.set(accountId, deadline);
    }
    return deadline;
  }

  clear(): void {
    for (const deadline of this.byAccount.values()) deadline.clear();
  }
}

export class CallGovernor {
  private readonly global: Semaphore;
  private readonly perAccount: KeyedSemaphores;
  private readonly perRegion: KeyedSemaphores;
  private readonly perApi: KeyedSemaphores;
  private readonly credentialsLane: Semaphore;
  private readonly rates = new Map<string, RateLimiter>();
  private calls = 0;
  private readonly deadlines: Deadlines | undefined;

  constructor(
    readonly limits: CallLimits,
    private readonly onCall?: (call: ApiCall) => void,
    private readonly timing?: RateTiming,
    /** Per-account deadline in milliseconds (`--timeout`); none when absent. */
    accountTimeoutMs?: number,
  ) {
    this.deadlines = accountTimeoutMs ? new Deadlines(accountTimeoutMs) : undefined;
    this.credentialsLane = new Semaphore(limits.credentials);
    this.global = new Semaphore(limits.global);
    this.perAccount = new KeyedSemaphores(limits.perAccount);
    this.perRegion = new KeyedSemaphores(limits.perRegion);
    this.perApi = new KeyedSemaphores(limits.perApi);
  }

  /** API calls started so far (one per command, whatever the SDK's retries). */
  get apiCalls(): number {
    return this.calls;
  }

  /**
   * The middleware for one client (its service, account and Region are fixed). A `governed` client waits for its
   * API's rate and the API, Region, account and global slots; a `credentials` client (STS AssumeRole) only for the
   * credentials lane: the SDK refreshes credentials inside governed calls, so a refresh that needed one of their
   * slots could wait forever on the very calls that wait for it. Every call is counted either way.
   */
  middleware(service: string, accountId: string, region: string, lane: ClientLane = 'governed'): Middleware {
    return (next, context) => async (args) => {
      const operation = toOperationName(String(context.commandName ?? ''));
      const deadline = this.deadlines?.of(accountId);
      const call = async (): Promise<Awaited<ReturnType<typeof next>>> => {
        const rateKey = `${service}:${operation}`;
        const perSecond = lane === 'governed' ? RATE_LIMITS[rateKey] : undefined;
        if (perSecond !== undefined) await this.rateLimiter(`${accountId}/${rateKey}`, perSecond).take();
        // Always acquire narrow → wide and release all together, so waiting can never form a cycle.
        const keyed: Array<[KeyedSemaphores, string]> =
          lane === 'credentials'
            ? []
            : [
                [this.perApi, `${accountId}/${region}/${rateKey}`],
                [this.perRegion, `${accountId}/${region}`],
                [this.perAccount, accountId],
              ];
        const held = lane === 'credentials' ? [this.credentialsLane] : [...keyed.map(([pool, key]) => pool.use(key)), this.global];
        let acquired = 0;
        try {
          for (const semaphore of held) {
            await semaphore.acquire();
            acquired += 1;
          }
          // A call that got its slots only after the deadline is not sent at all.
          if (deadline && Date.now() >= deadline.at) throw deadline.error();
          this.calls += 1;
          this.onCall?.({ service, operation, accountId, region });
          return await next(args);
        } finally {
          for (const semaphore of held.slice(0, acquired).reverse()) semaphore.release();
          // Idle keys are forgotten: memory follows the calls in flight, not every account × Region × API seen.
          for (const [pool, key] of keyed) pool.done(key);
        }
      };
      // Outside the SDK's retries (this is the initialize step): a deadline ends the call and all its attempts. The
      // abandoned request ends by its own HTTP timeout or when the clients are destroyed.
      return deadline ? deadline.race(call()) : call();
    };
  }

  /** Account, Region and API keys with a call holding or waiting for a slot (test seam: idle keys are forgotten). */
  get keysInUse(): number {
    return this.perApi.size + this.perRegion.size + this.perAccount.size;
  }

  /** Stops the deadline timers (the collection is over). */
  close(): void {
    this.deadlines?.clear();
  }

  /** Adds the governor to a client's middleware stack, after the read-only guard. */
  addTo(stack: MiddlewareStackLike, service: string, accountId: string, region: string, lane: ClientLane = 'governed'): void {
    stack.add(this.middleware(service, accountId, region, lane), {
      step: 'initialize',
      priority: 'normal',
      name: 'vaultscopeCallGovernor',
      override: true,
    });
  }

  private rateLimiter(key: string, perSecond: number): RateLimiter {
    let limiter = this.rates.get(key);
    if (!limiter) {
      limiter = this.timing ? new RateLimiter(perSecond, this.timing.clock, this.timing.sleep) : new RateLimiter(perSecond);
      this.rates.set(key, limiter);
    }
    return limiter;
  }
}
