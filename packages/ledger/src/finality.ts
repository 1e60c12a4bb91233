/**
 * When a job's record stops changing. A final record is written once and never replaced; a job still in flight
 * is re-recorded whenever AWS reports something new about it.
 */
import type { BackupJob, CopyJob, RestoreJob } from '@vaultscope/core';

/** The three job lists the ledger keeps. */
export const JOB_KINDS = ['backup', 'copy', 'restore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The AWS record type of each kind. */
export interface JobOfKind {
  backup: BackupJob;
  copy: CopyJob;
  restore: RestoreJob;
}

const FINAL_BACKUP = new Set(['COMPLETED', 'FAILED', 'EXPIRED', 'ABORTED', 'PARTIAL']);
const FINAL_COPY = new Set(['COMPLETED', 'FAILED', 'ABORTED', 'PARTIAL']);
const FINAL_RESTORE = new Set(['COMPLETED', 'FAILED', 'ABORTED']);
const FINAL_VALIDATION = new Set(['SUCCESSFUL', 'FAILED', 'TIMED_OUT']);

/** The id AWS gives a job of this kind. */
export function jobIdOf<K extends JobKind>(kind: K, job: JobOfKind[K]): string {
  switch (kind) {
    case 'backup':
      return (job as BackupJob).BackupJobId;
    case 'copy':
      return (job as CopyJob).CopyJobId;
    default:
      return (job as RestoreJob).RestoreJobId;
  }
}

/** A short state label: `State`, or for restores `Status` plus the validation verdict when there is one. */
export function stateOf<K extends JobKind>(kind: K, job: JobOfKind[K]): string {
  if (kind === 'restore') {
    const r = job as RestoreJob;
    return r.ValidationStatus ? `${r.Status}/${r.ValidationStatus}` : r.Status;
  }
  return (job as BackupJob | CopyJob).State;
}

/**
 * Whether a job's record is final. A restore *test* is final only once its validation verdict is in (AWS lets a
 * verdict be set once, after the restore completes) and the cleanup of the test resource has stopped.
 */
export function isFinal<K extends JobKind>(kind: K, job: JobOfKind[K]): boolean {
  switch (kind) {
    case 'backup':
      return FINAL_BACKUP.has((job as BackupJob).State);
    case 'copy':
      return FINAL_COPY.has((job as CopyJob).State);
    default: {
      const r = job as RestoreJob;
      if (!FINAL_RESTORE.has(r.Status)) return false;
      if (r.DeletionStatus === 'DELETING') return false;
      if (!r.CreatedBy?.RestoreTestingPlanArn || r.Status !== 'COMPLETED') return true;
      return FINAL_VALIDATION.has(r.ValidationStatus ?? '');
    }
  }
}
