/**
 * One alert as each sink expects it:
 * - generic webhook: our own JSON (`vaultscope.alert/v1`), every field of the alert;
 * - Slack incoming webhook: `text` (the notification and fallback) and Block Kit `blocks` (Slack API docs,
 *   "Sending messages using incoming webhooks");
 * - Microsoft Teams incoming webhook (Workflows "When a Teams webhook request is received", and the retiring
 *   Office 365 connector): a `message` with one Adaptive Card attachment (Teams docs, "Send Adaptive Cards using an
 *   Incoming Webhook");
 * - e-mail: a plain-text message.
 */
import type { Alert } from '@vaultscope/core';

export const ALERT_FORMAT = 'vaultscope.alert/v1';

const TITLE: Record<Alert['kind'], string> = {
  'job-failed': 'Backup job failed',
  'job-expired': 'Backup job expired',
  'restore-test-failed': 'Restore test failed',
  'rpo-breach': 'Recovery point older than the RPO',
  'discovery-incomplete': 'Discovery incomplete',
};

/** `Backup job failed` — or `Copy job failed` for a copy job. */
export function alertTitle(alert: Alert): string {
  const title = TITLE[alert.kind];
  return alert.key.startsWith('copy-job:') ? title.replace('Backup', 'Copy') : title;
}

/** The labelled facts every rendering shows, in this order. */
export function alertFacts(alert: Alert): [string, string][] {
  const account = alert.accountName ? `${alert.accountName} (${alert.accountId})` : alert.accountId;
  return [
    ['Account', account],
    ...(alert.region ? [['Region', alert.region] as [string, string]] : []),
    ...(alert.asset ? [['Asset', alert.asset.name ? `${alert.asset.name} — ${alert.asset.arn}` : alert.asset.arn] as [string, string]] : []),
    ...(alert.assetClass ? [['Class', alert.assetClass] as [string, string]] : []),
    ['Severity', alert.severity],
    ...(alert.at ? [['When', alert.at] as [string, string]] : []),
    ['Reason', alert.reason],
    ['Fix', alert.fix],
  ];
}

/** The generic webhook body. */
export function webhookPayload(alert: Alert): object {
  return { format: ALERT_FORMAT, title: alertTitle(alert), ...alert };
}

/** Slack's mrkdwn treats &, < and > as control characters. */
const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Slack incoming-webhook body. */
export function slackPayload(alert: Alert): object {
  const facts = alertFacts(alert).filter(([k]) => k !== 'Fix' && k !== 'Reason');
  const text = `${alertTitle(alert)}: ${alert.reason}`;
  return {
    text: slackEscape(text),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: alertTitle(alert).slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(alert.reason).slice(0, 3000) } },
      // A section holds at most 10 fields of at most 2,000 characters.
      { type: 'section', fields: facts.slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${slackEscape(v)}`.slice(0, 2000) })) },
      { type: 'section', text: { type: 'mrkdwn', text: `*Fix*\n\`\`\`${slackEscape(alert.fix).slice(0, 2900)}\`\`\`` } },
    ],
  };
}

/** The Microsoft Teams incoming-webhook body. */
export function teamsPayload(alert: Alert): object {
  const facts = alertFacts(alert).filter(([k]) => k !== 'Fix');
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', size: 'Large', weight: 'Bolder', text: alertTitle(alert), wrap: true, color: alert.severity === 'critical' || alert.severity === 'high' ? 'Attention' : 'Warning' },
            { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
            { type: 'TextBlock', text: 'Fix', weight: 'Bolder' },
            { type: 'TextBlock', text: alert.fix, wrap: true, fontType: 'Monospace' },
          ],
        },
      },
    ],
  };
}

/** The e-mail's subject and plain-text body. */
export function emailMessage(alert: Alert): { subject: string; text: string } {
  const where = alert.asset?.name ?? alert.asset?.arn ?? (alert.accountName ?? alert.accountId);
  const width = Math.max(...alertFacts(alert).map(([k]) => k.length));
  return {
    subject: `[Vaultscope] ${alertTitle(alert)}: ${where}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
    text: `${alertTitle(alert)}\n\n${alertFacts(alert).map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}`).join('\n')}\n\nAlert key: ${alert.key}\n-- \nvaultscope-report alert (read-only towards AWS)\n`,
  };
}
