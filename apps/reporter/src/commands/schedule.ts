/**
 * `schedule`: collect and pack the previous month on a cron schedule, with a JSON-lines log, catch-up of a
 * missed pack and a clean stop on SIGTERM; `--once` runs one cycle for systemd timers and Kubernetes CronJobs
 * (SIGTERM there aborts the cycle: logged, the half-built pack removed, exit 128 + signal number).
 */
import { constants } from 'node:os';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { addAwsOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { MANIFEST_FILE } from '../evidence/manifest.js';
import { parsePeriod } from '../pack/period.js';
import { removeStaleTempDirs, removeTempDirsInProgress } from '../pack/tempDirs.js';
import { createJsonLogger, fileSink, type JsonLogger } from '../schedule/log.js';
import { checkSchedule, Scheduler, type CycleOutcome } from '../schedule/scheduler.js';
import { parseRetentionDays, runCollect } from './collect.js';
import { addPackOptions, runPack, type PackCommandOptions } from './pack.js';

interface ScheduleCommandOptions extends PackCommandOptions {
  cron: string;
  timezone?: string;
  outRoot: string;
  once?: boolean;
  log?: string;
  retentionDays?: string;
}

/** A scheduled cycle that failed under `--once` (exit 1; the log line has the detail). */
class CycleFailedError extends Error {
  override readonly name = 'CycleFailedError';
}

/** `--once` under SIGTERM/SIGINT: the cycle cannot be cancelled half-way, so log, remove the pack being built, exit. */
function abortOnSignal(log: JsonLogger): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    log('signal', { signal }, 'warn');
    const removed = removeTempDirsInProgress();
    log('cycle.aborted', { signal, removed }, 'warn');
    process.exit(128 + (constants.signals[signal] ?? 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

/** `schedule`. */
export function registerScheduleCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    addPackOptions(
      program
        .command('schedule')
        .description('collect and pack the previous month on a schedule (node-cron), catching up a missed pack; JSON-lines log')
        .option('--cron <expr>', 'when to run, node-cron syntax (daily by default: every run collects; the pack is written once a month)', '0 6 * * *')
        .option('--timezone <tz>', 'IANA time zone of the cron expression (default: UTC)')
        .requiredOption('--out-root <dir>', 'packs are written to DIR/YYYY-MM')
        .option('--source <source>', 'demo | aws | snapshot:PATH', 'aws'),
    )
      .option('--retention-days <n>', 'after each collection remove ledger batches older than N days (default: keep everything)')
      .option('--log <file>', 'append the JSON-lines log to FILE (default: stdout)')
      .option('--once', 'run one cycle now and exit (for systemd timers and Kubernetes CronJobs)'),
  ).action(async (options: ScheduleCommandOptions) => {
    checkSchedule({ cron: options.cron, ...(options.timezone ? { timezone: options.timezone } : {}) });
    parseRetentionDays(options.retentionDays);
    const log = createJsonLogger(options.log ? fileSink(options.log) : ctx.stdout, () => ctx.now());
    for (const path of await removeStaleTempDirs(options.outRoot, ctx.now())) log('temp.removed', { path, why: 'left by a run that was stopped while packing' });
    const packDir = (period: string): string => join(options.outRoot, period);
    const packExists = async (period: string): Promise<boolean> => Boolean(await stat(join(packDir(period), MANIFEST_FILE)).catch(() => undefined));
    const runCycle = async (period: string): Promise<CycleOutcome> => {
      if (await packExists(period)) {
        const lines = await runCollect(ctx, options);
        return { period, packed: false, note: `pack exists; ${lines.at(-1)?.trim() ?? 'collected'}` };
      }
      const result = await runPack(ctx, { ...options, collect: true, force: false }, parsePeriod(period), packDir(period));
      if (options.retentionDays) await runCollect(ctx, options);
      return { period, packed: true, dir: result.dir, ...(result.note ? { note: result.note } : {}) };
    };
    const scheduler = new Scheduler(
      { cron: options.cron, ...(options.timezone ? { timezone: options.timezone } : {}) },
      { now: () => ctx.now(), runCycle, packExists, log },
    );
    if (options.once) {
      const restore = abortOnSignal(log);
      try {
        const outcome = await scheduler.tick('once').catch((error: unknown) => {
          throw new CycleFailedError(`scheduled cycle failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (!outcome) throw new CycleFailedError('scheduled cycle did not run');
        return;
      } finally {
        restore();
      }
    }
    // The daemon lets a running cycle finish on SIGTERM, then exits 0.
    const stopped = new Promise<void>((resolve) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        log('signal', { signal });
        void scheduler.stop().then(resolve);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    await scheduler.start();
    await stopped;
  });
}
