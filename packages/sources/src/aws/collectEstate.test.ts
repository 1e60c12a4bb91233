/**
 * A whole run against mocked clients: AssumeRole per account (one refused), Regions discovered per account,
 * jobs organization-wide, faults recorded where they happened, and the unusable invocations that throw.
 */
import { AuditManagerClient } from '@aws-sdk/client-auditmanager';
import { BackupClient, ListBackupJobsCommand } from '@aws-sdk/client-backup';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRegionsCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FSxClient } from '@aws-sdk/client-fsx';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { GetBucketTaggingCommand, GetBucketVersioningCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEstate } from '../snapshot/load.js';
import { collectEstate } from './collectEstate.js';
import { AccountCredentials } from './credentials.js';
import { AwsSetupError } from './errors.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const MGMT = '111111111111';
const PROD = '222222222222';
const DENIED = '333333333333';
const NOW = new Date('2026-11-21T06:00:00Z');
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

const mocks = {
  sts: mockClient(STSClient),
  org: mockClient(OrganizationsClient),
  ec2: mockClient(EC2Client),
  s3: mockClient(S3Client),
  dynamodb: mockClient(DynamoDBClient),
  rds: mockClient(RDSClient),
  efs: mockClient(EFSClient),
  fsx: mockClient(FSxClient),
  backup: mockClient(BackupClient),
  auditmanager: mockClient(AuditManagerClient),
};

interface ClientLike {
  config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> };
}
/** The account (from the assumed credentials) and Region a mocked call was made with. */
async function whereCalled(getClient: () => unknown): Promise<{ account: string; region: string }> {
  const client = getClient() as ClientLike;
  const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
  return { account: credentials.accessKeyId.startsWith('ASIA-') ? credentials.accessKeyId.slice(5) : MGMT, region };
}

const saved = { key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, region: process.env.AWS_REGION };
beforeAll(() => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIA-MGMT', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' });
});
afterAll(() => {
  for (const [key, value] of [['AWS_ACCESS_KEY_ID', saved.key], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_REGION', saved.region]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** The part of every client stub used to reset them all (their command types differ). */
interface AnyStub {
  reset(): void;
  onAnyCommand(): { resolves(output: object): unknown };
}

function mockOrganization() {
  for (const mock of Object.values(mocks) as AnyStub[]) {
    mock.reset();
    // Everything not mocked below answers "nothing here".
    mock.onAnyCommand().resolves({});
  }
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: MGMT, Arn: `arn:aws:iam::${MGMT}:user/operator`, UserId: 'AIDA' });
  mocks.sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    if (input.RoleArn.includes(DENIED)) throw awsError('AccessDenied', `User: arn:aws:iam::${MGMT}:user/operator is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`, 403);
    const account = input.RoleArn.split(':')[4];
    return { Credentials: { AccessKeyId: `ASIA-${account}`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) } };
  });
  mocks.org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', MasterAccountId: MGMT } });
  mocks.org.on(ListAccountsCommand).resolves({
    Accounts: [
      { Id: MGMT, Name: 'management', State: 'ACTIVE' },
      { Id: PROD, Name: 'payments-prod', State: 'ACTIVE' },
      { Id: DENIED, Name: 'no-role', State: 'ACTIVE' },
    ],
  });
  mocks.org.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-1', Name: 'Root' }] });
  mocks.org.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
  mocks.org.on(ListChildrenCommand).resolves({ Children: [MGMT, PROD, DENIED].map((Id) => ({ Id, Type: 'ACCOUNT' })) });
  mocks.org.on(ListTagsForResourceCommand).resolves({ Tags: [] });
  mocks.ec2.on(DescribeRegionsCommand).resolves({
    Regions: [
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-central-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
    ],
  });
  mocks.ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  mocks.s3.on(ListBucketsCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
    const { account } = await whereCalled(getClient);
    return { Buckets: account === PROD ? [{ Name: 'payments-ledger', BucketRegion: 'eu-central-1' }] : [] };
  });
  mocks.s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'DataClassification', Value: 'critical' }] });
  mocks.s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  mocks.dynamodb.on(ListTablesCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
    const { account, region } = await whereCalled(getClient);
    if (account === PROD && region === 'eu-central-1') throw awsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
    return { TableNames: [] };
  });
  mocks.backup.on(ListBackupJobsCommand).callsFake(async (input: { ByAccountId?: string }, getClient: () => unknown) => {
    const { region } = await whereCalled(getClient);
    return {
      BackupJobs: [
        { AccountId: PROD, BackupJobId: `job-${region}`, ResourceArn: 'arn:aws:s3:::payments-ledger', CreationDate: new Date('2026-11-20T05:00:00Z'), State: 'COMPLETED', ByAccountIdSeen: input.ByAccountId },
      ],
    };
  });
  mocks.auditmanager.onAnyCommand().rejects(awsError('AccessDeniedException', 'Please complete AWS Audit Manager setup from home page to enable this action in this account.', 403));
}

describe('collectEstate (mocked AWS)', () => {
  beforeEach(() => mockOrganization());

  it('observes every reachable account in its enabled Regions and records what it could not observe', async () => {
    const estate = await collectEstate({ now: () => NOW, maxAttempts: 1 });
    expect(parseEstate(JSON.parse(JSON.stringify(estate)), 'mocked')).toBeTruthy();
    expect(estate.source).toBe('aws');
    expect(estate.accounts.map((a) => a.Id)).toEqual([MGMT, PROD, DENIED]);
    expect(estate.regions.map((r) => `${r.accountId}/${r.region}`)).toEqual([
      `${MGMT}/eu-central-1`,
      `${MGMT}/eu-west-1`,
      `${PROD}/eu-central-1`,
      `${PROD}/eu-west-1`,
    ]);
    // AssumeRole once per member account, whatever the number of clients; the caller's account uses its own credentials.
    expect(mocks.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn)).toEqual(
      expect.arrayContaining([`arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`, `arn:aws:iam::${DENIED}:role/OrganizationAccountAccessRole`]),
    );
    expect(mocks.sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    expect(mocks.sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input.RoleSessionName).toBe('vaultscope-operator');
    expect(estate.errors).toEqual([
      expect.objectContaining({ service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', accountId: DENIED, resource: `arn:aws:iam::${DENIED}:role/OrganizationAccountAccessRole` }),
    ]);
    const prodCentral = estate.regions.find((r) => r.accountId === PROD && r.region === 'eu-central-1');
    expect(prodCentral?.assets?.map((a) => a.arn)).toEqual(['arn:aws:s3:::payments-ledger']);
    expect(prodCentral?.errors).toEqual([
      expect.objectContaining({ service: 'dynamodb', operation: 'ListTables', code: 'ThrottlingException', accountId: PROD, region: 'eu-central-1' }),
    ]);
    expect(estate.regions.find((r) => r.accountId === PROD && r.region === 'eu-west-1')?.assets).toEqual([]);
    // Jobs came from the management account, organization-wide, once per Region.
    expect(mocks.backup.commandCalls(ListBackupJobsCommand)).toHaveLength(2);
    expect(estate.jobs?.backup?.map((j) => [j.BackupJobId, j.Region, j.AccountId])).toEqual([
      ['job-eu-central-1', 'eu-central-1', PROD],
      ['job-eu-west-1', 'eu-west-1', PROD],
    ]);
    expect(estate.jobs?.since).toBe('2026-10-22T06:00:00.000Z');
    expect(estate.auditManager).toBeUndefined();
  });

  it('honours --regions, --accounts and --role-name', async () => {
    const estate = await collectEstate({ now: () => NOW, maxAttempts: 1, regions: ['eu-west-1'], accounts: [PROD], roleName: 'VaultscopeRead' });
    expect(estate.accounts.map((a) => a.Id)).toEqual([PROD]);
    expect(estate.regions.map((r) => `${r.accountId}/${r.region}`)).toEqual([`${PROD}/eu-west-1`]);
    expect(mocks.ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
    expect(mocks.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn)).toEqual([`arn:aws:iam::${PROD}:role/VaultscopeRead`]);
    // The payments bucket lives in eu-central-1, which was not asked for.
    expect(estate.regions[0]?.assets).toEqual([]);
  });

  it('records an account-wide S3 or Region-discovery failure and goes on', async () => {
    mocks.s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    mocks.ec2.on(DescribeRegionsCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
      const { account } = await whereCalled(getClient);
      if (account === PROD) throw awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      return { Regions: [{ RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' }] };
    });
    const estate = await collectEstate({ now: () => NOW, maxAttempts: 1, accounts: [MGMT, PROD] });
    // PROD fell back to the home Region (AWS_REGION) and says why.
    expect(estate.regions.map((r) => `${r.accountId}/${r.region}`)).toEqual([`${MGMT}/eu-west-1`, `${PROD}/eu-west-1`]);
    expect(estate.errors).toEqual([expect.objectContaining({ service: 'ec2', operation: 'DescribeRegions', code: 'UnauthorizedOperation', accountId: PROD })]);
    // The bucket list is account-wide: every observed Region of the account says its S3 view is missing.
    for (const obs of estate.regions) {
      expect(obs.errors).toEqual(expect.arrayContaining([expect.objectContaining({ service: 's3', operation: 'ListBuckets', code: 'AccessDenied' })]));
    }
  });

  it('records an empty DescribeRegions answer instead of quietly observing only the home Region', async () => {
    mocks.ec2.on(DescribeRegionsCommand).resolves({ Regions: [] });
    const estate = await collectEstate({ now: () => NOW, maxAttempts: 1, accounts: [MGMT] });
    expect(estate.regions.map((r) => `${r.accountId}/${r.region}`)).toEqual([`${MGMT}/eu-west-1`]);
    expect(estate.errors).toEqual([
      {
        service: 'ec2',
        operation: 'DescribeRegions',
        code: 'UnexpectedResponse',
        message: 'DescribeRegions listed no enabled Region; observing only eu-west-1',
        accountId: MGMT,
      },
    ]);
  });

  it('throws AwsSetupError when there are no usable credentials', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(collectEstate({ maxAttempts: 1 })).rejects.toThrow(AwsSetupError);
    await expect(collectEstate({ maxAttempts: 1, profile: 'nope' })).rejects.toThrow(/^no usable AWS credentials \(profile "nope"\): Could not load credentials/);
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403));
    await expect(collectEstate({ maxAttempts: 1 })).rejects.toThrow('cannot identify the caller with AWS STS: InvalidClientTokenId: The security token included in the request is invalid.');
  });

  it('throws AwsSetupError for bad options before any call', async () => {
    await expect(collectEstate({ regions: ['Ireland'] })).rejects.toThrow('regions: "Ireland" is not an AWS Region name (e.g. eu-west-1)');
    await expect(collectEstate({ accounts: ['12345'] })).rejects.toThrow('accounts: "12345" is not a 12-digit AWS account id');
    await expect(collectEstate({ concurrency: 0 })).rejects.toThrow('concurrency: expected a positive integer, got 0');
    await expect(collectEstate({ roleName: 'bad role' })).rejects.toThrow(AwsSetupError);
    expect(mocks.sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });
});

describe('AccountCredentials', () => {
  it('caches assumed credentials and refreshes them shortly before they expire', async () => {
    let now = 0;
    const sts = new STSClient({ region: 'eu-west-1' });
    mocks.sts.reset();
    mocks.sts.on(AssumeRoleCommand).callsFake(() => ({
      Credentials: { AccessKeyId: `ASIA-${now}`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(now + 3600_000) },
    }));
    const credentials = new AccountCredentials({ sts, callerAccountId: MGMT, roleName: 'R', sessionName: 's', partition: 'aws', clock: () => now });
    expect(credentials.providerFor(MGMT)).toBeUndefined();
    const provider = credentials.providerFor(PROD);
    const [a, b] = await Promise.all([provider?.(), provider?.()]);
    expect(a?.accessKeyId).toBe('ASIA-0');
    expect(b).toBe(a);
    now = 50 * 60_000; // 10 minutes left: still valid
    expect((await provider?.())?.accessKeyId).toBe('ASIA-0');
    now = 56 * 60_000; // 4 minutes left: refreshed
    expect((await provider?.())?.accessKeyId).toBe(`ASIA-${56 * 60_000}`);
    expect(mocks.sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });
});
