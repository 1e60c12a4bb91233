/**
 * The monthly pack scheduler: a node-cron task that, on each run, collects and then packs every month that is due
 * (the previous month, and any month of the look-back whose pack is missing though the ledger saw it — see
 * duePacks.ts), oldest first, one at a time. At most one cycle runs at a time (a run that comes due while one is in
 * progress is skipped and logged); on start, and when node-cron reports a missed run (the machine slept), a cycle
 * starts if a pack is due; a failed cycle is retried with back-off. A month is packed only once it has ended in
 * UTC, whatever --timezone says: a pack is never sealed early.
 */
import { createTask, validate, type ScheduledTask } from 'node-cron';
import { InputError } from '@vaultscope/core';
import type { HistoryCoverage } from '@vaultscope/ledger';
import { planPacks, type PackPlan } from './duePacks.js';
import type { JsonLogger } from './log.js';

/** How long AWS Backup keeps job history (aws-reference §1.8). */
const AWS_HISTORY_DAYS = 30;

/** Longest interval between consecutive run times, in days. */
function longestGapDays(runs: readonly Date[]): number {
  let longest = 0;
  for (let i = 1; i < runs.length; i++) longest = Math.max(longest, ((runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0)) / 86_400_000);
  return longest;
}

/** What packing one month did. */
export interface CycleOutcome {
  period: string;
  /** The pack was written by this cycle. */
  packed: boolean;
  dir?: string;
  /** Why no pack was written (for example: it already exists), or what recording the observation did. */
  note?: string;
}

/** What one cycle did: the collection, then each month it packed, oldest first. */
export interface CycleResult {
  collected?: string;
  packs: CycleOutcome[];
}

/** The work and the world the scheduler drives. */
export interface SchedulerDeps {
  now(): Date;
  /** Records one observation of the source in the ledger; returns a line saying what it recorded. */
  collect(): Promise<string | undefined>;
  /** Builds the pack for `period` from the ledger (the cycle has just collected). */
  pack(period: string, reason: CycleReason): Promise<CycleOutcome>;
  /** Whether the pack for `period` is already there. */
  packExists(period: string): Promise<boolean>;
  /** The span of job history the ledger holds (empty when it holds none, or lives only in memory). */
  history(): Promise<HistoryCoverage>;
  /** Runs once a cycle's packs are all written (ledger retention: never before a pack has read its month). */
  afterPacks?(): Promise<string | undefined>;
  log: JsonLogger;
}

export type CycleReason = 'scheduled' | 'catch-up' | 'missed' | 'retry' | 'once';

/** Cron expression (node-cron syntax, 5 or 6 fields) and the time zone it is read in. */
export interface ScheduleOptions {
  cron: string;
  timezone?: string;
  /** How many months back a cycle looks for missing packs (default 12; 0: only the month the run is for). */
  catchUpMonths?: number;
  /** Wait before retrying a failed cycle (default one hour), doubled after each further failure up to a day. */
  retryAfterMs?: number;
}

/** Months a cycle looks back for missing packs unless told otherwise. */
export const DEFAULT_CATCH_UP_MONTHS = 12;
const HOUR = 3_600_000;
const MAX_RETRY_MS = 24 * HOUR;

/** Validates a cron expression and time zone up front, as user errors. */
export function checkSchedule(options: ScheduleOptions): void {
  if (!validate(options.cron)) throw new InputError(`--cron: "${options.cron}" is not a valid cron expression (e.g. "0 6 1 * *": 06:00 on the 1st)`);
  if (options.timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: options.timezone });
    } catch {
      throw new InputError(`--timezone: "${options.timezone}" is not a known IANA time zone`);
    }
  }
}

/** Runs cycles on a cron schedule, catches up missing packs, and retries a failed cycle with back-off. */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<CycleResult | undefined> | undefined;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly options: ScheduleOptions,
    private readonly deps: SchedulerDeps,
  ) {
    checkSchedule(options);
  }

  /** Starts the cron task, after starting a catch-up cycle if any pack is due. */
  async start(): Promise<void> {
    const log = this.deps.log;
    // Failures are logged by tick(); node-cron only needs to know when the cycle is over.
    const task = createTask(this.options.cron, () => this.tick('scheduled').catch(() => undefined), {
      name: 'vaultscope-pack',
      noOverlap: true,
      ...(this.options.timezone ? { timezone: this.options.timezone } : {}),
      logger: {
        info: (message: string) => log('cron.info', { message }),
        warn: (message: string) => log('cron.warn', { message }, 'warn'),
        error: (message: string | Error) => log('cron.error', { message: String(message) }, 'error'),
        debug: () => undefined,
      },
    });
    task.on('execution:missed', (context) => {
      log('cron.missed', { slot: context.date.toISOString() }, 'warn');
      this.catchUp('missed').catch((error: unknown) => log('catch-up.failed', { error: String(error) }, 'error'));
    });
    this.task = task;
    await task.start();
    log('schedule.started', {
      cron: this.options.cron,
      timezone: this.options.timezone ?? 'UTC',
      catchUpMonths: this.catchUpMonths(),
      next: task.getNextRun()?.toISOString() ?? null,
    });
    const gapDays = longestGapDays(task.getNextRuns(40));
    if (gapDays > AWS_HISTORY_DAYS) {
      log('schedule.warning', {
        message: `runs are up to ${Math.round(gapDays)} days apart but AWS keeps job history for only ${AWS_HISTORY_DAYS} days, so jobs can be missed; collect at least weekly (e.g. --cron "0 6 * * *": each run collects, and the month's pack is still written once)`,
      }, 'warn');
    }
    await this.catchUp('catch-up');
  }

  private catchUpMonths(): number {
    return this.options.catchUpMonths ?? DEFAULT_CATCH_UP_MONTHS;
  }

  /**
   * Starts a cycle (without waiting for it) when a pack is due, judged before collecting: a restart alone does not
   * collect. The cycle plans again after its collection, which may have widened the history.
   */
  private async catchUp(reason: CycleReason): Promise<void> {
    if (this.running) return;
    const plan = await this.plan(reason);
    if (plan.due.length === 0) return;
    this.deps.log('catch-up.due', { reason, periods: plan.due.map((d) => d.period) });
    // Failures are logged by tick(), which also arms the retry.
    this.tick(reason).catch(() => undefined);
  }

  /** Decides which months to pack now and logs the decision about each month looked at. */
  private async plan(reason: CycleReason): Promise<PackPlan> {
    const { log, now } = this.deps;
    let history: HistoryCoverage;
    try {
      history = await this.deps.history();
    } catch (error) {
      // An unreadable ledger must not stop the month the run is for: plan as if it held nothing.
      log('history.unreadable', { reason, error: error instanceof Error ? error.message : String(error) }, 'warn');
      history = {};
    }
    const plan = await planPacks({
      now: now(),
      ...(this.options.timezone ? { timezone: this.options.timezone } : {}),
      lookBackMonths: this.catchUpMonths(),
      history,
      packExists: (period) => this.deps.packExists(period),
    });
    const { notEnded } = plan.target;
    if (notEnded) {
      log('pack.deferred', {
        reason,
        period: notEnded.period,
        why: `${notEnded.period} has not ended in UTC yet (it ends ${notEnded.endsAt}; packs cover UTC months), so it is packed by the first run after that; this run works on ${plan.target.period}`,
      });
    }
    log('catch-up.checked', { reason, lookBackMonths: this.catchUpMonths(), history, months: plan.decisions });
    return plan;
  }

  /**
   * Runs one cycle now — collect, then pack every due month oldest first, one at a time — unless one is already
   * running (then it is skipped and logged). A failed cycle is retried after the back-off when the schedule runs.
   */
  tick(reason: CycleReason): Promise<CycleResult | undefined> {
    const log = this.deps.log;
    if (this.stopping) return Promise.resolve(undefined);
    if (this.running) {
      log('cycle.skipped', { reason, why: 'the previous cycle is still running' }, 'warn');
      return Promise.resolve(undefined);
    }
    const started = this.deps.now().getTime();
    const seconds = (): number => (this.deps.now().getTime() - started) / 1000;
    const run = (async (): Promise<CycleResult> => {
      log('cycle.started', { reason });
      try {
        const collected = await this.deps.collect();
        const plan = await this.plan(reason);
        const packs: CycleOutcome[] = [];
        for (const { period, why } of plan.due) {
          if (this.stopping) break;
          log('pack.started', { reason, period, why });
          const outcome = await this.deps.pack(period, reason).catch((error: unknown) => {
            log('pack.failed', { reason, period, error: error instanceof Error ? error.message : String(error) }, 'error');
            throw error;
          });
          packs.push(outcome);
          log('pack.finished', { reason, ...outcome });
        }
        const after = await this.deps.afterPacks?.();
        this.clearRetry();
        log('cycle.finished', {
          reason,
          packed: packs.filter((p) => p.packed).map((p) => p.period),
          ...(collected ? { collected } : {}),
          ...(after ? { after } : {}),
          seconds: seconds(),
        });
        return { ...(collected ? { collected } : {}), packs };
      } catch (error) {
        const retryAt = this.armRetry();
        log('cycle.failed', { reason, error: error instanceof Error ? error.message : String(error), ...(retryAt ? { retryAt } : {}), seconds: seconds() }, 'error');
        throw error;
      } finally {
        this.running = undefined;
      }
    })();
    this.running = run;
    run.catch(() => undefined);
    return run;
  }

  /**
   * After a failure, retry in an hour (then two, four… up to a day) rather than at the next cron time, which for
   * a monthly cron is a month away. Only a started schedule retries: `--once` reports the failure and exits.
   */
  private armRetry(): string | undefined {
    if (!this.task || this.stopping) return undefined;
    const delay = Math.min((this.options.retryAfterMs ?? HOUR) * 2 ** this.failures, MAX_RETRY_MS);
    this.failures++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.tick('retry').catch(() => undefined);
    }, delay);
    return new Date(this.deps.now().getTime() + delay).toISOString();
  }

  private clearRetry(): void {
    this.failures = 0;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Resolves when no cycle is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Stops scheduling (a pending retry included) and waits for a running cycle to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.task?.stop();
    await this.idle();
    await this.task?.destroy();
    this.deps.log('schedule.stopped');
  }
}
