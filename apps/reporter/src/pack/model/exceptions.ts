/**
 * The exceptions register: every backup or copy job of the period that did not complete, and every restore test
 * (and operational restore) of the period that failed, one row each. The posture's findings judge a 30-day window
 * before the time base; this register is what happened inside the period, so the PDF's job and restore figures
 * and the CSVs count the same events.
 */
import { isRestoreTest, issueCategory, isUnsuccessful, jobOutcome, restoreVerdict, type BackupJob, type CopyJob, type RestoreJob } from '@vaultscope/core';
import { jobRegion } from './jobRegion.js';

/** One exception of the period. */
export interface ExceptionRow {
  kind: 'backup job' | 'copy job' | 'restore test' | 'restore job';
  id: string;
  accountId: string;
  region: string;
  resourceType?: string;
  resourceArn?: string;
  state: string;
  reason: string;
  createdAt: string;
  /** The check whose meaning the exception carries (see the posture format). */
  check: 'backup.job-failures' | 'restore.test-failed';
}

/** A job is an exception when it ended unsuccessfully: failed, expired, aborted or partial (core's `isUnsuccessful`). */
const isException = (state: string): boolean => isUnsuccessful(jobOutcome(state));

const reasonOf = (category: string | undefined, message: string | undefined): string =>
  [issueCategory(category) ?? '', message ?? ''].filter(Boolean).join(': ');

/** Collects the exceptions while the period's jobs stream past (memory grows with exceptions, not jobs). */
export class ExceptionCollector {
  readonly rows: ExceptionRow[] = [];

  backup(job: BackupJob): void {
    if (!isException(job.State)) return;
    this.rows.push({
      kind: 'backup job',
      id: job.BackupJobId,
      accountId: job.AccountId,
      region: jobRegion(job),
      ...(job.ResourceType ? { resourceType: job.ResourceType } : {}),
      resourceArn: job.ResourceArn,
      state: job.State,
      reason: reasonOf(job.MessageCategory, job.StatusMessage),
      createdAt: job.CreationDate,
      check: 'backup.job-failures',
    });
  }

  copy(job: CopyJob): void {
    if (!isException(job.State)) return;
    this.rows.push({
      kind: 'copy job',
      id: job.CopyJobId,
      accountId: job.AccountId,
      region: jobRegion(job),
      ...(job.ResourceType ? { resourceType: job.ResourceType } : {}),
      ...(job.ResourceArn ? { resourceArn: job.ResourceArn } : {}),
      state: job.State,
      reason: reasonOf(job.MessageCategory, job.StatusMessage),
      createdAt: job.CreationDate,
      check: 'backup.job-failures',
    });
  }

  restore(job: RestoreJob): void {
    const test = isRestoreTest(job);
    if (test ? restoreVerdict(job) !== 'failed' : !isException(job.Status)) return;
    const validation = job.ValidationStatus && job.ValidationStatus !== 'SUCCESSFUL' ? `validation ${job.ValidationStatus}${job.ValidationStatusMessage ? `: ${job.ValidationStatusMessage}` : ''}` : '';
    this.rows.push({
      kind: test ? 'restore test' : 'restore job',
      id: job.RestoreJobId,
      accountId: job.AccountId,
      region: jobRegion({ ...(job.Region ? { Region: job.Region } : {}), ...(job.BackupVaultArn ? { BackupVaultArn: job.BackupVaultArn } : {}), ...(job.SourceResourceArn ? { ResourceArn: job.SourceResourceArn } : {}) }),
      ...(job.ResourceType ? { resourceType: job.ResourceType } : {}),
      ...(job.SourceResourceArn ? { resourceArn: job.SourceResourceArn } : {}),
      state: job.Status,
      reason: [job.StatusMessage ?? '', validation].filter(Boolean).join('; '),
      createdAt: job.CreationDate,
      check: 'restore.test-failed',
    });
  }

  /** Rows in time order, then kind and id, so the register reads the same every run. */
  result(): ExceptionRow[] {
    return [...this.rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  }

  /** How many exceptions of each kind. */
  static counts(rows: readonly ExceptionRow[]): Record<ExceptionRow['kind'], number> {
    const c = { 'backup job': 0, 'copy job': 0, 'restore test': 0, 'restore job': 0 };
    for (const r of rows) c[r.kind]++;
    return c;
  }
}
