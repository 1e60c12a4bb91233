/**
 * `schedule`: collect and pack the previous month on a cron schedule, with a JSON-lines log, catch-up of missing
 * packs the ledger can still build, retry of a failed cycle and a clean stop on SIGTERM; `--once` runs one cycle
 * (collect, then pack what is missing) for systemd timers and Kubernetes CronJobs (SIGTERM there aborts the
 * cycle: logged, the half-built pack removed, exit 128 + signal number).
 */
import { stat } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { InputError, type Estate, type Posture } from '@vaultscope/core';
import { MEMORY_LEDGER, ledgerExists, openLedgerStore, resolveLedgerPath, type HistoryCoverage } from '@vaultscope/ledger';
import type { Command } from 'commander';
import { addAwsOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { MANIFEST_FILE } from '../evidence/manifest.js';
import { parsePeriod } from '../pack/model/period.js';
import { removeStaleTempDirs, removeTempDirsInProgress, removeTempDirsOnSignal } from '../pack/tempDirs.js';
import { createJsonLogger, fileSink, type JsonLogger } from '../schedule/log.js';
import { checkSchedule, DEFAULT_CATCH_UP_MONTHS, Scheduler, type CycleOutcome } from '../schedule/scheduler.js';
import { applyRetention, parseRetentionDays, runCollect } from './collect.js';
import { addPackOptions, runPack, signingIdentity, type PackCommandOptions } from './pack.js';
import { loadAlertSetup, type AlertOptions } from '../alerts/config.js';
import { addAlertOptions, runAlerts } from './alert.js';

interface ScheduleCommandOptions extends PackCommandOptions, AlertOptions {
  cron: string;
  timezone?: string;
  outRoot: string;
  once?: boolean;
  log?: string;
  retentionDays?: string;
  catchUpMonths?: string;
  stopGrace?: string;
}

/** Parses `--stop-grace` (seconds a running cycle may take to finish after SIGTERM). */
export function parseStopGrace(value: string | undefined): number {
  if (value === undefined) return 10;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 3600) throw new InputError(`--stop-grace: expected a whole number of seconds from 0 to 3600, got "${value}"`);
  return seconds;
}

/** Parses `--catch-up-months`. */
export function parseCatchUpMonths(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CATCH_UP_MONTHS;
  const months = Number(value);
  if (!/^\d+$/.test(value) || months > 120) throw new InputError(`--catch-up-months: expected a whole number of months from 0 to 120, got "${value}"`);
  return months;
}

/** The ledger file's history span; empty before the first collection has created the file. */
async function ledgerHistory(path: string): Promise<HistoryCoverage> {
  if (!(await ledgerExists(path))) return {};
  const ledger = await openLedgerStore(path, { readonly: true });
  try {
    return await ledger.coverage();
  } finally {
    await ledger.close();
  }
}

/** Applies the retention to the ledger file once the cycle's packs have read what they need. */
async function retainLedger(path: string, days: number, now: Date): Promise<string> {
  const ledger = await openLedgerStore(path);
  try {
    return await applyRetention(ledger, days, now);
  } finally {
    await ledger.close();
  }
}

/** A scheduled cycle that failed under `--once` (exit 1; the log line has the detail). */
class CycleFailedError extends Error {
  override readonly name = 'CycleFailedError';
}

/**
 * A cycle whose observation missed something (access denied, throttling, an account not reached) still packs,
 * and the pack says so; the log says it at `warn`, so an operator watching warnings learns it the same day.
 */
export function warnIfIncomplete(log: JsonLogger, posture: Posture): void {
  if (!posture.summary.incompleteDiscovery) return;
  const findings = posture.findings.filter((f) => f.check === 'discovery.incomplete');
  log('discovery.incomplete', {
    findings: findings.length,
    accounts: new Set(findings.map((f) => f.accountId)).size,
    notEvaluated: posture.notEvaluated.length,
    first: findings[0]?.message,
    why: 'the posture and packs of this cycle lack what could not be observed; see the discovery.incomplete findings',
  }, 'warn');
}

/** `--once` under SIGTERM/SIGINT: the cycle cannot be cancelled half-way, so log, remove the pack being built, exit. */
function abortOnSignal(log: JsonLogger): () => void {
  return removeTempDirsOnSignal((signal, removed) => {
    log('signal', { signal }, 'warn');
    log('cycle.aborted', { signal, removed }, 'warn');
  });
}

/** `schedule`. */
export function registerScheduleCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    addAlertOptions(addPackOptions(
      program
        .command('schedule')
        .description('collect and pack the previous month on a schedule (node-cron), catching up missing packs from the ledger; JSON-lines log')
        .option('--cron <expr>', 'when to run, node-cron syntax (daily by default: every run collects; the pack is written once a month)', '0 6 * * *')
        .option('--timezone <tz>', 'IANA time zone of the cron expression (default: UTC)')
        .requiredOption('--out-root <dir>', 'packs are written to DIR/YYYY-MM')
        .option('--source <source>', 'demo | aws | snapshot:PATH', 'aws'),
    ))
      .option('--catch-up-months <n>', 'each cycle also packs any of the last N months whose pack is missing and that the ledger holds history for (0: only the previous month)', String(DEFAULT_CATCH_UP_MONTHS))
      .option('--retention-days <n>', 'after each cycle remove ledger batches older than N days (default: keep everything)')
      .option('--log <file>', 'append the JSON-lines log to FILE (default: stdout)')
      .option('--once', 'run one cycle now and exit (for systemd timers and Kubernetes CronJobs)')
      .option('--stop-grace <s>', 'on SIGTERM, seconds a running cycle may take to finish before it is abandoned (its half-built pack removed, exit 143)', '10'),
  ).action(async (options: ScheduleCommandOptions) => {
    checkSchedule({ cron: options.cron, ...(options.timezone ? { timezone: options.timezone } : {}) });
    const retentionDays = parseRetentionDays(options.retentionDays);
    await signingIdentity(options, ctx.now());
    // Bad alert settings (a missing variable, an invalid file) fail at start, not at the first cycle.
    const alerting = await loadAlertSetup(options);
    const catchUpMonths = parseCatchUpMonths(options.catchUpMonths);
    const log = createJsonLogger(options.log ? fileSink(options.log) : ctx.stdout, () => ctx.now(), ctx.log.level);
    for (const path of await removeStaleTempDirs(options.outRoot, ctx.now())) log('temp.removed', { path, why: 'left by a run that was stopped while packing' });
    const packDir = (period: string): string => join(options.outRoot, period);
    const packExists = async (period: string): Promise<boolean> => Boolean(await stat(join(packDir(period), MANIFEST_FILE)).catch(() => undefined));
    const ledgerPath = resolveLedgerPath({ ...(options.ledger ? { ledger: options.ledger } : {}), source: options.source });
    // An in-memory ledger (the demo without --ledger) lives for one pack: each pack records its own observation
    // and holds no history to catch up from.
    const inMemory = ledgerPath === MEMORY_LEDGER;
    // One observation per cycle: the collection and every pack the cycle builds share it (an AWS collection of a
    // large organization takes minutes; packing three missed months must not take three more).
    let observed: Promise<Estate> | undefined;
    const cycleCtx: CliContext = { ...ctx, loadEstate: (source, opts) => (observed ??= ctx.loadEstate(source, opts)) };
    const collect = async (): Promise<string | undefined> => {
      observed = undefined;
      if (inMemory) return undefined;
      const result = await runCollect(cycleCtx, { ...options, retentionDays: undefined });
      warnIfIncomplete(log, result.posture);
      if (alerting && observed) await alertStep(await observed, result.posture);
      return result.lines.at(-1)?.trim();
    };
    // Alerts after each collection, from the same observation; a sink that is down never fails the cycle: what was
    // not delivered stays unsent in the ledger and the next cycle tries again.
    const alertStep = async (estate: Estate, posture: Posture): Promise<void> => {
      if (!alerting) return;
      const ledger = await openLedgerStore(ledgerPath);
      try {
        const { alerts, reports } = await runAlerts({ estate, posture }, alerting, ledger, {
          now: () => ctx.now(),
          onRetry: (sink, key, attempt, reason) => log('alert.retry', { sink, key, attempt, reason }, 'warn'),
        });
        for (const r of reports) {
          log('alert.sent', { sink: r.sink, found: alerts.length, sent: r.sent.length, alreadySent: r.skipped, sendingElsewhere: r.claimedElsewhere, failed: r.failed.length });
          for (const f of r.failed) log('alert.failed', { sink: r.sink, key: f.key, reason: f.reason, attempts: f.attempts, why: 'not recorded as sent: the next cycle tries again' }, 'warn');
        }
      } catch (error) {
        log('alert.error', { message: error instanceof Error ? error.message : String(error) }, 'warn');
      } finally {
        await ledger.close();
      }
    };
    const pack = async (period: string): Promise<CycleOutcome> => {
      const result = await runPack(cycleCtx, { ...options, collect: false, force: false }, parsePeriod(period), packDir(period));
      // In memory (the demo without --ledger) the cycle collects nothing: the pack's own observation is the one.
      if (result.observed) warnIfIncomplete(log, result.observed);
      return { period, packed: true, dir: result.dir, ...(result.note ? { note: result.note } : {}) };
    };
    const history = async (): Promise<HistoryCoverage> => (inMemory ? {} : ledgerHistory(ledgerPath));
    const afterPacks = retentionDays === undefined || inMemory ? undefined : async (): Promise<string> => retainLedger(ledgerPath, retentionDays, ctx.now());
    const scheduler = new Scheduler(
      { cron: options.cron, catchUpMonths, ...(options.timezone ? { timezone: options.timezone } : {}) },
      { now: () => ctx.now(), collect, pack, packExists, history, ...(afterPacks ? { afterPacks } : {}), log },
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
    // SIGTERM: a running cycle gets --stop-grace seconds to finish (then exit 0); past that, or on a second signal,
    // it is abandoned like a --once cycle: logged, the pack being built removed, exit 128 + signal. The ledger is
    // safe either way: a batch is one SQLite transaction, and a signal is handled only between them.
    const stopGraceMs = parseStopGrace(options.stopGrace) * 1000;
    const stopped = new Promise<void>((resolve) => {
      const abandon = (signal: NodeJS.Signals): void => {
        const removed = removeTempDirsInProgress();
        log('cycle.aborted', { signal, removed, why: `still running ${stopGraceMs / 1000} s after the signal` }, 'warn');
        process.exit(128 + (osConstants.signals[signal] ?? 15));
      };
      const onSignal = (signal: NodeJS.Signals): void => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        process.once('SIGTERM', abandon);
        process.once('SIGINT', abandon);
        log('signal', { signal });
        const timer = setTimeout(() => abandon(signal), stopGraceMs);
        void scheduler.stop().then(() => {
          clearTimeout(timer);
          resolve();
        });
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    await scheduler.start();
    await stopped;
  });
}
