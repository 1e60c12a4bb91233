/**
 * What an AWS Backup job's state means, said once: the outcome a backup, copy or restore job counts under, whether
 * its record can still change, and the counts every report and screen shows. The TUI, the PDF, the CSVs, the
 * checks and the ledger read job states only through this module.
 *
 * AWS enums (AWS Backup API reference, data types `BackupJob.State`, `CopyJob.State`,
 * `RestoreJobsListMember.Status`):
 * - backup: CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED, PARTIAL
 * - copy: CREATED, RUNNING, COMPLETED, FAILED, PARTIAL (the copy-job *summary* enum adds ABORTING, ABORTED,
 *   COMPLETING, FAILING — `ListCopyJobSummaries` `State`)
 * - restore: PENDING, RUNNING, COMPLETED, ABORTED, FAILED
 * Meanings: a job stays CREATED during its start window while AWS retries and becomes EXPIRED when the window ends
 * without it starting (Developer Guide, "Backup plan options and configuration", StartWindowMinutes); "Completed
 * with issues" is a console-only status, in the API a COMPLETED job with a MessageCategory other than SUCCESS
 * (Developer Guide, "Monitoring AWS Backup events using Amazon EventBridge"; `ListBackupJobs` doc); PARTIAL is the
 * state of a composite (parent) job some of whose nested jobs did not complete — its recovery point "has one or
 * more nested recovery points that were not in the backup" (API reference, `DescribeRecoveryPoint` Status);
 * ABORTED is a job stopped before it finished (`StopBackupJob`, or the completion window ended).
 *
 * The decision on PARTIAL and ABORTED (issue 12; before it, PARTIAL was "partial" in the posture and the PDF but
 * "failed" in the TUI, and ABORTED was "failed" only on the TUI's organization row):
 * - Each is an outcome of its own, `partial` and `aborted`, never `failed`, wherever outcomes are listed one by
 *   one (the posture's job counts, the PDF's job table, the TUI's pulse columns, the exception register's state).
 *   A PARTIAL job left usable recovery points for part of the resource, an ABORTED one was stopped (by a person or
 *   by its completion window) rather than broken: calling either "failed" sends the reader after a fault that is
 *   not there, calling PARTIAL "completed" hides data that has no recovery point.
 * - Both are unsuccessful: they end the job without the backup it was for, so they count against the success
 *   rate, are faults (red, in the exception register and the failure reasons, in `backup.job-failures`), and where a
 *   compact figure has a single slot for jobs that ended badly (the TUI's `24H OK/F/X`, the PDF's daily chart)
 *   they are in that slot. The PDF's daily chart therefore moves PARTIAL from its "other" bar (shared with running
 *   jobs) to the failed bar, and the TUI's pulse gains a PARTIAL column instead of counting them as FAILED.
 * ABORTING and the summary-only FAILING already carry their outcome (`aborted`, `failed`) but are not final.
 */
import type { BackupJob, CopyJob, RestoreJob } from '../estate/schema.js';
import type { JobCounts } from '../posture/schema.js';
import { arnParts } from './estateIndex.js';

/** The three job lists AWS Backup keeps. */
export const JOB_KINDS = ['backup', 'copy', 'restore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What a job amounts to: `issues` is COMPLETED with a MessageCategory other than SUCCESS. */
export const JOB_OUTCOMES = ['completed', 'issues', 'partial', 'aborted', 'expired', 'failed', 'running', 'unknown'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

const OUTCOME_OF_STATE: Readonly<Record<string, JobOutcome>> = {
  CREATED: 'running',
  PENDING: 'running',
  RUNNING: 'running',
  COMPLETING: 'running',
  COMPLETED: 'completed',
  PARTIAL: 'partial',
  ABORTING: 'aborted',
  ABORTED: 'aborted',
  EXPIRED: 'expired',
  FAILING: 'failed',
  FAILED: 'failed',
};

/** States after which AWS changes a job's state no more. */
const FINAL_STATES: ReadonlySet<string> = new Set(['COMPLETED', 'PARTIAL', 'ABORTED', 'EXPIRED', 'FAILED']);
/** Restore-test validation verdicts that can no longer change (`PutRestoreValidationResult`: set once). */
const FINAL_VALIDATION: ReadonlySet<string> = new Set(['SUCCESSFUL', 'FAILED', 'TIMED_OUT']);

/**
 * The outcome of a job state (`State` of backup and copy jobs, `Status` of restore jobs). A state AWS adds later is
 * `unknown`: not final, and judged neither way.
 */
export function jobOutcome(state: string, messageCategory?: string): JobOutcome {
  const outcome = OUTCOME_OF_STATE[state] ?? 'unknown';
  return outcome === 'completed' && issueCategory(messageCategory) ? 'issues' : outcome;
}

/** The MessageCategory worth showing as a reason: any but SUCCESS (AccessDenied, InvalidParameters, …). */
export const issueCategory = (messageCategory: string | undefined): string | undefined =>
  messageCategory && messageCategory !== 'SUCCESS' ? messageCategory : undefined;

/** The job made the backup it was for (completed, with or without issues). */
export const isSucceeded = (o: JobOutcome): boolean => o === 'completed' || o === 'issues';
/** The job ended (or is ending) without the backup it was for: failed, expired, aborted or partial. */
export const isUnsuccessful = (o: JobOutcome): boolean => o === 'failed' || o === 'expired' || o === 'aborted' || o === 'partial';
/** A fault to show and report: unsuccessful, or completed with issues. */
export const isFault = (o: JobOutcome): boolean => o === 'issues' || isUnsuccessful(o);
/** Still under way: created, pending, running (or a summary's COMPLETING). */
export const isInProgress = (o: JobOutcome): boolean => o === 'running';

/** Whether AWS will change this state no more. */
export const isFinalState = (state: string): boolean => FINAL_STATES.has(state);

/** The state of a job of any kind: `State` of backup/copy jobs, `Status` of restore jobs. */
export function stateOfJob(job: BackupJob | CopyJob | RestoreJob): string {
  return 'Status' in job && typeof job.Status === 'string' ? job.Status : (job as BackupJob | CopyJob).State;
}

/**
 * Whether a job's record is final. A restore *test* is final only once its validation verdict is in (AWS lets a
 * verdict be set once, after the restore completes) and the cleanup of the restored resource has stopped.
 */
export function isFinal(kind: JobKind, job: BackupJob | CopyJob | RestoreJob): boolean {
  if (kind !== 'restore') return isFinalState((job as BackupJob | CopyJob).State);
  const r = job as RestoreJob;
  if (!isFinalState(r.Status)) return false;
  if (r.DeletionStatus === 'DELETING') return false;
  if (!isRestoreTest(r) || r.Status !== 'COMPLETED') return true;
  return FINAL_VALIDATION.has(r.ValidationStatus ?? '');
}

/** A restore job is a restore test exactly when a restore-testing plan created it (`CreatedBy.RestoreTestingPlanArn`). */
export function isRestoreTest(job: RestoreJob): boolean {
  return Boolean(job.CreatedBy?.RestoreTestingPlanArn);
}

export type RestoreVerdict = 'passed' | 'failed' | 'pending';

/**
 * A restore test's verdict. Failed: the restore ended unsuccessfully (FAILED or ABORTED), or its validation
 * FAILED or TIMED_OUT (API reference, `PutRestoreValidationResult` ValidationStatus). Passed: restored, and not
 * invalidated or still validating. Pending otherwise.
 */
export function restoreVerdict(job: RestoreJob): RestoreVerdict {
  const outcome = jobOutcome(job.Status);
  if (isUnsuccessful(outcome)) return 'failed';
  if (job.ValidationStatus === 'FAILED' || job.ValidationStatus === 'TIMED_OUT') return 'failed';
  if (outcome === 'completed' && job.ValidationStatus !== 'VALIDATING') return 'passed';
  return 'pending';
}

/** Job counts by outcome, all zero. */
export const emptyJobCounts = (): Omit<JobCounts, 'successRate'> => ({
  total: 0,
  completed: 0,
  completedWithIssues: 0,
  failed: 0,
  expired: 0,
  aborted: 0,
  partial: 0,
  running: 0,
});

/**
 * Adds one job to counts. `completed` includes `completedWithIssues`; `running` holds every job not yet final,
 * `unknown` states included (they are not judged).
 */
export function addToCounts(c: Omit<JobCounts, 'successRate'>, outcome: JobOutcome): void {
  c.total++;
  switch (outcome) {
    case 'issues':
      c.completedWithIssues++;
      c.completed++;
      return;
    case 'completed':
      c.completed++;
      return;
    case 'failed':
      c.failed++;
      return;
    case 'expired':
      c.expired++;
      return;
    case 'aborted':
      c.aborted++;
      return;
    case 'partial':
      c.partial++;
      return;
    default:
      c.running++;
  }
}

/** Succeeded / (succeeded + unsuccessful), or null when no job finished. */
export function successRate(c: Omit<JobCounts, 'successRate'>): number | null {
  const finished = c.completed + c.failed + c.expired + c.aborted + c.partial;
  return finished === 0 ? null : c.completed / finished;
}

/** Counts jobs by outcome (backup/copy `State` with `MessageCategory`, restore `Status`). */
export function countJobs(jobs: readonly { State?: string; Status?: string; MessageCategory?: string }[]): JobCounts {
  const c = emptyJobCounts();
  for (const job of jobs) addToCounts(c, jobOutcome(job.State ?? job.Status ?? '', job.MessageCategory));
  return { ...c, successRate: successRate(c) };
}

/** Backup, copy and restore jobs in one shape, keeping the AWS object for detail views. */
export interface JobRecord {
  kind: JobKind;
  id: string;
  accountId: string;
  region: string;
  /** `State` of backup/copy jobs, `Status` of restore jobs, as AWS reports it. */
  state: string;
  outcome: JobOutcome;
  /** The resource the job protected (restore: the source resource). */
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  createdAt: string;
  completedAt: string | undefined;
  percentDone: string | undefined;
  sizeBytes: number | undefined;
  statusMessage: string | undefined;
  messageCategory: string | undefined;
  /** Target vault name (copy: destination vault). */
  vault: string | undefined;
  restoreTest: boolean;
  /** Restore tests only: passed, failed or pending. */
  verdict: RestoreVerdict | undefined;
  raw: BackupJob | CopyJob | RestoreJob;
}

const regionOf = (...arns: (string | undefined)[]): string => {
  for (const arn of arns) {
    const region = arn ? arnParts(arn).region : '';
    if (region) return region;
  }
  return '';
};
const nameOf = (arn: string): string => {
  const resource = arnParts(arn).resource;
  return resource.split(/[/:]/).pop() ?? resource;
};
const vaultName = (arn: string | undefined): string | undefined => (arn ? arnParts(arn).resource.replace(/^backup-vault:/, '') : undefined);

// Records are built with plain assignments (absent fields left undefined) rather than conditional spreads: an
// estate can carry hundreds of thousands of jobs, and the temporary objects of spreads dominate the load time.
function backupRecord(j: BackupJob): JobRecord {
  return {
    kind: 'backup',
    id: j.BackupJobId,
    accountId: j.AccountId,
    region: j.Region ?? regionOf(j.BackupVaultArn, j.ResourceArn),
    state: j.State,
    outcome: jobOutcome(j.State, j.MessageCategory),
    resourceArn: j.ResourceArn,
    resourceType: j.ResourceType ?? '',
    resourceName: j.ResourceName ?? nameOf(j.ResourceArn),
    createdAt: j.CreationDate,
    completedAt: j.CompletionDate,
    percentDone: j.PercentDone,
    sizeBytes: j.BackupSizeInBytes,
    statusMessage: j.StatusMessage,
    messageCategory: j.MessageCategory,
    vault: j.BackupVaultName,
    restoreTest: false,
    verdict: undefined,
    raw: j,
  };
}

function copyRecord(j: CopyJob): JobRecord {
  return {
    kind: 'copy',
    id: j.CopyJobId,
    accountId: j.AccountId,
    region: j.Region ?? regionOf(j.SourceBackupVaultArn, j.ResourceArn),
    state: j.State,
    outcome: jobOutcome(j.State, j.MessageCategory),
    resourceArn: j.ResourceArn,
    resourceType: j.ResourceType ?? '',
    resourceName: j.ResourceName ?? nameOf(j.ResourceArn),
    createdAt: j.CreationDate,
    completedAt: j.CompletionDate,
    percentDone: undefined,
    sizeBytes: j.BackupSizeInBytes,
    statusMessage: j.StatusMessage,
    messageCategory: j.MessageCategory,
    vault: vaultName(j.DestinationBackupVaultArn),
    restoreTest: false,
    verdict: undefined,
    raw: j,
  };
}

function restoreRecord(j: RestoreJob): JobRecord {
  const source = j.SourceResourceArn ?? '';
  const test = isRestoreTest(j);
  return {
    kind: 'restore',
    id: j.RestoreJobId,
    accountId: j.AccountId,
    region: j.Region ?? regionOf(j.BackupVaultArn, j.SourceResourceArn, j.RecoveryPointArn),
    state: j.Status,
    outcome: jobOutcome(j.Status),
    resourceArn: source,
    resourceType: j.ResourceType ?? '',
    resourceName: source ? nameOf(source) : '',
    createdAt: j.CreationDate,
    completedAt: j.CompletionDate,
    percentDone: j.PercentDone,
    sizeBytes: j.BackupSizeInBytes,
    statusMessage: j.StatusMessage,
    messageCategory: undefined,
    vault: vaultName(j.BackupVaultArn),
    restoreTest: test,
    verdict: test ? restoreVerdict(j) : undefined,
    raw: j,
  };
}

/** The job record of an AWS backup, copy or restore job. */
export function toJobRecord(kind: 'backup', job: BackupJob): JobRecord;
export function toJobRecord(kind: 'copy', job: CopyJob): JobRecord;
export function toJobRecord(kind: 'restore', job: RestoreJob): JobRecord;
export function toJobRecord(kind: JobKind, job: BackupJob | CopyJob | RestoreJob): JobRecord;
export function toJobRecord(kind: JobKind, job: BackupJob | CopyJob | RestoreJob): JobRecord {
  if (kind === 'backup') return backupRecord(job as BackupJob);
  if (kind === 'copy') return copyRecord(job as CopyJob);
  return restoreRecord(job as RestoreJob);
}
