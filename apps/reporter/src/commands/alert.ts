/**
 * `alert --source …`: observe a source, find what deserves an alert (core's detectAlerts: failed or expired
 * backup and copy jobs, failed restore tests, recovery points older than the RPO, incomplete discovery) and send
 * each one once to the configured sinks, the deliveries recorded in the ledger. `--watch SECONDS` repeats it until
 * SIGINT/SIGTERM; each `schedule` cycle runs it after collecting. Read-only towards AWS: nothing is published
 * there (no SNS, no EventBridge); the sinks are the organization's own webhooks and mail server.
 */
import { detectAlerts, evaluate, InputError, type Alert, type Estate, type Posture } from '@vaultscope/core';
import { MEMORY_LEDGER, openLedgerStore, resolveLedgerPath, type LedgerStore } from '@vaultscope/ledger';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { loadAlertSetup, type AlertOptions, type AlertSetup } from '../alerts/config.js';
import { deliverAlerts, type DeliveryDeps, type DeliveryReport } from '../alerts/deliver.js';
import { alertTitle } from '../alerts/payloads.js';

interface AlertCommandOptions extends AlertOptions, AwsCliOptions {
  source: string;
  ledger?: string;
  policy?: string;
  watch?: string;
  dryRun?: boolean;
}

/** Some alert could not be delivered (exit 1): it stays unsent in the ledger and the next run tries again. */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
}

/** Adds the sink options `alert` and `schedule` share. */
export function addAlertOptions(command: Command): Command {
  return command
    .option('--alert-config <file>', 'JSON file of alert sinks (webhook, slack, teams, email), kinds, lookback and retry; see docs/alerts.md')
    .option('--webhook-env <var>', 'send alerts as JSON to the URL held in environment variable VAR')
    .option('--slack-env <var>', 'send alerts to the Slack incoming-webhook URL held in environment variable VAR')
    .option('--teams-env <var>', 'send alerts to the Microsoft Teams incoming-webhook URL held in environment variable VAR')
    .option('--lookback-hours <n>', 'a failed job or restore test is new when it ended in the last N hours (default 24)');
}

/** Summary lines of one run: what was found and, per sink, what was sent. */
export function describeDelivery(alerts: readonly Alert[], reports: readonly DeliveryReport[]): string[] {
  const byKind = new Map<string, number>();
  for (const a of alerts) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  const found = alerts.length ? `${alerts.length} alert${alerts.length === 1 ? '' : 's'} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})` : 'no alerts';
  return [
    `alerts: ${found}`,
    ...reports.map((r) => {
      const failed = r.failed.length ? `, ${r.failed.length} NOT delivered (${r.failed.map((f) => `${f.key}: ${f.reason} after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}`).join('; ')})` : '';
      const elsewhere = r.claimedElsewhere ? `, ${r.claimedElsewhere} being sent by another alerter` : '';
      return `  ${r.sink}: ${r.sent.length} sent, ${r.skipped} already sent${elsewhere}${failed}`;
    }),
  ];
}

/** Finds the alerts of one observation and delivers them through `ledger`. */
export async function runAlerts(
  observation: { estate: Estate; posture: Posture },
  setup: AlertSetup,
  ledger: LedgerStore,
  deps: DeliveryDeps,
): Promise<{ alerts: Alert[]; reports: DeliveryReport[] }> {
  const alerts = detectAlerts(observation.estate, observation.posture, { now: deps.now(), lookbackHours: setup.lookbackHours }).filter((a) => setup.kinds.has(a.kind));
  const reports = await deliverAlerts(alerts, setup, ledger, deps);
  return { alerts, reports };
}

/** Parses `--watch` (seconds between runs). */
function parseWatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 10 || seconds > 86_400) throw new InputError(`--watch: expected a whole number of seconds from 10 to 86400, got "${value}"`);
  return seconds;
}

/** `alert`. */
export function registerAlertCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    addAlertOptions(
      program
        .command('alert')
        .description('send new failed or expired jobs, failed restore tests, RPO breaches and incomplete discovery once each to webhooks, Slack, Teams or e-mail')
        .requiredOption('--source <source>', 'demo | aws | snapshot:PATH')
        .option('--ledger <path>', 'history ledger that remembers what was sent (default: $VAULTSCOPE_LEDGER, else the user data directory; demo: in memory)')
        .option('--policy <file>', 'policy YAML (default: the bundled policy)'),
    )
      .option('--watch <seconds>', 'run again every SECONDS until SIGINT/SIGTERM')
      .option('--dry-run', 'print the alerts that would be sent, send nothing and record nothing'),
  ).action(async (options: AlertCommandOptions) => {
    const watch = parseWatch(options.watch);
    const setup = await loadAlertSetup(options);
    if (!setup && !options.dryRun) throw new InputError('alert: no sink configured: give --alert-config FILE, --webhook-env VAR, --slack-env VAR or --teams-env VAR');
    const policy = await ctx.loadPolicy(options.policy);
    const ledgerPath = resolveLedgerPath({ ...(options.ledger ? { ledger: options.ledger } : {}), source: options.source });
    if (ledgerPath === MEMORY_LEDGER) ctx.log.log('warn', 'alert: the ledger is in memory (demo without --ledger): alerts are sent once per process only');
    const ledger = await openLedgerStore(ledgerPath);
    let stop = false;
    let wake: (() => void) | undefined;
    const onSignal = (): void => {
      stop = true;
      wake?.();
    };
    if (watch) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    let undelivered = 0;
    try {
      do {
        const estate = await ctx.loadEstate(options.source, options);
        const posture = evaluate(estate, policy.policy, new Date(estate.capturedAt), { policyHash: policy.hash });
        if (options.dryRun || !setup) {
          const alerts = detectAlerts(estate, posture, { now: ctx.now(), lookbackHours: setup?.lookbackHours ?? 24 }).filter((a) => !setup || setup.kinds.has(a.kind));
          writeLines(ctx.stdout, [`alerts (dry run, nothing sent): ${alerts.length}`, ...alerts.map((a) => `  ${a.kind} ${a.key} — ${alertTitle(a)}: ${a.reason}`)]);
        } else {
          const { alerts, reports } = await runAlerts({ estate, posture }, setup, ledger, {
            now: () => ctx.now(),
            onRetry: (sink, key, attempt, reason) => ctx.log.log('warn', `alert: ${sink}: ${key}: attempt ${attempt} failed (${reason}); retrying`),
          });
          writeLines(ctx.stdout, describeDelivery(alerts, reports));
          undelivered = reports.reduce((n, r) => n + r.failed.length, 0);
        }
        if (watch && !stop) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, watch * 1000);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      } while (watch && !stop);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await ledger.close();
    }
    if (undelivered) throw new AlertDeliveryError(`${undelivered} alert deliver${undelivered === 1 ? 'y' : 'ies'} failed; they were not recorded as sent and the next run tries again`);
  });
}
