/**
 * Jobs with aws-sdk-client-mock: org-wide `ByAccountId=*` from the management account (multi-page, filtered to
 * the collected accounts), the per-account fallback when the organization refuses it, the organization-wide lists
 * spread over shards by Region, `ByCreatedAfter` on every listing, `ByStatus` (never `ByState`) on restore jobs, and
 * `Region` on every job.
 */
import {
  BackupClient,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRestoreJobsCommand,
  type BackupJob,
  type CopyJob,
  type RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorSink } from '../errors.js';
import { listRestoreJobs } from './jobs.js';
import { JobsCollector } from './jobsCollector.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const backupMock = mockClient(BackupClient);
const SINCE = new Date('2026-10-22T06:00:00Z');
const MGMT = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

const backupJob = (id: string, accountId: string, region: string, state = 'COMPLETED'): BackupJob => ({
  AccountId: accountId,
  BackupJobId: id,
  BackupVaultName: 'payments-vault',
  BackupVaultArn: `arn:aws:backup:${region}:${accountId}:backup-vault:payments-vault`,
  VaultType: 'BACKUP_VAULT',
  VaultLockState: 'LOCKED',
  RecoveryPointArn: `arn:aws:backup:${region}:${accountId}:recovery-point:${id}`,
  ResourceArn: `arn:aws:dynamodb:${region}:${accountId}:table/orders`,
  ResourceType: 'DynamoDB',
  ResourceName: 'orders',
  CreationDate: new Date('2026-11-20T05:00:00Z'),
  CompletionDate: new Date('2026-11-20T05:12:00Z'),
  StartBy: new Date('2026-11-20T13:00:00Z'),
  State: state as BackupJob['State'],
  StatusMessage: state === 'FAILED' ? 'Insufficient privileges to perform this action.' : undefined,
  MessageCategory: state === 'FAILED' ? 'AccessDenied' : 'SUCCESS',
  PercentDone: '100.0',
  BackupSizeInBytes: 1024,
  IamRoleArn: `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`,
  CreatedBy: { BackupPlanId: 'plan-1', BackupPlanArn: `arn:aws:backup:${region}:${accountId}:backup-plan:plan-1`, BackupPlanVersion: 'v1', BackupRuleId: 'rule-1' },
  BackupType: '',
  IsEncrypted: true,
});

const copyJob = (id: string, accountId: string, region: string): CopyJob => ({
  AccountId: accountId,
  CopyJobId: id,
  SourceBackupVaultArn: `arn:aws:backup:${region}:${accountId}:backup-vault:payments-vault`,
  SourceRecoveryPointArn: `arn:aws:backup:${region}:${accountId}:recovery-point:rp-1`,
  DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${accountId}:backup-vault:payments-dr`,
  DestinationRecoveryPointArn: `arn:aws:backup:eu-central-1:${accountId}:recovery-point:rp-2`,
  ResourceArn: `arn:aws:dynamodb:${region}:${accountId}:table/orders`,
  ResourceType: 'DynamoDB',
  CreationDate: new Date('2026-11-20T06:00:00Z'),
  CompletionDate: new Date('2026-11-20T06:30:00Z'),
  State: 'COMPLETED',
  BackupSizeInBytes: 1024,
  CreatedBy: { BackupPlanId: 'plan-1', BackupRuleId: 'rule-1' },
});

const restoreJob = (id: string, accountId: string, test: boolean): RestoreJobsListMember => ({
  AccountId: accountId,
  RestoreJobId: id,
  RecoveryPointArn: `arn:aws:backup:eu-west-1:${accountId}:recovery-point:rp-1`,
  RecoveryPointCreationDate: new Date('2026-11-19T05:00:00Z'),
  SourceResourceArn: `arn:aws:dynamodb:eu-west-1:${accountId}:table/orders`,
  CreatedResourceArn: `arn:aws:dynamodb:eu-west-1:${accountId}:table/awsbackup-restore-test-orders`,
  ResourceType: 'DynamoDB',
  CreationDate: new Date('2026-11-20T01:00:00Z'),
  CompletionDate: new Date('2026-11-20T01:40:00Z'),
  Status: 'COMPLETED',
  PercentDone: '100%',
  BackupSizeInBytes: 2048,
  ExpectedCompletionTimeMinutes: 45,
  ...(test
    ? {
        CreatedBy: { RestoreTestingPlanArn: `arn:aws:backup:eu-west-1:${accountId}:restore-testing-plan:weekly-1` },
        ValidationStatus: 'SUCCESSFUL',
        DeletionStatus: 'SUCCESSFUL',
      }
    : {}),
});

/** Inputs as the mock received them, copied at call time (paginators reuse their input object). */
const seen: Record<string, Array<Record<string, unknown>>> = {};
function record(name: string, input: object) {
  (seen[name] ??= []).push({ ...input });
}

const clientFor = (region: string) => new BackupClient({ region });

beforeEach(() => {
  backupMock.reset();
  for (const key of Object.keys(seen)) delete seen[key];
});

describe('JobsCollector, organization-wide', () => {
  it('lists every kind once per Region with ByAccountId=* and keeps only collected accounts', async () => {
    backupMock.on(ListBackupJobsCommand).callsFake((input: { ByAccountId?: string; NextToken?: string }) => {
      record('backup', input);
      if (input.ByAccountId !== '*') throw new Error('expected an organization-wide listing');
      // Two pages; the second names an account outside the collection (excluded).
      return input.NextToken
        ? { BackupJobs: [backupJob('job-3', '999999999999', 'eu-west-1')] }
        : { BackupJobs: [backupJob('job-1', PROD, 'eu-west-1'), backupJob('job-2', DEV, 'eu-west-1', 'FAILED')], NextToken: 'next-page' };
    });
    backupMock.on(ListCopyJobsCommand).callsFake((input: object) => {
      record('copy', input);
      return { CopyJobs: [copyJob('copy-1', PROD, 'eu-west-1')] };
    });
    backupMock.on(ListRestoreJobsCommand).callsFake((input: object) => {
      record('restore', input);
      return { RestoreJobs: [restoreJob('restore-1', PROD, true), restoreJob('restore-2', DEV, false)] };
    });

    const jobs = new JobsCollector({
      since: SINCE,
      keepAccount: (id) => [MGMT, PROD, DEV].includes(id),
      orgWide: { callerAccountId: MGMT, client: clientFor, expectsOtherAccounts: true, errors: new ErrorSink() },
    });
    const errors = new ErrorSink();
    // Three accounts in one Region: the organization-wide listing runs once per kind.
    await Promise.all([MGMT, PROD, DEV].map((account) => jobs.collect(account, 'eu-west-1', clientFor('eu-west-1'), errors)));

    expect(seen.backup).toEqual([
      { ByAccountId: '*', ByCreatedAfter: SINCE, MaxResults: 1000 },
      { ByAccountId: '*', ByCreatedAfter: SINCE, MaxResults: 1000, NextToken: 'next-page' },
    ]);
    expect(seen.copy).toEqual([{ ByAccountId: '*', ByCreatedAfter: SINCE, MaxResults: 1000 }]);
    expect(seen.restore).toEqual([{ ByAccountId: '*', ByCreatedAfter: SINCE, MaxResults: 1000 }]);
    expect(seen.restore?.every((input) => !('ByState' in input))).toBe(true);

    const result = jobs.result();
    expect(result?.since).toBe(SINCE.toISOString());
    expect(result?.backup?.map((j) => [j.BackupJobId, j.AccountId, j.Region, j.State])).toEqual([
      ['job-1', PROD, 'eu-west-1', 'COMPLETED'],
      ['job-2', DEV, 'eu-west-1', 'FAILED'],
    ]);
    expect(result?.backup?.[0]).toMatchObject({ CreationDate: '2026-11-20T05:00:00.000Z', CreatedBy: { BackupPlanId: 'plan-1' } });
    expect(result?.copy?.[0]).toMatchObject({ CopyJobId: 'copy-1', Region: 'eu-west-1', DestinationBackupVaultArn: expect.stringContaining('eu-central-1') });
    expect(result?.restore?.map((j) => [j.RestoreJobId, j.Region, j.CreatedBy?.RestoreTestingPlanArn !== undefined, j.ValidationStatus])).toEqual([
      ['restore-1', 'eu-west-1', true, 'SUCCESSFUL'],
      ['restore-2', 'eu-west-1', false, undefined],
    ]);
    expect(errors.list()).toEqual([]);
  });

  it('falls back to per-account listings when the organization refuses ByAccountId=*', async () => {
    backupMock.on(ListBackupJobsCommand).callsFake((input: { ByAccountId?: string }) => {
      record('backup', input);
      if (input.ByAccountId === '*') throw awsError('AccessDeniedException', 'Cross-account monitoring is not enabled', 403);
      return { BackupJobs: [backupJob(`job-${seen.backup?.length}`, PROD, 'eu-west-1')] };
    });
    backupMock.on(ListCopyJobsCommand).callsFake((input: { ByAccountId?: string }) => {
      record('copy', input);
      return { CopyJobs: [copyJob('copy-1', PROD, 'eu-west-1')] };
    });
    backupMock.on(ListRestoreJobsCommand).callsFake((input: { ByAccountId?: string }) => {
      record('restore', input);
      if (input.ByAccountId !== '*') throw awsError('ThrottlingException', 'Rate exceeded');
      return { RestoreJobs: [restoreJob('restore-1', PROD, false)] };
    });
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true, orgWide: { callerAccountId: MGMT, client: clientFor, expectsOtherAccounts: true, errors: new ErrorSink() } });
    const errors = { west: new ErrorSink({ region: 'eu-west-1' }), central: new ErrorSink({ region: 'eu-central-1' }) };
    await Promise.all([
      jobs.collect(PROD, 'eu-west-1', clientFor('eu-west-1'), errors.west),
      jobs.collect(PROD, 'eu-central-1', clientFor('eu-central-1'), errors.central),
    ]);
    // The probe failed once; no second organization-wide attempt in the other Region; each Region listed its own.
    expect(seen.backup?.map((i) => i.ByAccountId ?? 'own')).toEqual(['*', 'own', 'own']);
    expect(seen.backup?.every((i) => i.ByCreatedAfter === SINCE)).toBe(true);
    expect(jobs.result()?.backup).toHaveLength(2);
    // Copy and restore decided on their own: org-wide worked for them.
    expect(seen.copy?.map((i) => i.ByAccountId)).toEqual(['*', '*']);
    expect(seen.restore?.map((i) => i.ByAccountId)).toEqual(['*', '*']);
    expect(errors.west.list()).toEqual([]);
  });

  it("lists per account when ByAccountId=* returns only the caller's own jobs (no trusted access)", async () => {
    // Without cross-account monitoring AWS answers `*` with the management account's own jobs only.
    backupMock.on(ListBackupJobsCommand).callsFake((input: { ByAccountId?: string }, getClient: () => unknown) => {
      record('backup', input);
      const client = getClient() as { listing?: string };
      if (input.ByAccountId === '*') return { BackupJobs: [backupJob('mgmt-job', MGMT, 'eu-west-1')] };
      const account = client.listing ?? MGMT;
      return { BackupJobs: [backupJob(`${account}-job`, account, 'eu-west-1')] };
    });
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    const own = (account: string) => Object.assign(clientFor('eu-west-1'), { listing: account });
    const estateErrors = new ErrorSink();
    const jobs = new JobsCollector({
      since: SINCE,
      keepAccount: () => true,
      orgWide: { callerAccountId: MGMT, client: clientFor, expectsOtherAccounts: true, errors: estateErrors },
    });
    const errors = new ErrorSink();
    await Promise.all([MGMT, PROD, DEV].map((account) => jobs.collect(account, 'eu-west-1', own(account), errors)));
    expect(seen.backup?.map((i) => i.ByAccountId ?? 'own')).toEqual(['*', 'own', 'own', 'own']);
    expect(jobs.result()?.backup?.map((j) => [j.BackupJobId, j.AccountId]).sort()).toEqual([
      [`${MGMT}-job`, MGMT],
      [`${PROD}-job`, PROD],
      [`${DEV}-job`, DEV],
    ].sort());
    // Copy and restore jobs listed nothing at all organization-wide: the same distrust, the same fallback.
    expect(backupMock.commandCalls(ListCopyJobsCommand)).toHaveLength(4);
    expect([...errors.list(), ...estateErrors.list()]).toEqual([]);
  });

  it('trusts an empty ByAccountId=* listing in another Region once the probe showed other accounts’ jobs', async () => {
    // Copy jobs are listed in the Region they start from: a Region no plan copies from has none for anyone.
    backupMock.on(ListBackupJobsCommand).resolves({ BackupJobs: [backupJob('job-1', PROD, 'eu-west-1')] });
    backupMock.on(ListCopyJobsCommand).callsFake((input: { ByAccountId?: string }, getClient: () => unknown) => {
      record('copy', input);
      const region = (getClient() as { region: string }).region;
      return { CopyJobs: region === 'eu-west-1' ? [copyJob('copy-1', PROD, 'eu-west-1')] : [] };
    });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [restoreJob('restore-1', PROD, false)] });
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true, orgWide: { callerAccountId: MGMT, client: (region) => Object.assign(clientFor(region), { region }), expectsOtherAccounts: true, errors: new ErrorSink() } });
    const errors = new ErrorSink();
    for (const region of ['eu-west-1', 'eu-central-1']) {
      await Promise.all([MGMT, PROD, DEV].map((account) => jobs.collect(account, region, Object.assign(clientFor(region), { region }), errors)));
    }
    // The probe (eu-west-1) showed PROD's copy job; eu-central-1's empty answer is its truth, not a reason to list per account.
    expect(seen.copy?.map((i) => i.ByAccountId ?? 'own')).toEqual(['*', '*']);
    expect(jobs.listedRegions()).toEqual(['eu-central-1', 'eu-west-1']);
    expect(jobs.result()?.copy?.map((j) => j.CopyJobId)).toEqual(['copy-1']);
    expect(errors.list()).toEqual([]);
  });

  it("trusts a caller-only ByAccountId=* listing when no other account is observed", async () => {
    backupMock.on(ListBackupJobsCommand).callsFake((input: object) => {
      record('backup', input);
      return { BackupJobs: [backupJob('mgmt-job', MGMT, 'eu-west-1')] };
    });
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    const jobs = new JobsCollector({
      since: SINCE,
      keepAccount: () => true,
      orgWide: { callerAccountId: MGMT, client: clientFor, expectsOtherAccounts: false, errors: new ErrorSink() },
    });
    await jobs.collect(MGMT, 'eu-west-1', clientFor('eu-west-1'), new ErrorSink());
    expect(seen.backup?.map((i) => i.ByAccountId)).toEqual(['*']);
    expect(jobs.result()?.backup?.map((j) => j.BackupJobId)).toEqual(['mgmt-job']);
  });

  it('records organization-wide job records that fail the schema check in the estate, under their account', async () => {
    const broken = { ...backupJob('job-broken', DEV, 'eu-west-1'), CreationDate: undefined, ResourceArn: undefined };
    backupMock.on(ListBackupJobsCommand).resolves({ BackupJobs: [backupJob('job-1', PROD, 'eu-west-1'), broken, { ...broken, BackupJobId: 'job-broken-2' }] });
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [copyJob('copy-1', PROD, 'eu-west-1')] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [restoreJob('restore-1', PROD, false)] });
    const estateErrors = new ErrorSink();
    const regionErrors = new ErrorSink({ accountId: MGMT, region: 'eu-west-1' });
    const jobs = new JobsCollector({
      since: SINCE,
      keepAccount: () => true,
      orgWide: { callerAccountId: MGMT, client: clientFor, expectsOtherAccounts: true, errors: estateErrors },
    });
    await jobs.collect(MGMT, 'eu-west-1', clientFor('eu-west-1'), regionErrors);
    expect(jobs.result()?.backup?.map((j) => j.BackupJobId)).toEqual(['job-1']);
    expect(estateErrors.list()).toEqual([
      {
        service: 'backup',
        operation: 'ListBackupJobs',
        resource: 'job-broken',
        resources: ['job-broken', 'job-broken-2'],
        accountId: DEV,
        region: 'eu-west-1',
        code: 'UnexpectedResponse',
        message: expect.stringMatching(/^response does not have the expected shape at .*\(and 1 more resource with the same error\)$/),
      },
    ]);
    expect(regionErrors.list()).toEqual([]);
  });

  it('records a failed per-account listing in that Region and leaves the kind absent when nothing was listed', async () => {
    backupMock.on(ListBackupJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true });
    const errors = new ErrorSink({ accountId: PROD, region: 'eu-west-1' });
    await jobs.collect(PROD, 'eu-west-1', clientFor('eu-west-1'), errors);
    expect(errors.list()).toEqual([
      { service: 'backup', operation: 'ListBackupJobs', code: 'ThrottlingException', message: 'Rate exceeded', accountId: PROD, region: 'eu-west-1' },
    ]);
    const result = jobs.result();
    expect(result?.backup).toBeUndefined();
    expect(result?.copy).toEqual([]);
    expect(result?.restore).toEqual([]);
  });

  it('records only the failure of a listing that fails after a page with a misfit record, as if no page had come', async () => {
    const broken = { ...backupJob('job-broken', PROD, 'eu-west-1'), CreationDate: undefined };
    backupMock
      .on(ListBackupJobsCommand)
      .resolvesOnce({ BackupJobs: [backupJob('job-1', PROD, 'eu-west-1'), broken], NextToken: 'page-2' })
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'));
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true });
    const errors = new ErrorSink({ accountId: PROD, region: 'eu-west-1' });
    await jobs.collect(PROD, 'eu-west-1', clientFor('eu-west-1'), errors);
    expect(errors.list().map((e) => e.code)).toEqual(['ThrottlingException']);
    expect(jobs.result()?.backup).toBeUndefined();
  });

  it('keeps every job of every page, the records equal to the listed jobs', async () => {
    backupMock
      .on(ListBackupJobsCommand)
      .resolvesOnce({ BackupJobs: [backupJob('job-1', PROD, 'eu-west-1')], NextToken: 'page-2' })
      .resolvesOnce({ BackupJobs: [backupJob('job-2', PROD, 'eu-west-1', 'FAILED')] });
    backupMock.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
    backupMock.on(ListRestoreJobsCommand).resolves({ RestoreJobs: [] });
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true });
    await jobs.collect(PROD, 'eu-west-1', clientFor('eu-west-1'), new ErrorSink());
    const backup = jobs.result()?.backup ?? [];
    expect(backup.map((j) => [j.BackupJobId, j.State])).toEqual([['job-1', 'COMPLETED'], ['job-2', 'FAILED']]);
    expect(backup[1]).toMatchObject({
      AccountId: PROD,
      Region: 'eu-west-1',
      CreationDate: '2026-11-20T05:00:00.000Z',
      StatusMessage: 'Insufficient privileges to perform this action.',
      CreatedBy: { BackupPlanId: 'plan-1', BackupRuleId: 'rule-1' },
    });
  });

  it('has no jobs section when no listing ever worked', async () => {
    backupMock.onAnyCommand().rejects(awsError('AccessDeniedException', 'denied', 403));
    const jobs = new JobsCollector({ since: SINCE, keepAccount: () => true });
    await jobs.collect(PROD, 'eu-west-1', clientFor('eu-west-1'), new ErrorSink());
    expect(jobs.result()).toBeUndefined();
  });
});

describe('listRestoreJobs', () => {
  it('filters status with ByStatus and fills AccountId and Region', async () => {
    backupMock.on(ListRestoreJobsCommand).callsFake((input: object) => {
      record('restore', input);
      return { RestoreJobs: [{ ...restoreJob('r-1', PROD, true), AccountId: undefined }] };
    });
    const jobs = await listRestoreJobs(
      clientFor('eu-west-1'),
      { since: SINCE, region: 'eu-west-1', listingAccountId: PROD, status: 'FAILED' },
      new ErrorSink(),
    );
    expect(seen.restore).toEqual([{ ByCreatedAfter: SINCE, MaxResults: 1000, ByStatus: 'FAILED' }]);
    expect(jobs[0]).toMatchObject({ RestoreJobId: 'r-1', AccountId: PROD, Region: 'eu-west-1', RecoveryPointCreationDate: '2026-11-19T05:00:00.000Z' });
  });
});

/**
 * Sharded: a shard lists `ByAccountId=*` in its own Regions only ("If used from an AWS Organizations management
 * account, passing * returns all jobs across the organization", per Region:
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html), leaves the other shared Regions to
 * their shards, and lists its own accounts' jobs where its organization-wide list is not available (AccessDenied
 * without the permission or cross-account monitoring: https://docs.aws.amazon.com/aws-backup/latest/devguide/manage-cross-account.html).
 * A Region without other accounts' copy jobs is believed once the backup jobs showed trusted access is on ("you can
 * … view details about the backup, restore, and copy jobs in any of the accounts in your organization":
 * https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-backup.html).
 */
describe('JobsCollector, sharded by Region', () => {
  const SHARED = ['eu-central-1', 'eu-west-1'];
  const cases: Array<{
    name: string;
    mine: string[];
    refused?: string[];
    /** Regions where `*` answers no copy job of any account. */
    noCopies?: string[];
    /** Copy job listings made, when the case is about them. */
    copyListings?: string[];
    /** Regions this shard observes its account PROD in. */
    observes: string[];
    /** Backup job listings made (by `*` or by the account, then the Region). */
    listings: string[];
    uncovered: string[];
    listed: string[];
    /** Backup jobs kept, `ACCOUNT/REGION`. */
    kept: string[];
  }> = [
    {
      name: 'lists its own Region organization-wide and leaves the other to its shard',
      mine: ['eu-central-1'],
      observes: ['eu-central-1', 'eu-west-1'],
      listings: ['*/eu-central-1'],
      uncovered: [],
      listed: ['eu-central-1'],
      kept: [`${DEV}/eu-central-1`, `${PROD}/eu-central-1`],
    },
    {
      name: 'lists its own Region even where none of its accounts is observed',
      mine: ['eu-central-1'],
      observes: [],
      listings: ['*/eu-central-1'],
      uncovered: [],
      listed: ['eu-central-1'],
      kept: [`${DEV}/eu-central-1`, `${PROD}/eu-central-1`],
    },
    {
      name: 'refused in its Region (the probe): lists its own accounts’ jobs in every Region and says its Region is uncovered',
      mine: ['eu-central-1'],
      refused: ['eu-central-1'],
      observes: ['eu-central-1', 'eu-west-1'],
      listings: ['*/eu-central-1', `${PROD}/eu-central-1`, `${PROD}/eu-west-1`],
      uncovered: ['backup/eu-central-1'],
      listed: ['eu-central-1'],
      kept: [`${PROD}/eu-central-1`, `${PROD}/eu-west-1`],
    },
    {
      name: 'refused in its second Region only: its own accounts’ jobs there, the first Region still organization-wide',
      mine: ['eu-central-1', 'eu-west-1'],
      refused: ['eu-west-1'],
      observes: ['eu-central-1', 'eu-west-1'],
      listings: ['*/eu-central-1', '*/eu-west-1', `${PROD}/eu-west-1`],
      uncovered: ['backup/eu-west-1'],
      listed: ['eu-central-1', 'eu-west-1'],
      kept: [`${DEV}/eu-central-1`, `${PROD}/eu-central-1`, `${PROD}/eu-west-1`],
    },
    {
      name: 'no other account’s copy job in its Region: believed, since its backup jobs showed other accounts’',
      mine: ['eu-central-1'],
      noCopies: ['eu-central-1'],
      observes: ['eu-central-1', 'eu-west-1'],
      listings: ['*/eu-central-1'],
      copyListings: ['*/eu-central-1'],
      uncovered: [],
      listed: ['eu-central-1'],
      kept: [`${DEV}/eu-central-1`, `${PROD}/eu-central-1`],
    },
    {
      name: 'more shards than Regions: a shard without a Region lists nothing organization-wide',
      mine: [],
      observes: ['eu-central-1', 'eu-west-1'],
      listings: [],
      uncovered: [],
      listed: [],
      kept: [],
    },
    {
      name: 'a Region no shard lists (enabled in member accounts only): its own accounts’ jobs there',
      mine: ['eu-central-1'],
      observes: ['ap-south-1'],
      listings: ['*/eu-central-1', `${PROD}/ap-south-1`],
      uncovered: [],
      listed: ['eu-central-1'],
      kept: [`${DEV}/eu-central-1`, `${PROD}/ap-south-1`, `${PROD}/eu-central-1`],
    },
  ];

  it.each(cases)('$name', async ({ mine, refused = [], noCopies = [], copyListings, observes, listings, uncovered, listed, kept }) => {
    const client = (region: string, listing = MGMT) => Object.assign(clientFor(region), { region, listing });
    const answer = (input: { ByAccountId?: string }, getClient: () => unknown, kind: 'backup' | 'copy' | 'restore') => {
      const { region, listing } = getClient() as { region: string; listing: string };
      if (kind !== 'restore') record(kind, { ...input, at: `${input.ByAccountId ?? listing}/${region}` });
      if (input.ByAccountId === '*' && refused.includes(region) && kind === 'backup') throw awsError('AccessDeniedException', 'not authorized', 403);
      const accounts = input.ByAccountId === '*' ? (kind === 'copy' && noCopies.includes(region) ? [] : [PROD, DEV]) : [listing];
      if (kind === 'copy') return { CopyJobs: accounts.map((a) => copyJob(`copy-${a}-${region}`, a, region)) };
      if (kind === 'restore') return { RestoreJobs: accounts.map((a) => restoreJob(`restore-${a}-${region}`, a, false)) };
      return { BackupJobs: accounts.map((a) => backupJob(`job-${a}-${region}`, a, region)) };
    };
    backupMock.on(ListBackupJobsCommand).callsFake((input: object, getClient: () => unknown) => answer(input, getClient, 'backup'));
    backupMock.on(ListCopyJobsCommand).callsFake((input: object, getClient: () => unknown) => answer(input, getClient, 'copy'));
    backupMock.on(ListRestoreJobsCommand).callsFake((input: object, getClient: () => unknown) => answer(input, getClient, 'restore'));
    const jobs = new JobsCollector({
      since: SINCE,
      keepAccount: () => true,
      share: { mine, shared: new Set(SHARED) },
      orgWide: { callerAccountId: MGMT, client: (region) => client(region), expectsOtherAccounts: true, errors: new ErrorSink() },
    });
    jobs.listShare();
    const errors = new ErrorSink();
    await Promise.all(observes.map((region) => jobs.collect(PROD, region, client(region, PROD), errors)));
    expect((await jobs.uncovered()).map((u) => `${u.kind}/${u.region}`)).toEqual(uncovered);
    expect((seen.backup ?? []).map((i) => i.at).sort()).toEqual([...listings].sort());
    expect(jobs.listedRegions()).toEqual(listed);
    if (copyListings) expect((seen.copy ?? []).map((i) => i.at).sort()).toEqual([...copyListings].sort());
    expect((jobs.result()?.backup ?? []).map((j) => `${j.AccountId}/${j.Region}`).sort()).toEqual([...kept].sort());
    expect(errors.list()).toEqual([]);
  });
});
