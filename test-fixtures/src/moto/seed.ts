/**
 * Seeds a moto server with an AWS Organization: OUs, member accounts (moved into their OUs, tagged), and —
 * through AssumeRole into each account, exactly the production path — data assets, vaults (with Vault Lock)
 * and backup plans in several Regions. Seeding writes, so it uses plain SDK clients, never the collector's
 * read-only factory.
 */
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { AttachVolumeCommand, CreateVolumeCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

export type Tags = Record<string, string>;

/** What to create in one account × Region. */
export interface MotoRegionSpec {
  buckets?: Array<{ name: string; tags?: Tags; versioning?: 'Enabled' | 'Suspended' }>;
  tables?: Array<{ name: string; tags?: Tags; pitr?: boolean }>;
  dbInstances?: Array<{ id: string; engine?: string; tags?: Tags; encrypted?: boolean; backupRetentionDays?: number; multiAZ?: boolean; sizeGiB?: number }>;
  /** Aurora (or Multi-AZ) clusters, each with `members` instances. */
  dbClusters?: Array<{ id: string; engine?: string; tags?: Tags; encrypted?: boolean; backupRetentionDays?: number; members?: number }>;
  fileSystems?: Array<{ name: string; tags?: Tags; automaticBackups?: boolean; encrypted?: boolean }>;
  /**
   * EBS volumes; `attach` runs an instance and attaches the volume to it (the instance adds its own root volume);
   * `instance` names and tags that instance.
   */
  volumes?: Array<{ name: string; sizeGiB: number; tags?: Tags; encrypted?: boolean; attach?: boolean; instance?: { name: string; tags?: Tags } }>;
  vaults?: Array<{ name: string; lock?: { minRetentionDays: number; maxRetentionDays?: number } }>;
  backupPlans?: Array<{
    name: string;
    vault: string;
    schedule?: string;
    deleteAfterDays?: number;
    /** Destination vault ARN of a copy action; `{account}` is replaced by the seeded account's id. */
    copyToVaultArn?: string;
  }>;
}

export interface MotoAccountSpec {
  name: string;
  /** OU path below the root, e.g. `Workloads/Prod`; absent = directly under the root. */
  ou?: string;
  tags?: Tags;
  regions?: Record<string, MotoRegionSpec>;
}

export interface MotoOrganizationSpec {
  accounts: MotoAccountSpec[];
  /** Assets in the management account itself. */
  management?: { regions?: Record<string, MotoRegionSpec> };
  /** Role assumed in member accounts; default `OrganizationAccountAccessRole`. */
  roleName?: string;
  /** Parallel accounts while seeding; default 4. */
  concurrency?: number;
}

export interface SeededAccount {
  id: string;
  name: string;
  /** `Root/…` as Vaultscope reports it. */
  ouPath: string;
  tags: Tags;
}

export interface SeededOrganization {
  organizationId: string;
  managementAccountId: string;
  rootId: string;
  accounts: SeededAccount[];
}

export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const toTagList = (tags: Tags | undefined) => Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

function clientConfig(endpoint: string, region: string, credentials: Creds) {
  return { endpoint, region, credentials, maxAttempts: 3 };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Creates the organization, its OUs and accounts, then every account's assets. */
export async function seedMotoOrganization(endpoint: string, spec: MotoOrganizationSpec): Promise<SeededOrganization> {
  const org = new OrganizationsClient(clientConfig(endpoint, 'us-east-1', MOTO_CREDENTIALS));
  const sts = new STSClient(clientConfig(endpoint, 'us-east-1', MOTO_CREDENTIALS));
  try {
    const created = await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const organizationId = created.Organization?.Id ?? '';
    const managementAccountId = created.Organization?.MasterAccountId ?? (await sts.send(new GetCallerIdentityCommand({}))).Account ?? '';
    const roots = await org.send(new ListRootsCommand({}));
    const root = roots.Roots?.[0];
    if (!root?.Id) throw new Error('moto returned no organization root');
    const rootId = root.Id;
    const rootName = root.Name ?? 'Root';

    // OUs, parents first.
    const ouIds = new Map<string, string>([['', rootId]]);
    const ouPaths = [...new Set(spec.accounts.flatMap((a) => (a.ou ? prefixes(a.ou) : [])))].sort((a, b) => a.split('/').length - b.split('/').length);
    for (const path of ouPaths) {
      const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      const name = path.slice(path.lastIndexOf('/') + 1);
      const ou = await org.send(new CreateOrganizationalUnitCommand({ ParentId: ouIds.get(parent) ?? rootId, Name: name }));
      ouIds.set(path, ou.OrganizationalUnit?.Id ?? '');
    }

    const accounts: SeededAccount[] = [];
    for (const [index, account] of spec.accounts.entries()) {
      const status = await org.send(new CreateAccountCommand({ AccountName: account.name, Email: `${account.name}+${index}@example.com` }));
      const id = status.CreateAccountStatus?.AccountId;
      if (!id) throw new Error(`moto did not create account ${account.name}`);
      if (account.ou) await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ouIds.get(account.ou) }));
      if (account.tags && Object.keys(account.tags).length) await org.send(new TagResourceCommand({ ResourceId: id, Tags: toTagList(account.tags) }));
      accounts.push({ id, name: account.name, ouPath: account.ou ? `${rootName}/${account.ou}` : rootName, tags: account.tags ?? {} });
    }

    const roleName = spec.roleName ?? 'OrganizationAccountAccessRole';
    const work: Array<{ creds: Creds; accountId: string; regions: Record<string, MotoRegionSpec> }> = [];
    if (spec.management?.regions) work.push({ creds: MOTO_CREDENTIALS, accountId: managementAccountId, regions: spec.management.regions });
    for (const [index, account] of spec.accounts.entries()) {
      const seeded = accounts[index] as SeededAccount;
      if (!account.regions) continue;
      const assumed = await sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${seeded.id}:role/${roleName}`, RoleSessionName: 'vaultscope-seed' }),
      );
      const c = assumed.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${seeded.id} returned no credentials`);
      work.push({
        creds: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) },
        accountId: seeded.id,
        regions: account.regions,
      });
    }
    await mapLimit(work, spec.concurrency ?? 4, async (item) => {
      for (const [region, regionSpec] of Object.entries(item.regions)) await seedRegion(endpoint, region, item.creds, regionSpec, item.accountId);
    });
    return { organizationId, managementAccountId, rootId, accounts };
  } finally {
    org.destroy();
    sts.destroy();
  }
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function prefixes(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Creates one account × Region's assets, vaults and plans. */
export async function seedRegion(endpoint: string, region: string, creds: Creds, spec: MotoRegionSpec, accountId: string): Promise<void> {
  const config = clientConfig(endpoint, region, creds);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const dynamodb = new DynamoDBClient(config);
  const rds = new RDSClient(config);
  const efs = new EFSClient(config);
  const ec2 = new EC2Client(config);
  const backup = new BackupClient(config);
  try {
    for (const bucket of spec.buckets ?? []) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket.name,
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
      );
      if (bucket.tags && Object.keys(bucket.tags).length) {
        await s3.send(new PutBucketTaggingCommand({ Bucket: bucket.name, Tagging: { TagSet: toTagList(bucket.tags) } }));
      }
      if (bucket.versioning) {
        await s3.send(new PutBucketVersioningCommand({ Bucket: bucket.name, VersioningConfiguration: { Status: bucket.versioning } }));
      }
    }
    for (const table of spec.tables ?? []) {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: table.name,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          ...(table.tags && Object.keys(table.tags).length ? { Tags: toTagList(table.tags) } : {}),
        }),
      );
      if (table.pitr) {
        await dynamodb.send(
          new UpdateContinuousBackupsCommand({ TableName: table.name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        );
      }
    }
    for (const db of spec.dbInstances ?? []) {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: db.id,
          Engine: db.engine ?? 'postgres',
          DBInstanceClass: 'db.t3.micro',
          AllocatedStorage: db.sizeGiB ?? 20,
          MasterUsername: 'vaultscope',
          MasterUserPassword: 'not-a-secret-123',
          StorageEncrypted: db.encrypted ?? false,
          BackupRetentionPeriod: db.backupRetentionDays ?? 1,
          MultiAZ: db.multiAZ ?? false,
          Tags: toTagList(db.tags),
        }),
      );
    }
    for (const cluster of spec.dbClusters ?? []) {
      const engine = cluster.engine ?? 'aurora-postgresql';
      await rds.send(
        new CreateDBClusterCommand({
          DBClusterIdentifier: cluster.id,
          Engine: engine,
          MasterUsername: 'vaultscope',
          MasterUserPassword: 'not-a-secret-123',
          StorageEncrypted: cluster.encrypted ?? true,
          BackupRetentionPeriod: cluster.backupRetentionDays ?? 7,
          Tags: toTagList(cluster.tags),
        }),
      );
      for (let i = 0; i < (cluster.members ?? 1); i += 1) {
        await rds.send(
          new CreateDBInstanceCommand({
            DBInstanceIdentifier: `${cluster.id}-${i + 1}`,
            Engine: engine,
            DBInstanceClass: 'db.r5.large',
            DBClusterIdentifier: cluster.id,
          }),
        );
      }
    }
    for (const fs of spec.fileSystems ?? []) {
      await efs.send(
        new CreateFileSystemCommand({
          CreationToken: fs.name,
          Encrypted: fs.encrypted ?? true,
          Backup: fs.automaticBackups ?? false,
          Tags: toTagList({ Name: fs.name, ...fs.tags }),
        }),
      );
    }
    for (const volume of spec.volumes ?? []) {
      const created = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: `${region}a`,
          Size: volume.sizeGiB,
          Encrypted: volume.encrypted ?? false,
          TagSpecifications: [{ ResourceType: 'volume', Tags: toTagList({ Name: volume.name, ...volume.tags }) }],
        }),
      );
      if (volume.attach && created.VolumeId) {
        const run = await ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-12c6146b',
            MinCount: 1,
            MaxCount: 1,
            Placement: { AvailabilityZone: `${region}a` },
            ...(volume.instance ? { TagSpecifications: [{ ResourceType: 'instance', Tags: toTagList({ Name: volume.instance.name, ...volume.instance.tags }) }] } : {}),
          }),
        );
        const instanceId = run.Instances?.[0]?.InstanceId;
        if (instanceId) await ec2.send(new AttachVolumeCommand({ VolumeId: created.VolumeId, InstanceId: instanceId, Device: '/dev/sdf' }));
      }
    }
    for (const vault of spec.vaults ?? []) {
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: vault.name }));
      if (vault.lock) {
        await backup.send(
          new PutBackupVaultLockConfigurationCommand({
            BackupVaultName: vault.name,
            MinRetentionDays: vault.lock.minRetentionDays,
            ...(vault.lock.maxRetentionDays ? { MaxRetentionDays: vault.lock.maxRetentionDays } : {}),
            ChangeableForDays: 3,
          }),
        );
      }
    }
    for (const plan of spec.backupPlans ?? []) {
      await backup.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: plan.name,
            Rules: [
              {
                RuleName: `${plan.name}-rule`,
                TargetBackupVaultName: plan.vault,
                ScheduleExpression: plan.schedule ?? 'cron(0 5 ? * * *)',
                Lifecycle: { DeleteAfterDays: plan.deleteAfterDays ?? 35 },
                ...(plan.copyToVaultArn
                  ? {
                      CopyActions: [
                        {
                          DestinationBackupVaultArn: plan.copyToVaultArn.replaceAll('{account}', accountId),
                          Lifecycle: { DeleteAfterDays: plan.deleteAfterDays ?? 35 },
                        },
                      ],
                    }
                  : {}),
              },
            ],
          },
        }),
      );
    }
  } finally {
    for (const client of [s3, dynamodb, rds, efs, ec2, backup]) client.destroy();
  }
}
