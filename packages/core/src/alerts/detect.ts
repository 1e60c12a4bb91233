/**
 * What deserves an alert in one observation: new failed or expired backup and copy jobs, failed restore tests,
 * assets whose last recovery point is older than their RPO, and incomplete discovery. Pure: estate + posture +
 * clock in, alerts out; delivery and "sent once" belong to the reporter and the ledger.
 *
 * Each alert has a stable key, the unit of "sent once":
 * - a job or restore test: its id (its final state cannot change, so it is alerted once);
 * - an RPO breach: the asset and its last recovery point (a new recovery point ends the breach; a later breach is
 *   a new alert);
 * - incomplete discovery: the finding (account, Region, operation, error code) and the observation's UTC day, so
 *   a fault that persists is repeated at most once a day.
 */
import type { BackupJob, CopyJob, Estate, RestoreJob } from '../estate/schema.js';
import type { Finding, Posture, Severity } from '../posture/schema.js';
import { remediation } from '../domain/checks/remediation.js';
import { toJobRecord } from '../domain/jobs.js';

export const ALERT_KINDS = ['job-failed', 'job-expired', 'restore-test-failed', 'rpo-breach', 'discovery-incomplete'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One thing to tell the on-call person, with what to run about it. */
export interface Alert {
  /** Stable: the same event gives the same key in every run (see above). */
  key: string;
  kind: AlertKind;
  severity: Severity;
  /** When it happened (job end, restore end, last recovery point, observation). */
  at: string;
  accountId: string;
  accountName?: string;
  region?: string;
  asset?: { arn: string; name?: string; resourceType?: string };
  /** The asset's class (tier) as the policy classified it. */
  assetClass?: string;
  reason: string;
  /** A command (or console step) that investigates or fixes it. */
  fix: string;
}

/** How far back a job or restore test counts as new. */
export interface DetectOptions {
  now: Date;
  /** Jobs and restore tests that ended more than this long ago are not alerted (default 24). */
  lookbackHours?: number;
}

/** Alerts for one observation, oldest first (then by key). */
export function detectAlerts(estate: Estate, posture: Posture, options: DetectOptions): Alert[] {
  const since = options.now.getTime() - (options.lookbackHours ?? 24) * 3_600_000;
  const recent = (at: string): boolean => Date.parse(at) >= since && Date.parse(at) <= options.now.getTime();
  const accountName = new Map(estate.accounts.map((a) => [a.Id, a.Name]));
  const assets = new Map(posture.assets.map((a) => [a.arn, a]));
  const about = (accountId: string, arn: string | undefined, fallback?: { name?: string | undefined; resourceType?: string | undefined }): Partial<Alert> => {
    const asset = arn ? assets.get(arn) : undefined;
    const name = asset?.name ?? fallback?.name;
    const resourceType = asset?.resourceType ?? fallback?.resourceType;
    return {
      ...(accountName.get(accountId) ? { accountName: accountName.get(accountId) } : {}),
      ...(arn ? { asset: { arn, ...(name ? { name } : {}), ...(resourceType ? { resourceType } : {}) } } : {}),
      ...(asset ? { assetClass: asset.classification.tier } : {}),
    };
  };
  const alerts: Alert[] = [];

  // Id, Region, outcome and end time come from core's job record, the one reading of a job the apps share.
  const jobAlert = (kind: 'backup' | 'copy', job: BackupJob | CopyJob): void => {
    const record = toJobRecord(kind, job);
    const { id, region, outcome } = record;
    if (outcome !== 'failed' && outcome !== 'expired') return;
    const at = record.completedAt ?? record.createdAt;
    if (!recent(at)) return;
    const describe = kind === 'backup' ? remediation.describeBackupJob(id, region) : remediation.describeCopyJob(id, region);
    alerts.push({
      key: `${kind}-job:${id}`,
      kind: outcome === 'failed' ? 'job-failed' : 'job-expired',
      severity: outcome === 'failed' ? 'high' : 'medium',
      at,
      accountId: job.AccountId,
      region,
      ...about(job.AccountId, job.ResourceArn, { name: job.ResourceName, resourceType: job.ResourceType }),
      reason: `${kind} job ${id} ${job.State}${outcome === 'expired' ? ' (it never started within its start window)' : ''}: ${job.StatusMessage ?? 'AWS gave no status message'}`,
      fix: kind === 'backup' && record.vault ? `${describe}; then back it up again: ${remediation.startBackup(job.ResourceArn, job.AccountId, region, record.vault)}` : describe,
    });
  };
  for (const job of estate.jobs?.backup ?? []) jobAlert('backup', job);
  for (const job of estate.jobs?.copy ?? []) jobAlert('copy', job);

  for (const job of estate.jobs?.restore ?? []) {
    const record = toJobRecord('restore', job);
    if (record.verdict !== 'failed') continue;
    const at = record.completedAt ?? record.createdAt;
    if (!recent(at)) continue;
    alerts.push({
      key: `restore-test:${job.RestoreJobId}`,
      kind: 'restore-test-failed',
      severity: 'high',
      at,
      accountId: job.AccountId,
      region: record.region,
      ...about(job.AccountId, job.SourceResourceArn, { resourceType: job.ResourceType }),
      reason: `restore test ${job.RestoreJobId} failed: ${restoreFailure(job)}`,
      fix: remediation.describeRestore(job.RestoreJobId, record.region),
    });
  }

  for (const f of posture.findings) {
    if (f.check === 'backup.recovery-point-stale') alerts.push(rpoAlert(f, about));
    if (f.check === 'discovery.incomplete') {
      alerts.push({
        key: `discovery:${f.id}:${estate.capturedAt.slice(0, 10)}`,
        kind: 'discovery-incomplete',
        severity: f.severity,
        at: estate.capturedAt,
        accountId: f.accountId,
        region: f.region,
        ...about(f.accountId, f.resourceArn),
        reason: f.message,
        fix: f.remediation,
      });
    }
  }
  return alerts.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

function rpoAlert(f: Finding, about: (accountId: string, arn: string | undefined) => Partial<Alert>): Alert {
  const last = typeof f.evidence?.lastRecoveryPointAt === 'string' ? f.evidence.lastRecoveryPointAt : 'none';
  return {
    key: `rpo:${f.resourceArn ?? f.id}:${last}`,
    kind: 'rpo-breach',
    severity: f.severity,
    at: last === 'none' ? '' : last,
    accountId: f.accountId,
    region: f.region,
    ...about(f.accountId, f.resourceArn),
    reason: f.message,
    fix: f.remediation,
  };
}

/** Why a restore test failed, in AWS's words. */
function restoreFailure(job: RestoreJob): string {
  if (job.Status !== 'COMPLETED') return `restore ${job.Status}${job.StatusMessage ? ` (${job.StatusMessage})` : ''}`;
  return `validation ${job.ValidationStatus ?? '?'}${job.ValidationStatusMessage ? ` (${job.ValidationStatusMessage})` : ''}`;
}
