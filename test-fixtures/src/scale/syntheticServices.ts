/**
 * The read calls the collector makes, answered from a SyntheticOrg in each service's own protocol and field names
 * (see /work/shared/aws-reference.md §1–7 and the SDK models): Organizations, STS, AWS Backup (configuration and
 * organization-wide job lists), S3, DynamoDB, RDS, EFS, EC2, FSx and Audit Manager. Anything else is refused with
 * the protocol's error, and counted as unhandled by the server.
 */
import { accountOfAccessKey, accessKeyFor, ORG_ID, ROOT_ID, type OrgAccount, type RegionEstate, type SyntheticOrg } from './syntheticOrg.js';
import { awsError, ec2Result, ec2Tags, el, els, epoch, json, list, members, queryResult, s3Result, Xml, xmlTags, type Protocol, type Reply } from './wire.js';

/** One request, as the server decoded it. */
export interface AwsRequest {
  method: string;
  url: URL;
  body: string;
  /** JSON protocols: the operation from `X-Amz-Target`. */
  target?: string;
  /** The account whose credentials signed the request. */
  accountId: string;
  region: string;
}

export interface Handled {
  operation: string;
  reply: Reply;
}

export type ServiceHandler = (org: SyntheticOrg, req: AwsRequest) => Handled;

const unknown = (protocol: Protocol, operation: string): Handled => ({
  operation: `unhandled:${operation}`,
  reply: awsError(protocol, 'InvalidAction', `the synthetic server does not implement ${operation}`),
});

/** A page of `items` from `token` (an offset), `max` long. */
function page<T>(items: readonly T[], token: string | undefined, max: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

const jsonBody = (req: AwsRequest): Record<string, unknown> => (req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {});
const form = (req: AwsRequest): URLSearchParams => new URLSearchParams(req.body || req.url.search);

const IAM_ROLE = (accountId: string) => `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;

// ---- Organizations (awsJson1_1) -------------------------------------------------------------------------------

function accountJson(org: SyntheticOrg, a: OrgAccount) {
  return {
    Id: a.id,
    Arn: `arn:aws:organizations::${org.management.id}:account/${ORG_ID}/${a.id}`,
    Email: a.email,
    Name: a.name,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: a.index === 0 ? 'INVITED' : 'CREATED',
    JoinedTimestamp: epoch(new Date('2020-01-01T00:00:00Z')) + a.index * 3600,
  };
}

export const organizations: ServiceHandler = (org, req) => {
  const op = req.target ?? '';
  const input = jsonBody(req);
  const reply = (value: unknown): Handled => ({ operation: op, reply: json('json1.1', value) });
  if (req.accountId !== org.management.id) {
    return { operation: op, reply: awsError('json1.1', 'AccessDeniedException', 'You don’t have permissions to access this resource.') };
  }
  const max = Math.min(Number(input.MaxResults ?? 20), 20);
  const token = input.NextToken as string | undefined;
  const ouArn = (id: string) => `arn:aws:organizations::${org.management.id}:ou/${ORG_ID}/${id}`;
  switch (op) {
    case 'DescribeOrganization':
      return reply({
        Organization: {
          Id: ORG_ID,
          Arn: `arn:aws:organizations::${org.management.id}:organization/${ORG_ID}`,
          FeatureSet: 'ALL',
          MasterAccountArn: `arn:aws:organizations::${org.management.id}:account/${ORG_ID}/${org.management.id}`,
          MasterAccountId: org.management.id,
          MasterAccountEmail: org.management.email,
        },
      });
    case 'ListAccounts': {
      const p = page(org.accounts, token, max);
      return reply({ Accounts: p.items.map((a) => accountJson(org, a)), NextToken: p.next });
    }
    case 'ListRoots':
      return reply({ Roots: [{ Id: ROOT_ID, Arn: `arn:aws:organizations::${org.management.id}:root/${ORG_ID}/${ROOT_ID}`, Name: 'Root', PolicyTypes: [] }] });
    case 'ListOrganizationalUnitsForParent': {
      const units = input.ParentId === ROOT_ID ? org.units : [];
      const p = page(units, token, max);
      return reply({ OrganizationalUnits: p.items.map((u) => ({ Id: u.id, Arn: ouArn(u.id), Name: u.name })), NextToken: p.next });
    }
    case 'ListChildren': {
      const children =
        input.ChildType === 'ACCOUNT'
          ? org.accounts.filter((a) => a.parentId === input.ParentId).map((a) => ({ Id: a.id, Type: 'ACCOUNT' }))
          : input.ParentId === ROOT_ID
            ? org.units.map((u) => ({ Id: u.id, Type: 'ORGANIZATIONAL_UNIT' }))
            : [];
      const p = page(children, token, max);
      return reply({ Children: p.items, NextToken: p.next });
    }
    case 'ListParents': {
      const account = org.account(String(input.ChildId));
      const parentId = account?.parentId ?? ROOT_ID;
      return reply({ Parents: [{ Id: parentId, Type: parentId === ROOT_ID ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] });
    }
    case 'DescribeOrganizationalUnit': {
      const unit = org.units.find((u) => u.id === input.OrganizationalUnitId);
      if (!unit) return { operation: op, reply: awsError('json1.1', 'OrganizationalUnitNotFoundException', 'not found') };
      return reply({ OrganizationalUnit: { Id: unit.id, Arn: ouArn(unit.id), Name: unit.name } });
    }
    case 'ListTagsForResource': {
      const account = org.account(String(input.ResourceId));
      if (!account) return { operation: op, reply: awsError('json1.1', 'TargetNotFoundException', 'You specified a target that doesn’t exist.') };
      return reply({ Tags: account.tags });
    }
    default:
      return unknown('json1.1', op);
  }
};

// ---- STS (query, XML) -----------------------------------------------------------------------------------------

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export const sts: ServiceHandler = (org, req) => {
  const params = form(req);
  const op = params.get('Action') ?? '';
  if (op === 'GetCallerIdentity') {
    const arn =
      req.accountId === org.management.id
        ? `arn:aws:iam::${req.accountId}:user/vaultscope-bench`
        : `arn:aws:sts::${req.accountId}:assumed-role/OrganizationAccountAccessRole/vaultscope-bench`;
    return { operation: op, reply: queryResult(op, STS_NS, els({ Arn: arn, UserId: 'AIDASCALEBENCH', Account: req.accountId })) };
  }
  if (op === 'AssumeRole') {
    const roleArn = params.get('RoleArn') ?? '';
    const target = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
    const account = target ? org.account(target[1] as string) : undefined;
    if (!account || !target) {
      return { operation: op, reply: awsError('query', 'AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403) };
    }
    const session = params.get('RoleSessionName') ?? 'session';
    const result = els({
      Credentials: els({
        AccessKeyId: accessKeyFor(account.id),
        SecretAccessKey: 'synthetic-secret',
        SessionToken: 'synthetic-session-token',
        // The real clock: the collector refreshes credentials that are about to expire.
        Expiration: new Date(Date.now() + 3600_000),
      }),
      AssumedRoleUser: els({ AssumedRoleId: `AROASCALEBENCH:${session}`, Arn: `arn:aws:sts::${account.id}:assumed-role/${target[2]}/${session}` }),
    });
    return { operation: op, reply: queryResult(op, STS_NS, result) };
  }
  return unknown('query', op);
};

// ---- AWS Backup (REST-JSON) -----------------------------------------------------------------------------------

function planJson(e: RegionEstate, org: SyntheticOrg) {
  const next = org.regions[(org.regions.indexOf(e.region) + 1) % org.regions.length] as string;
  return {
    BackupPlanId: e.planId,
    BackupPlanArn: e.planArn,
    VersionId: 'v1',
    CreationDate: epoch(e.createdAt),
    BackupPlan: {
      BackupPlanName: 'daily',
      Rules: [
        {
          RuleName: 'daily',
          RuleId: e.ruleId,
          TargetBackupVaultName: e.vaultName,
          ScheduleExpression: 'cron(0 5 ? * * *)',
          ScheduleExpressionTimezone: 'Etc/UTC',
          StartWindowMinutes: 480,
          CompletionWindowMinutes: 10080,
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:${next}:${e.accountId}:backup-vault:dr`, Lifecycle: { DeleteAfterDays: 35 } }],
        },
      ],
    },
  };
}

function vaultsJson(e: RegionEstate) {
  return [e.vaultName, 'dr'].map((name) => ({
    BackupVaultName: name,
    BackupVaultArn: `arn:aws:backup:${e.region}:${e.accountId}:backup-vault:${name}`,
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    CreationDate: epoch(e.createdAt),
    EncryptionKeyArn: `arn:aws:kms:${e.region}:${e.accountId}:key/${e.planId}`,
    NumberOfRecoveryPoints: 35,
    Locked: name === 'dr',
    ...(name === 'dr' ? { LockDate: epoch(e.createdAt), MinRetentionDays: 7, MaxRetentionDays: 365 } : {}),
  }));
}

/** Backup, copy and restore jobs of one account × Region and day, in ListBackupJobs/ListCopyJobs/ListRestoreJobs shape. */
function jobJson(org: SyntheticOrg, kind: 'backup' | 'copy' | 'restore', account: OrgAccount, region: string, daysAgo: number): object | undefined {
  const e = org.estate(account.id, region) as RegionEstate;
  const created = org.backupTime(daysAgo);
  const failed = org.backupFailed(account, region, daysAgo);
  const backupId = org.jobId('backup', account.id, region, daysAgo);
  const recoveryPoint = `arn:aws:backup:${region}:${account.id}:recovery-point:${backupId}`;
  const createdBy = { BackupPlanId: e.planId, BackupPlanArn: e.planArn, BackupPlanVersion: 'v1', BackupRuleId: e.ruleId, BackupRuleName: 'daily', BackupRuleCron: 'cron(0 5 ? * * *)' };
  const minutes = (date: Date, n: number) => epoch(new Date(date.getTime() + n * 60_000));
  if (kind === 'backup') {
    return {
      AccountId: account.id,
      BackupJobId: backupId,
      BackupVaultName: e.vaultName,
      BackupVaultArn: e.vaultArn,
      VaultType: 'BACKUP_VAULT',
      ...(failed ? {} : { RecoveryPointArn: recoveryPoint }),
      ResourceArn: e.tableArn,
      ResourceType: 'DynamoDB',
      ResourceName: e.table,
      CreationDate: epoch(created),
      InitiationDate: epoch(created),
      CompletionDate: minutes(created, 20),
      StartBy: minutes(created, 480),
      State: failed ? 'FAILED' : 'COMPLETED',
      ...(failed ? { StatusMessage: 'Insufficient privileges to perform this action.' } : {}),
      MessageCategory: failed ? 'AccessDenied' : 'SUCCESS',
      PercentDone: '100.0',
      BackupSizeInBytes: 1_048_576 * (1 + (account.index % 50)),
      BytesTransferred: 1_048_576 * (1 + (account.index % 50)),
      IamRoleArn: IAM_ROLE(account.id),
      CreatedBy: createdBy,
      IsEncrypted: true,
      IsParent: false,
    };
  }
  if (kind === 'copy') {
    if (!org.hasCopy(account, region, daysAgo)) return undefined;
    const next = org.regions[(org.regions.indexOf(region) + 1) % org.regions.length] as string;
    const copyId = org.jobId('copy', account.id, region, daysAgo);
    return {
      AccountId: account.id,
      CopyJobId: copyId,
      SourceBackupVaultArn: e.vaultArn,
      SourceRecoveryPointArn: recoveryPoint,
      DestinationBackupVaultArn: `arn:aws:backup:${next}:${account.id}:backup-vault:dr`,
      DestinationVaultType: 'BACKUP_VAULT',
      DestinationVaultLockState: 'LOCKED',
      DestinationRecoveryPointArn: `arn:aws:backup:${next}:${account.id}:recovery-point:${copyId}`,
      ResourceArn: e.tableArn,
      ResourceType: 'DynamoDB',
      ResourceName: e.table,
      CreationDate: minutes(created, 30),
      CompletionDate: minutes(created, 45),
      State: 'COMPLETED',
      MessageCategory: 'SUCCESS',
      BackupSizeInBytes: 1_048_576 * (1 + (account.index % 50)),
      IamRoleArn: IAM_ROLE(account.id),
      CreatedBy: createdBy,
      CreatedByBackupJobId: backupId,
      IsParent: false,
    };
  }
  if (org.restoreDay(account, region) !== daysAgo || failed) return undefined;
  return {
    AccountId: account.id,
    RestoreJobId: org.jobId('restore', account.id, region, daysAgo),
    RecoveryPointArn: recoveryPoint,
    RecoveryPointCreationDate: epoch(created),
    SourceResourceArn: e.tableArn,
    BackupVaultArn: e.vaultArn,
    CreatedResourceArn: `arn:aws:dynamodb:${region}:${account.id}:table/orders-restored-${daysAgo}`,
    ResourceType: 'DynamoDB',
    CreationDate: minutes(created, 180),
    CompletionDate: minutes(created, 200),
    Status: 'COMPLETED',
    PercentDone: '100.00%',
    BackupSizeInBytes: 1_048_576 * (1 + (account.index % 50)),
    IamRoleArn: IAM_ROLE(account.id),
    ExpectedCompletionTimeMinutes: 20,
  };
}

/**
 * One page of a job list. `ByAccountId=*` from the management account lists the whole organization's jobs of the
 * Region (cross-account monitoring on); otherwise the caller's own. The token is `accountIndex.dayIndex`.
 */
function jobPage(org: SyntheticOrg, req: AwsRequest, kind: 'backup' | 'copy' | 'restore', key: string): Reply {
  const q = req.url.searchParams;
  const after = q.get('createdAfter');
  const days = org.daysSince(after ? new Date(after) : undefined);
  const wanted = q.get('accountId');
  const accounts =
    wanted === '*' && req.accountId === org.management.id ? org.accounts : org.accounts.filter((a) => a.id === (wanted && wanted !== '*' ? wanted : req.accountId));
  const max = Math.min(Number(q.get('maxResults') ?? 1000), 1000);
  const [a0, d0] = (q.get('nextToken') ?? '0.0').split('.').map(Number) as [number, number];
  const jobs: object[] = [];
  let a = a0;
  let d = d0;
  for (; a < accounts.length && jobs.length < max; a++, d = 0) {
    for (; d < days.length && jobs.length < max; d++) {
      const job = jobJson(org, kind, accounts[a] as OrgAccount, req.region, days[d] as number);
      if (job) jobs.push(job);
    }
    if (jobs.length >= max) break;
  }
  const done = a >= accounts.length || (a === accounts.length - 1 && d >= days.length);
  return json('rest-json', { [key]: jobs, ...(done ? {} : { NextToken: `${a}.${d}` }) });
}

export const backup: ServiceHandler = (org, req) => {
  const path = req.url.pathname.replace(/\/+$/, '');
  const e = org.estate(req.accountId, req.region);
  const reply = (operation: string, value: unknown): Handled => ({ operation, reply: json('rest-json', value) });
  if (req.method !== 'GET') return unknown('rest-json', `${req.method} ${path}`);
  if (path === '/backup-jobs') return { operation: 'ListBackupJobs', reply: jobPage(org, req, 'backup', 'BackupJobs') };
  if (path === '/copy-jobs') return { operation: 'ListCopyJobs', reply: jobPage(org, req, 'copy', 'CopyJobs') };
  if (path === '/restore-jobs') return { operation: 'ListRestoreJobs', reply: jobPage(org, req, 'restore', 'RestoreJobs') };
  if (!e) return { operation: path, reply: awsError('rest-json', 'AccessDeniedException', `Region ${req.region} is not enabled`, 403) };
  const plan = planJson(e, org);
  const m = /^\/backup\/plans\/([^/]+)(?:\/selections(?:\/([^/]+))?)?$/.exec(path);
  if (path === '/account-settings') {
    const types = ['Aurora', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'RDS', 'S3', 'Storage Gateway'];
    return reply('DescribeRegionSettings', {
      ResourceTypeOptInPreference: Object.fromEntries(types.map((t) => [t, true])),
      ResourceTypeManagementPreference: { DynamoDB: true, EFS: true },
    });
  }
  if (path === '/backup/plans') {
    const { BackupPlan, ...rest } = plan;
    return reply('ListBackupPlans', { BackupPlansList: [{ ...rest, BackupPlanName: BackupPlan.BackupPlanName, LastExecutionDate: epoch(org.backupTime(1)) }] });
  }
  if (m && m[1] !== e.planId) return { operation: 'GetBackupPlan', reply: awsError('rest-json', 'ResourceNotFoundException', 'Failed reading Backup plan', 404) };
  if (m && path.endsWith('/selections')) {
    return reply('ListBackupSelections', {
      BackupSelectionsList: [{ SelectionId: e.selectionId, SelectionName: 'tagged-daily', BackupPlanId: e.planId, CreationDate: epoch(e.createdAt), IamRoleArn: IAM_ROLE(e.accountId) }],
    });
  }
  if (m && m[2]) {
    return reply('GetBackupSelection', {
      SelectionId: e.selectionId,
      BackupPlanId: e.planId,
      CreationDate: epoch(e.createdAt),
      BackupSelection: {
        SelectionName: 'tagged-daily',
        IamRoleArn: IAM_ROLE(e.accountId),
        Resources: [],
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
        NotResources: [],
        Conditions: { StringEquals: [], StringNotEquals: [], StringLike: [], StringNotLike: [] },
      },
    });
  }
  if (m) return reply('GetBackupPlan', plan);
  if (path === '/backup-vaults') return reply('ListBackupVaults', { BackupVaultList: vaultsJson(e) });
  if (path === '/resources') {
    return reply('ListProtectedResources', {
      Results: [
        {
          ResourceArn: e.tableArn,
          ResourceType: 'DynamoDB',
          ResourceName: e.table,
          LastBackupTime: epoch(new Date(org.backupTime(1).getTime() + 20 * 60_000)),
          LastBackupVaultArn: e.vaultArn,
        },
      ],
    });
  }
  if (path === '/restore-testing/plans') return reply('ListRestoreTestingPlans', { RestoreTestingPlans: [] });
  if (path === '/audit/frameworks') return reply('ListFrameworks', { Frameworks: [] });
  return unknown('rest-json', `GET ${path}`);
};

// ---- S3 (REST-XML, path-style on a loopback endpoint) ----------------------------------------------------------

export const s3: ServiceHandler = (org, req) => {
  const path = decodeURIComponent(req.url.pathname);
  const q = req.url.searchParams;
  if (req.method === 'GET' && path === '/') {
    const buckets = org.regions.map((region) => org.estate(req.accountId, region) as RegionEstate);
    const result = new Xml(
      list('Buckets', 'Bucket', buckets.map((b) => els({ Name: b.bucket, CreationDate: b.createdAt, BucketRegion: b.region }))).text +
        els({ Owner: els({ ID: `owner-${req.accountId}` }) }).text,
    );
    return { operation: 'ListBuckets', reply: s3Result('ListAllMyBucketsResult', result) };
  }
  const bucket = /^\/([^/]+)\/?$/.exec(path)?.[1];
  const owner = /^vs-scale-(\d{12})-(.+)$/.exec(bucket ?? '');
  const op = q.has('tagging') ? 'GetBucketTagging' : q.has('versioning') ? 'GetBucketVersioning' : q.has('location') ? 'GetBucketLocation' : `GET ${path}`;
  if (!owner || !org.estate(owner[1] as string, owner[2] as string)) return { operation: op, reply: awsError('rest-xml', 'NoSuchBucket', 'The specified bucket does not exist', 404) };
  if (owner[1] !== req.accountId) return { operation: op, reply: awsError('rest-xml', 'AccessDenied', 'Access Denied', 403) };
  if (op === 'GetBucketTagging') {
    return { operation: op, reply: s3Result('Tagging', el('TagSet', xmlTags('Tag', [{ Key: 'DataClassification', Value: 'internal' }, { Key: 'Owner', Value: 'data-platform' }]))) };
  }
  if (op === 'GetBucketVersioning') return { operation: op, reply: s3Result('VersioningConfiguration', els({ Status: 'Enabled' })) };
  if (op === 'GetBucketLocation') return { operation: op, reply: s3Result('LocationConstraint', new Xml(owner[2] as string)) };
  return unknown('rest-xml', op);
};

// ---- DynamoDB (awsJson1_0) ------------------------------------------------------------------------------------

export const dynamodb: ServiceHandler = (org, req) => {
  const op = req.target ?? '';
  const input = jsonBody(req);
  const e = org.estate(req.accountId, req.region);
  const reply = (value: unknown): Handled => ({ operation: op, reply: json('json1.0', value) });
  if (!e) return { operation: op, reply: awsError('json1.0', 'UnrecognizedClientException', 'The security token included in the request is invalid.') };
  const named = input.TableName ?? (typeof input.ResourceArn === 'string' ? input.ResourceArn.split('/').pop() : undefined);
  if (op !== 'ListTables' && named !== e.table && input.ResourceArn !== e.tableArn) {
    return { operation: op, reply: awsError('json1.0', 'ResourceNotFoundException', `Requested resource not found: Table: ${String(named)} not found`) };
  }
  switch (op) {
    case 'ListTables':
      return reply({ TableNames: [e.table] });
    case 'DescribeTable':
      return reply({
        Table: { TableName: e.table, TableArn: e.tableArn, TableStatus: 'ACTIVE', CreationDateTime: epoch(e.createdAt), TableSizeBytes: 52_428_800, ItemCount: 120_000 },
      });
    case 'DescribeContinuousBackups':
      return reply({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 } } });
    case 'ListTagsOfResource':
      return reply({ Tags: [{ Key: 'DataClassification', Value: 'critical' }, { Key: 'backup', Value: 'daily' }] });
    default:
      return unknown('json1.0', op);
  }
};

// ---- RDS (query, XML) -----------------------------------------------------------------------------------------

const RDS_NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

export const rds: ServiceHandler = (org, req) => {
  const op = form(req).get('Action') ?? '';
  const e = org.estate(req.accountId, req.region);
  if (!e) return { operation: op, reply: awsError('query', 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403) };
  if (op === 'DescribeDBClusters') return { operation: op, reply: queryResult(op, RDS_NS, list('DBClusters', 'DBCluster', [])) };
  if (op === 'DescribeDBInstances') {
    const instance = els({
      DBInstanceIdentifier: e.dbInstance,
      DBInstanceArn: e.dbInstanceArn,
      DBInstanceClass: 'db.r6g.large',
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceStatus: 'available',
      AllocatedStorage: 100,
      StorageType: 'gp3',
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      PreferredBackupWindow: '02:00-03:00',
      MultiAZ: true,
      InstanceCreateTime: e.createdAt,
      DeletionProtection: true,
      TagList: xmlTags('Tag', [{ Key: 'DataClassification', Value: 'confidential' }]),
    });
    return { operation: op, reply: queryResult(op, RDS_NS, list('DBInstances', 'DBInstance', [instance])) };
  }
  return unknown('query', op);
};

// ---- EC2 (ec2 query, XML) -------------------------------------------------------------------------------------

export const ec2: ServiceHandler = (org, req) => {
  const op = form(req).get('Action') ?? '';
  if (op === 'DescribeRegions') {
    const regions = org.regions.map((r) => els({ regionName: r, regionEndpoint: `ec2.${r}.amazonaws.com`, optInStatus: 'opt-in-not-required' }));
    return { operation: op, reply: ec2Result(op, list('regionInfo', 'item', regions)) };
  }
  const e = org.estate(req.accountId, req.region);
  if (!e) return { operation: op, reply: awsError('ec2', 'AuthFailure', 'AWS was not able to validate the provided access credentials', 401) };
  const az = `${req.region}a`;
  if (op === 'DescribeVolumes') {
    const volume = els({
      volumeId: e.volumeId,
      size: 200,
      availabilityZone: az,
      status: 'in-use',
      createTime: e.createdAt,
      attachmentSet: members('item', [els({ volumeId: e.volumeId, instanceId: e.instanceId, device: '/dev/xvda', status: 'attached', deleteOnTermination: true })]),
      volumeType: 'gp3',
      encrypted: true,
      tagSet: ec2Tags([{ Key: 'Name', Value: 'app-root' }]),
    });
    return { operation: op, reply: ec2Result(op, list('volumeSet', 'item', [volume])) };
  }
  if (op === 'DescribeInstances') {
    const instance = els({
      instanceId: e.instanceId,
      instanceType: 'm7g.large',
      launchTime: e.createdAt,
      instanceState: els({ code: 16, name: 'running' }),
      placement: els({ availabilityZone: az }),
      blockDeviceMapping: members('item', [els({ deviceName: '/dev/xvda', ebs: els({ volumeId: e.volumeId, status: 'attached', deleteOnTermination: true }) })]),
      tagSet: ec2Tags([{ Key: 'Name', Value: 'app' }, { Key: 'DataClassification', Value: 'internal' }]),
    });
    const reservation = els({ reservationId: `r-${e.instanceId.slice(2)}`, ownerId: e.accountId, instancesSet: members('item', [instance]) });
    return { operation: op, reply: ec2Result(op, list('reservationSet', 'item', [reservation])) };
  }
  return unknown('ec2', op);
};

// ---- EFS (REST-JSON) ------------------------------------------------------------------------------------------

export const efs: ServiceHandler = (org, req) => {
  const path = req.url.pathname.replace(/\/+$/, '');
  const e = org.estate(req.accountId, req.region);
  if (!e) return { operation: path, reply: awsError('rest-json', 'AccessDeniedException', 'not enabled', 403) };
  if (path === '/2015-02-01/file-systems') {
    return {
      operation: 'DescribeFileSystems',
      reply: json('rest-json', {
        FileSystems: [
          {
            OwnerId: e.accountId,
            CreationToken: e.fileSystemId,
            FileSystemId: e.fileSystemId,
            FileSystemArn: e.fileSystemArn,
            Name: 'shared-documents',
            CreationTime: epoch(e.createdAt),
            LifeCycleState: 'available',
            NumberOfMountTargets: 2,
            SizeInBytes: { Value: 10_737_418_240, ValueInIA: 0, ValueInStandard: 10_737_418_240 },
            PerformanceMode: 'generalPurpose',
            ThroughputMode: 'elastic',
            Encrypted: true,
            Tags: [{ Key: 'Name', Value: 'shared-documents' }],
          },
        ],
      }),
    };
  }
  if (path === `/2015-02-01/file-systems/${e.fileSystemId}/backup-policy`) {
    return { operation: 'DescribeBackupPolicy', reply: json('rest-json', { BackupPolicy: { Status: 'ENABLED' } }) };
  }
  return unknown('rest-json', `${req.method} ${path}`);
};

// ---- FSx (awsJson1_1) and Audit Manager (REST-JSON): nothing there ----------------------------------------------

export const fsx: ServiceHandler = (_org, req) =>
  req.target === 'DescribeFileSystems' ? { operation: req.target, reply: json('json1.1', { FileSystems: [] }) } : unknown('json1.1', req.target ?? '');

export const auditmanager: ServiceHandler = (_org, req) =>
  req.url.pathname.replace(/\/+$/, '') === '/assessments' ? { operation: 'ListAssessments', reply: json('rest-json', { assessmentMetadata: [] }) } : unknown('rest-json', req.url.pathname);

/** Handlers by SigV4 signing name, with the protocol of their errors. */
export const SERVICES: Record<string, { handler: ServiceHandler; protocol: Protocol }> = {
  organizations: { handler: organizations, protocol: 'json1.1' },
  sts: { handler: sts, protocol: 'query' },
  backup: { handler: backup, protocol: 'rest-json' },
  s3: { handler: s3, protocol: 'rest-xml' },
  dynamodb: { handler: dynamodb, protocol: 'json1.0' },
  rds: { handler: rds, protocol: 'query' },
  ec2: { handler: ec2, protocol: 'ec2' },
  elasticfilesystem: { handler: efs, protocol: 'rest-json' },
  fsx: { handler: fsx, protocol: 'json1.1' },
  auditmanager: { handler: auditmanager, protocol: 'rest-json' },
};

export { accountOfAccessKey };
