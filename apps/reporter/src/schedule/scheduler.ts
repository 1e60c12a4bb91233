/**
 * The monthly pack scheduler: a node-cron task that, on each run, collects and then packs the previous month.
 * At most one cycle runs at a time (a run that comes due while one is in progress is skipped and logged); on
 * start, and when node-cron reports a missed run (the machine slept), a pack that is due but missing is caught up.
 * A month is packed only once it has ended in UTC, whatever --timezone says: a pack is never sealed early.
 */
import { createTask, validate, type ScheduledTask } from 'node-cron';
import { InputError } from '@vaultscope/core';
import { monthToPack } from '../pack/period.js';
import type { JsonLogger } from './log.js';

/** How long AWS Backup keeps job history (aws-reference §1.8). */
const AWS_HISTORY_DAYS = 30;

/** Longest interval between consecutive run times, in days. */
function longestGapDays(runs: readonly Date[]): number {
  let longest = 0;
  for (let i = 1; i < runs.length; i++) longest = Math.max(longest, ((runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0)) / 86_400_000);
  return longest;
}

/** What one cycle did. */
export interface CycleOutcome {
  period: string;
  /** The pack was written by this cycle. */
  packed: boolean;
  dir?: string;
  /** Why no pack was written (for example: it already exists). */
  note?: string;
}

/** The work and the world the scheduler drives. */
export interface SchedulerDeps {
  now(): Date;
  /** Collects, then packs `period` unless its pack exists. */
  runCycle(period: string, reason: CycleReason): Promise<CycleOutcome>;
  /** Whether the pack for `period` is already there. */
  packExists(period: string): Promise<boolean>;
  log: JsonLogger;
}

export type CycleReason = 'scheduled' | 'catch-up' | 'missed' | 'once';

/** Cron expression (node-cron syntax, 5 or 6 fields) and the time zone it is read in. */
export interface ScheduleOptions {
  cron: string;
  timezone?: string;
}

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

/** Runs cycles on a cron schedule. */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<CycleOutcome | undefined> | undefined;
  private stopping = false;

  constructor(
    private readonly options: ScheduleOptions,
    private readonly deps: SchedulerDeps,
  ) {
    checkSchedule(options);
  }

  /** Starts the cron task, after starting a catch-up cycle if the previous month's pack is missing. */
  async start(): Promise<void> {
    const { period } = monthToPack(this.deps.now(), this.options.timezone);
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
      void this.catchUp('missed');
    });
    this.task = task;
    await task.start();
    log('schedule.started', { cron: this.options.cron, timezone: this.options.timezone ?? 'UTC', next: task.getNextRun()?.toISOString() ?? null });
    const gapDays = longestGapDays(task.getNextRuns(40));
    if (gapDays > AWS_HISTORY_DAYS) {
      log('schedule.warning', {
        message: `runs are up to ${Math.round(gapDays)} days apart but AWS keeps job history for only ${AWS_HISTORY_DAYS} days, so jobs can be missed; collect at least weekly (e.g. --cron "0 6 * * *": each run collects, and the month's pack is still written once)`,
      }, 'warn');
    }
    if (!(await this.deps.packExists(period))) {
      log('catch-up.due', { period });
      void this.tick('catch-up');
    }
  }

  private async catchUp(reason: CycleReason): Promise<void> {
    const { period } = monthToPack(this.deps.now(), this.options.timezone);
    if (!(await this.deps.packExists(period))) await this.tick(reason);
  }

  /** Runs one cycle now, unless one is already running (then it is skipped and logged). */
  tick(reason: CycleReason): Promise<CycleOutcome | undefined> {
    const log = this.deps.log;
    if (this.stopping) return Promise.resolve(undefined);
    if (this.running) {
      log('cycle.skipped', { reason, why: 'the previous cycle is still running' }, 'warn');
      return Promise.resolve(undefined);
    }
    const { period, notEnded } = monthToPack(this.deps.now(), this.options.timezone);
    if (notEnded) {
      log('pack.deferred', {
        reason,
        period: notEnded.period,
        why: `${notEnded.period} has not ended in UTC yet (it ends ${notEnded.endsAt}; packs cover UTC months), so it is packed by the first run after that; this run works on ${period}`,
      });
    }
    const started = this.deps.now().getTime();
    const run = (async (): Promise<CycleOutcome | undefined> => {
      log('cycle.started', { reason, period });
      try {
        const outcome = await this.deps.runCycle(period, reason);
        log('cycle.finished', { reason, ...outcome, seconds: (this.deps.now().getTime() - started) / 1000 });
        return outcome;
      } catch (error) {
        log('cycle.failed', { reason, period, error: error instanceof Error ? error.message : String(error) }, 'error');
        throw error;
      } finally {
        this.running = undefined;
      }
    })();
    this.running = run;
    run.catch(() => undefined);
    return run;
  }

  /** Resolves when no cycle is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Stops scheduling and waits for a running cycle to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
    await this.idle();
    await this.task?.destroy();
    this.deps.log('schedule.stopped');
  }
}
