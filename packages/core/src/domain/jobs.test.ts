/**
 * The job outcome taxonomy, row by row against AWS's enums and their documented meanings:
 * - AWS Backup API reference, data types BackupJob (State), CopyJob (State), RestoreJobsListMember (Status)
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupJob.html
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CopyJob.html
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreJobsListMember.html
 * - ListCopyJobSummaries State (adds ABORTING, ABORTED, COMPLETING, FAILING)
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListCopyJobSummaries.html
 * - "Completed with issues" = COMPLETED with a MessageCategory other than SUCCESS (ListBackupJobs ByMessageCategory;
 *   Developer Guide "Monitoring AWS Backup events using Amazon EventBridge")
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html
 * - PARTIAL: a composite recovery point with nested recovery points not in the backup (DescribeRecoveryPoint Status)
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRecoveryPoint.html
 * - PutRestoreValidationResult: a validation status is set once (SUCCESSFUL | FAILED | TIMED_OUT | VALIDATING)
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutRestoreValidationResult.html
 */
import { describe, expect, it } from 'vitest';
import type { BackupJob, CopyJob, RestoreJob } from '../estate/schema.js';
import {
  countJobs,
  isFault,
  isFinal,
  isFinalState,
  isSucceeded,
  isUnsuccessful,
  jobOutcome,
  restoreVerdict,
  toJobRecord,
  type JobOutcome,
} from './jobs.js';

type Row = [state: string, category: string | undefined, outcome: JobOutcome, final: boolean, why: string];
const rows: Row[] = [
  ['CREATED', undefined, 'running', false, 'waiting in its start window; AWS retries until it starts or the window ends'],
  ['PENDING', undefined, 'running', false, 'about to run'],
  ['RUNNING', undefined, 'running', false, 'under way'],
  ['COMPLETING', undefined, 'running', false, 'copy-job summary state: still finishing'],
  ['COMPLETED', 'SUCCESS', 'completed', true, 'the recovery point was made'],
  ['COMPLETED', undefined, 'completed', true, 'restore jobs and older records carry no MessageCategory'],
  ['COMPLETED', 'InvalidParameters', 'issues', true, '"Completed with issues": COMPLETED with a category other than SUCCESS'],
  ['PARTIAL', undefined, 'partial', true, 'a composite job some of whose nested jobs did not complete: partial, never "failed"'],
  ['ABORTING', undefined, 'aborted', false, 'being stopped: the outcome is known, the record still changes'],
  ['ABORTED', 'ABORTED', 'aborted', true, 'stopped by StopBackupJob or its completion window: aborted, never "failed"'],
  ['EXPIRED', 'EXPIRED', 'expired', true, 'never started within its start window'],
  ['FAILING', undefined, 'failed', false, 'copy-job summary state: failing, not yet final'],
  ['FAILED', 'AccessDenied', 'failed', true, 'ended in error'],
  ['SOMETHING_NEW', undefined, 'unknown', false, 'a state AWS adds later is judged neither way and not final'],
];

describe('jobOutcome', () => {
  it.each(rows)('%s (category %s) → %s, final %s: %s', (state, category, outcome, final) => {
    expect(jobOutcome(state, category)).toBe(outcome);
    expect(isFinalState(state)).toBe(final);
  });

  it('splits outcomes into succeeded, unsuccessful and neither, and faults are the unsuccessful plus issues', () => {
    const succeeded = rows.filter(([s, c]) => isSucceeded(jobOutcome(s, c))).map(([, , o]) => o);
    const unsuccessful = rows.filter(([s, c]) => isUnsuccessful(jobOutcome(s, c))).map(([, , o]) => o);
    expect(new Set(succeeded)).toEqual(new Set(['completed', 'issues']));
    expect(new Set(unsuccessful)).toEqual(new Set(['partial', 'aborted', 'expired', 'failed']));
    expect(isFault('issues')).toBe(true);
    expect(isFault('completed')).toBe(false);
    expect(isFault('running')).toBe(false);
    expect(isFault('unknown')).toBe(false);
  });
});

describe('countJobs', () => {
  it('counts PARTIAL as partial and ABORTED/ABORTING as aborted, all against the success rate', () => {
    const c = countJobs([
      { State: 'COMPLETED', MessageCategory: 'SUCCESS' },
      { State: 'COMPLETED', MessageCategory: 'InvalidParameters' },
      { State: 'PARTIAL' },
      { State: 'ABORTED' },
      { State: 'ABORTING' },
      { State: 'EXPIRED' },
      { State: 'FAILED' },
      { State: 'RUNNING' },
      { Status: 'PENDING' },
      { State: 'SOMETHING_NEW' },
    ]);
    expect(c).toEqual({ total: 10, completed: 2, completedWithIssues: 1, failed: 1, expired: 1, aborted: 2, partial: 1, running: 3, successRate: 2 / 7 });
  });

  it('has no success rate when nothing finished', () => {
    expect(countJobs([{ State: 'RUNNING' }]).successRate).toBeNull();
    expect(countJobs([]).successRate).toBeNull();
  });
});

const restore = (over: Partial<RestoreJob>): RestoreJob => ({ AccountId: '111111111111', RestoreJobId: 'r-1', CreationDate: '2026-11-01T00:00:00Z', Status: 'COMPLETED', ...over }) as RestoreJob;
const TEST = { CreatedBy: { RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111111111111:restore-testing-plan:weekly' } };

describe('restore jobs', () => {
  type R = [over: Partial<RestoreJob>, verdict: ReturnType<typeof restoreVerdict>, final: boolean, why: string];
  const restoreRows: R[] = [
    [{ Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL' }, 'passed', true, 'restored and validated'],
    [{ Status: 'COMPLETED' }, 'passed', false, 'restored, no verdict yet: passed so far, but a verdict may still be posted'],
    [{ Status: 'COMPLETED', ValidationStatus: 'VALIDATING' }, 'pending', false, 'validation under way'],
    [{ Status: 'COMPLETED', ValidationStatus: 'FAILED' }, 'failed', true, 'validation failed'],
    [{ Status: 'COMPLETED', ValidationStatus: 'TIMED_OUT' }, 'failed', true, 'validation timed out'],
    [{ Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', DeletionStatus: 'DELETING' }, 'passed', false, 'cleanup of the restored resource still running'],
    [{ Status: 'ABORTED' }, 'failed', true, 'a stopped restore test did not show the data restorable'],
    [{ Status: 'FAILED' }, 'failed', true, 'restore failed'],
    [{ Status: 'RUNNING' }, 'pending', false, 'under way'],
  ];
  it.each(restoreRows)('restore test %j → %s, final %s: %s', (over, verdict, final) => {
    const job = restore({ ...TEST, ...over });
    expect(restoreVerdict(job)).toBe(verdict);
    expect(isFinal('restore', job)).toBe(final);
  });

  it('an operational restore (no testing plan) is final once its status is', () => {
    expect(isFinal('restore', restore({ Status: 'COMPLETED' }))).toBe(true);
    expect(isFinal('restore', restore({ Status: 'RUNNING' }))).toBe(false);
  });
});

describe('toJobRecord', () => {
  it('normalises a backup job, naming region and resource from ARNs when AWS leaves them out', () => {
    const job = {
      AccountId: '222222222222',
      BackupJobId: 'b-1',
      BackupVaultArn: 'arn:aws:backup:eu-central-1:222222222222:backup-vault:prod',
      BackupVaultName: 'prod',
      ResourceArn: 'arn:aws:dynamodb:eu-central-1:222222222222:table/orders',
      CreationDate: '2026-11-01T00:00:00Z',
      State: 'PARTIAL',
    } as BackupJob;
    const r = toJobRecord('backup', job);
    expect(r).toMatchObject({ kind: 'backup', id: 'b-1', region: 'eu-central-1', resourceName: 'orders', state: 'PARTIAL', outcome: 'partial', vault: 'prod', restoreTest: false });
    expect(isFinal('backup', job)).toBe(true);
  });

  it('names a copy job by its destination vault', () => {
    const job = {
      AccountId: '222222222222',
      CopyJobId: 'c-1',
      SourceBackupVaultArn: 'arn:aws:backup:eu-central-1:222222222222:backup-vault:prod',
      DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:333333333333:backup-vault:dr',
      ResourceArn: 'arn:aws:rds:eu-central-1:222222222222:db:core',
      CreationDate: '2026-11-01T00:00:00Z',
      State: 'COMPLETED',
      MessageCategory: 'SUCCESS',
    } as CopyJob;
    expect(toJobRecord('copy', job)).toMatchObject({ region: 'eu-central-1', vault: 'dr', outcome: 'completed', resourceName: 'core' });
  });

  it('gives a restore test its verdict', () => {
    const r = toJobRecord('restore', restore({ ...TEST, ValidationStatus: 'FAILED', SourceResourceArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/orders' }));
    expect(r).toMatchObject({ kind: 'restore', restoreTest: true, verdict: 'failed', outcome: 'completed', region: 'eu-west-1', resourceName: 'orders' });
  });
});
