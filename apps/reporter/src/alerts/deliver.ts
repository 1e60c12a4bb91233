/**
 * Sending alerts once: for each sink, the alerts the ledger has no delivery record of are sent one by one, each
 * retried with exponential backoff on a network error, HTTP 429 or 5xx; a delivery is recorded only once the sink
 * accepted it, so an alert that could not be delivered is tried again by the next run. Sinks are independent: one
 * that is down delays none of the others.
 *
 * Before an alert is sent it is claimed in the ledger (LedgerStore.claimAlert), so two alerters on one ledger — a
 * scheduler and an operator's `alert --watch`, or two hosts sharing a PostgreSQL ledger — never both send it. A
 * claim outlives the longest send its retries allow; an alerter that stopped mid-send leaves a claim that then goes
 * stale, and the next run sends the alert.
 *
 * Secrets (webhook URLs, SMTP credentials) never reach a message: errors name the sink, never its address.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Alert } from '@vaultscope/core';
import type { LedgerStore } from '@vaultscope/ledger';
import nodemailer from 'nodemailer';
import type { AlertSetup, Sink } from './config.js';
import { emailMessage, slackPayload, teamsPayload, webhookPayload } from './payloads.js';

/** A failure worth another attempt (the sink may accept later) or not (it refused the alert). */
class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** What a run did, per sink. */
export interface DeliveryReport {
  sink: string;
  sent: string[];
  /** Already delivered by an earlier run. */
  skipped: number;
  /** Being sent by another alerter at the same time (claimed by it). */
  claimedElsewhere: number;
  failed: { key: string; reason: string; attempts: number }[];
}

/** Injected for tests: the clock for delivery records and the wait between attempts. */
export interface DeliveryDeps {
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each attempt that failed (for the log). */
  onRetry?: (sink: string, key: string, attempt: number, reason: string) => void;
  /** Who this alerter is in its claims (default: host, process id and a random part). */
  claimant?: string;
}

/** The longest one attempt can take: the SMTP socket timeout (an HTTP sink gives up after 30 s). */
const ATTEMPT_LIMIT_MS = 60_000;

/**
 * How long a claim is honoured: every attempt at its limit plus every back-off, doubled for safety, and never under
 * 15 minutes. A claim older than that belongs to an alerter that stopped.
 */
export function claimLifetimeMs(retry: { attempts: number; initialDelayMs: number }): number {
  let ms = 0;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) ms += ATTEMPT_LIMIT_MS + (attempt < retry.attempts ? retry.initialDelayMs * 2 ** (attempt - 1) : 0);
  return Math.max(15 * 60_000, 2 * ms);
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function postJson(sink: Extract<Sink, { url: string }>, body: object): Promise<void> {
  let response: Response;
  try {
    response = await fetch(sink.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new DeliveryError(`no answer (${cause})`, true);
  }
  // Drain the body so the connection can be reused; its text is not shown (a sink may echo the URL's token).
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  throw new DeliveryError(`HTTP ${response.status}`, response.status === 429 || response.status >= 500);
}

async function sendMail(sink: Extract<Sink, { kind: 'email' }>, alert: Alert): Promise<void> {
  const transport = nodemailer.createTransport({
    host: sink.host,
    port: sink.port,
    secure: sink.secure,
    requireTLS: sink.requireTls,
    ...(sink.auth ? { auth: sink.auth } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const { subject, text } = emailMessage(alert);
  try {
    await transport.sendMail({ from: sink.from, to: sink.to, subject, text, headers: { 'X-Vaultscope-Alert': alert.key } });
  } catch (error) {
    const e = error as { code?: string; responseCode?: number };
    // SMTP 5xx is a permanent refusal (bad recipient, authentication); 4xx and connection faults are transient.
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
    throw new DeliveryError(`SMTP ${e.responseCode ?? e.code ?? 'error'}`, !permanent);
  } finally {
    transport.close();
  }
}

/** Sends one alert to one sink (one attempt). */
export async function sendOnce(sink: Sink, alert: Alert): Promise<void> {
  switch (sink.kind) {
    case 'webhook':
      return postJson(sink, webhookPayload(alert));
    case 'slack':
      return postJson(sink, slackPayload(alert));
    case 'teams':
      return postJson(sink, teamsPayload(alert));
    case 'email':
      return sendMail(sink, alert);
  }
}

/** Delivers every alert not yet delivered to each sink, recording each delivery in the ledger. */
export async function deliverAlerts(alerts: readonly Alert[], setup: AlertSetup, ledger: LedgerStore, deps: DeliveryDeps): Promise<DeliveryReport[]> {
  const wanted = alerts.filter((a) => setup.kinds.has(a.kind));
  const sleep = deps.sleep ?? sleepFor;
  const claimant = deps.claimant ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lifetime = claimLifetimeMs(setup.retry);
  return Promise.all(
    setup.sinks.map(async (sink): Promise<DeliveryReport> => {
      const done = await ledger.alertsDelivered(sink.name, wanted.map((a) => a.key));
      const report: DeliveryReport = { sink: sink.name, sent: [], skipped: done.size, claimedElsewhere: 0, failed: [] };
      for (const alert of wanted) {
        if (done.has(alert.key)) continue;
        const now = deps.now();
        const claim = { key: alert.key, sink: sink.name, claimant, at: now.toISOString(), staleBefore: new Date(now.getTime() - lifetime).toISOString() };
        if (!(await ledger.claimAlert(claim))) {
          // Delivered since the list above was read, or being sent by another alerter right now.
          if ((await ledger.alertsDelivered(sink.name, [alert.key])).size > 0) report.skipped++;
          else report.claimedElsewhere++;
          continue;
        }
        let attempt = 0;
        for (;;) {
          attempt++;
          try {
            await sendOnce(sink, alert);
          } catch (error) {
            const reason = error instanceof DeliveryError ? error.message : `error (${(error as Error).name})`;
            const retryable = !(error instanceof DeliveryError) || error.retryable;
            if (!retryable || attempt >= setup.retry.attempts) {
              report.failed.push({ key: alert.key, reason, attempts: attempt });
              await ledger.releaseAlertClaim(alert.key, sink.name, claimant);
              break;
            }
            deps.onRetry?.(sink.name, alert.key, attempt, reason);
            await sleep(setup.retry.initialDelayMs * 2 ** (attempt - 1));
            continue;
          }
          // Outside the try: a ledger fault after a send must not send the alert again (it propagates instead).
          await ledger.recordAlertDelivery({ key: alert.key, sink: sink.name, kind: alert.kind, deliveredAt: deps.now().toISOString() });
          report.sent.push(alert.key);
          break;
        }
      }
      return report;
    }),
  );
}
