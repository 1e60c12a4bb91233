/**
 * When a job's record stops changing. A final record is written once and never replaced; a job still in flight
 * is re-recorded whenever AWS reports something new about it. Which states are final is core's (`isFinal` in
 * domain/jobs.ts); this file keeps the ledger's typed view of the three kinds.
 */
import { JOB_KINDS, isFinal as coreIsFinal, type BackupJob, type CopyJob, type JobKind, type RestoreJob } from '@vaultscope/core';

/** The three job lists the ledger keeps (core's kinds). */
export { JOB_KINDS, type JobKind };

/** The AWS record type of each kind. */
export interface JobOfKind {
  backup: BackupJob;
  copy: CopyJob;
  restore: RestoreJob;
}

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
  return coreIsFinal(kind, job);
}
