/**
 * Live, read-only collection of an AWS Organization into a `vaultscope.estate/v1` estate: the organization,
 * then every account (bounded concurrency) × Region: inventory, AWS Backup configuration, jobs and Audit
 * Manager evidence. Faults become `errors[]` entries and the run goes on; only an unusable invocation throws
 * (`AwsSetupError`).
 */
import { AuditManagerClient } from '@aws-sdk/client-auditmanager';
import { BackupClient } from '@aws-sdk/client-backup';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FSxClient } from '@aws-sdk/client-fsx';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  assetSchema,
  ESTATE_FORMAT,
  JOB_LIST_OPERATIONS,
  type Account,
  type AuditManagerEvidence,
  type Estate,
  type RegionObservation,
} from '@vaultscope/core';
import { collectAssessments } from './auditManager.js';
import { JobsCollector } from './backup/jobsCollector.js';
import { listBackupPlans } from './backup/plans.js';
import { listRestoreTestingPlans } from './backup/restoreTesting.js';
import { describeRegionSettings, listFrameworks } from './backup/settings.js';
import { listBackupVaults, listProtectedResources } from './backup/vaults.js';
import { ClientFactory, type ClientTarget } from './clientFactory.js';
import { fastCopy } from './compactRecords.js';
import { AccountCredentials, sessionNameFor } from './credentials.js';
import { AwsSetupError, errorCodeOf, errorMessageOf, ErrorSink } from './errors.js';
import { CallGovernor, limitsFor } from './governor.js';
import { listDynamoDbAssets } from './inventory/dynamodb.js';
import { listEbsAssets } from './inventory/ebs.js';
import { listEc2Assets } from './inventory/ec2.js';
import { listEfsAssets } from './inventory/efs.js';
import { listFsxAssets } from './inventory/fsx.js';
import { listRdsAssets } from './inventory/rds.js';
import { describeBucket, listBucketsWithRegion, type BucketRef } from './inventory/s3.js';
import { describeShard, inShard, organizationJobRegions, withJobListRegions } from '../shard.js';
import { mapLimit } from './limiter.js';
import { resolveSettings, type AwsCollectOptions, type CollectSettings } from './options.js';
import { describeOrganizationView } from './organization.js';
import { ProgressTracker } from './progress.js';
import { describeEnabledRegions, organizationsRegion } from './regions.js';
import type { RegionScope } from './scope.js';
import { compact, partitionOf } from './shapes.js';
import { conformAll } from './validate.js';

type Assessment = AuditManagerEvidence['assessments'][number];

/** Everything one run shares. */
interface RunContext {
  settings: CollectSettings;
  factory: ClientFactory;
  progress: ProgressTracker;
  homeRegion: string;
  partition: string;
  callerAccountId: string;
  credentials: AccountCredentials;
  estateErrors: ErrorSink;
  jobs: JobsCollector;
  assessments: Assessment[];
  auditManagerObserved: { value: boolean };
}

/** Observes the organization (or the caller's account) and returns the estate, with `source: 'aws'`. */
export async function collectEstate(options: AwsCollectOptions = {}): Promise<Estate> {
  const settings = resolveSettings(options);
  const limits = limitsFor(settings.concurrency);
  const governor = new CallGovernor(limits, options.onApiCall, undefined, settings.timeoutSeconds * 1000);
  const factory = new ClientFactory({
    ...(settings.profile !== undefined ? { profile: settings.profile } : {}),
    maxAttempts: settings.maxAttempts,
    governor,
    // Never fewer sockets per endpoint than calls the governor lets through at once.
    maxSockets: Math.max(50, limits.global + limits.credentials),
    ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
  });
  const progress = new ProgressTracker(options.onProgress, () => governor.apiCalls);
  try {
    const homeRegion = (await factory.configuredRegion(STSClient)) ?? settings.regions?.[0] ?? 'us-east-1';
    const partition = partitionOf(homeRegion);
    const caller = await whoAmI(factory.get(STSClient, 'sts', { accountId: 'caller', region: homeRegion }), settings);
    const estateErrors = new ErrorSink({}, () => progress.errorRecorded());

    const organizations = factory.get(OrganizationsClient, 'organizations', {
      accountId: caller.accountId,
      region: organizationsRegion(partition),
    });
    const shard = options.shard;
    // A shard reads the tags of its own accounts only: one call per account, the other shards' are not its to record.
    const view = await describeOrganizationView(organizations, caller.accountId, settings, estateErrors, settings.concurrency, (id) => inShard(id, shard));
    // Every shard's job filter is the whole organization: a shard's organization-wide lists cover every shard's accounts.
    const collected = new Set(view.accounts.map((a) => a.Id));
    const shardAccounts = view.accounts.filter((a) => inShard(a.Id, shard));
    // Sharded, the organization-wide lists are spread over the shards by Region (../shard.ts); without an
    // organization listing (no management or delegated-administrator rights) each shard lists its own accounts' jobs.
    const shared = shard && view.listed ? await jobRegions(factory, caller.accountId, homeRegion, settings, estateErrors) : undefined;
    const ctx: RunContext = {
      settings,
      factory,
      progress,
      homeRegion,
      partition,
      callerAccountId: caller.accountId,
      credentials: new AccountCredentials({
        // AssumeRole goes around the governor: the SDK refreshes credentials inside governed calls.
        sts: factory.credentialsClient(STSClient, 'sts', { accountId: caller.accountId, region: homeRegion }),
        callerAccountId: caller.accountId,
        roleName: settings.roleName,
        sessionName: sessionNameFor(caller.arn),
        partition,
      }),
      estateErrors,
      jobs: new JobsCollector({
        since: settings.since,
        ...(shared ? { share: { mine: organizationJobRegions(shared, shard), shared: new Set(shared) } } : {}),
        keepAccount: (id) => collected.has(id),
        ...(view.listed
          ? {
              orgWide: {
                callerAccountId: caller.accountId,
                client: (region: string) => factory.get(BackupClient, 'backup', { accountId: caller.accountId, region }),
                expectsOtherAccounts: view.accounts.some((a) => a.Id !== caller.accountId && (!a.State || a.State === 'ACTIVE')),
                errors: estateErrors,
              },
            }
          : {}),
      }),
      assessments: [],
      auditManagerObserved: { value: false },
    };

    ctx.jobs.listShare();
    // Suspended and closed accounts are listed but cannot be observed.
    const active = shardAccounts.filter((a) => !a.State || a.State === 'ACTIVE');
    progress.setAccounts(active.length);
    const observations = (
      await mapLimit(active, settings.concurrency, async (account) => {
        try {
          return await collectAccount(ctx, account);
        } finally {
          // Its clients are not needed again: memory follows the accounts in flight, not the organization's size.
          factory.release(account.Id);
          progress.accountDone();
        }
      })
    ).flat();

    // This shard's Regions are listed whether or not its accounts are observed there: wait for the last of them.
    if (shard) for (const { kind, region } of await ctx.jobs.uncovered()) {
      estateErrors.add({
        service: 'backup',
        operation: JOB_LIST_OPERATIONS[kind],
        code: 'ShardedJobListIncomplete',
        message: `the organization-wide ${kind} job list of ${region} (ByAccountId=*) was not available, so ${describeShard(shard)} listed only its own accounts' ${kind} jobs there: other shards' accounts have none recorded in ${region} (enable AWS Backup cross-account monitoring, or collect without --shard)`,
        region,
      });
    }
    const jobs = ctx.jobs.result();
    const errors = estateErrors.list();
    const estate: Estate = {
      format: ESTATE_FORMAT,
      capturedAt: settings.capturedAt.toISOString(),
      source: 'aws',
      ...(view.organization ? { organization: view.organization } : {}),
      accounts: [...shardAccounts].sort((a, b) => a.Id.localeCompare(b.Id)),
      regions: observations.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region)),
      ...(jobs ? { jobs } : {}),
      ...(ctx.auditManagerObserved.value ? { auditManager: { assessments: ctx.assessments.sort(byAssessmentArn) } } : {}),
      ...(errors.length ? { errors } : {}),
    };
    // Each Region listed organization-wide is recorded in the ledger as that Region's listing, with its errors.
    return withJobListRegions(estate, ctx.jobs.listedRegions());
  } finally {
    progress.finish();
    governor.close();
    factory.destroy();
  }
}

/**
 * The Regions a sharded collection spreads its organization-wide job lists over, the same for every shard: `--regions`,
 * else those enabled in the caller's (management or delegated-administrator) account, where `ByAccountId=*` is asked.
 */
async function jobRegions(factory: ClientFactory, callerAccountId: string, homeRegion: string, settings: CollectSettings, errors: ErrorSink): Promise<string[]> {
  if (settings.regions) return [...settings.regions];
  try {
    const enabled = await describeEnabledRegions(factory.get(EC2Client, 'ec2', { accountId: callerAccountId, region: homeRegion }));
    if (enabled.length) return enabled;
  } catch (error) {
    errors.record(error, { service: 'ec2', operation: 'DescribeRegions', accountId: callerAccountId });
  }
  // Every shard then lists its own accounts' jobs in the other Regions (not shared): nothing is left unlisted.
  return [homeRegion];
}

/** Stable order for assessments found concurrently in many accounts and Regions. */
function byAssessmentArn(a: Assessment, b: Assessment): number {
  const key = (x: Assessment) => String(x.assessment.arn ?? x.assessment.id ?? '');
  return key(a).localeCompare(key(b));
}

/** The caller's identity; failing here means the invocation cannot work at all. */
async function whoAmI(sts: STSClient, settings: CollectSettings): Promise<{ accountId: string; arn?: string }> {
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (!out.Account) throw new AwsSetupError('AWS STS GetCallerIdentity returned no account id');
    return { accountId: out.Account, ...(out.Arn ? { arn: out.Arn } : {}) };
  } catch (error) {
    if (error instanceof AwsSetupError) throw error;
    const code = errorCodeOf(error);
    const message = errorMessageOf(error);
    const profile = settings.profile !== undefined ? ` (profile "${settings.profile}")` : '';
    if (code === 'CredentialsProviderError') {
      throw new AwsSetupError(`no usable AWS credentials${profile}: ${message}`, { cause: error });
    }
    throw new AwsSetupError(`cannot identify the caller with AWS STS${profile}: ${code}: ${message}`, { cause: error });
  }
}

/** One account: credentials, Regions, the account-wide S3 bucket list, then every Region. */
async function collectAccount(ctx: RunContext, account: Account): Promise<RegionObservation[]> {
  const accountId = account.Id;
  const credentials = ctx.credentials.providerFor(accountId);
  if (credentials) {
    try {
      await credentials();
    } catch (error) {
      ctx.estateErrors.record(error, { service: 'sts', operation: 'AssumeRole', resource: ctx.credentials.roleArn(accountId), accountId });
      return [];
    }
  }
  const target = (region: string): ClientTarget => ({ accountId, region, ...(credentials ? { credentials } : {}) });

  let regions = ctx.settings.regions;
  if (!regions) {
    try {
      regions = await describeEnabledRegions(ctx.factory.get(EC2Client, 'ec2', target(ctx.homeRegion)));
      if (regions.length === 0) {
        // Every account has enabled Regions: an empty answer is a fault (a proxy, an emulator), never the truth.
        ctx.estateErrors.add({
          service: 'ec2',
          operation: 'DescribeRegions',
          code: 'UnexpectedResponse',
          message: `DescribeRegions listed no enabled Region; observing only ${ctx.homeRegion}`,
          accountId,
        });
      }
    } catch (error) {
      ctx.estateErrors.record(error, { service: 'ec2', operation: 'DescribeRegions', accountId });
    }
    if (!regions?.length) regions = [ctx.homeRegion];
  }
  ctx.progress.addRegions(regions.length);

  // ListBuckets is account-wide: list once, then each Region reads its own buckets.
  const buckets: Promise<{ ok: true; buckets: BucketRef[] } | { ok: false; error: unknown }> = listBucketsWithRegion(
    ctx.factory.get(S3Client, 's3', target(ctx.homeRegion)),
    accountId,
    ctx.estateErrors,
  ).then(
    (list) => ({ ok: true as const, buckets: list }),
    (error: unknown) => ({ ok: false as const, error }),
  );

  return Promise.all(
    regions.map(async (region) => {
      const observation = await observeRegion(ctx, accountId, region, target(region), buckets);
      ctx.progress.regionDone();
      return observation;
    }),
  );
}

async function observeRegion(
  ctx: RunContext,
  accountId: string,
  region: string,
  target: ClientTarget,
  buckets: Promise<{ ok: true; buckets: BucketRef[] } | { ok: false; error: unknown }>,
): Promise<RegionObservation> {
  const errors = new ErrorSink({ accountId, region }, () => ctx.progress.errorRecorded());
  const scope: RegionScope = { accountId, region, partition: ctx.partition, errors };
  const { factory } = ctx;
  const backup = factory.get(BackupClient, 'backup', target);

  const s3Assets = async () => {
    const listed = await buckets;
    if (!listed.ok) {
      errors.record(listed.error, { service: 's3', operation: 'ListBuckets' });
      return undefined;
    }
    const s3 = factory.get(S3Client, 's3', target);
    return Promise.all(
      listed.buckets.filter((b) => b.region === region).map((b) => describeBucket(s3, b, accountId, ctx.partition, errors)),
    );
  };

  const [inventories, regionSettings, backupPlans, backupVaults, protectedResources, restoreTestingPlans, frameworks] = await Promise.all([
    Promise.all([
      s3Assets(),
      listDynamoDbAssets(factory.get(DynamoDBClient, 'dynamodb', target), scope),
      listRdsAssets(factory.get(RDSClient, 'rds', target), scope),
      listEfsAssets(factory.get(EFSClient, 'efs', target), scope),
      listEbsAssets(factory.get(EC2Client, 'ec2', target), scope),
      listEc2Assets(factory.get(EC2Client, 'ec2', target), scope),
      listFsxAssets(factory.get(FSxClient, 'fsx', target), scope),
    ]),
    describeRegionSettings(backup, scope),
    listBackupPlans(backup, scope),
    listBackupVaults(backup, scope),
    listProtectedResources(backup, scope),
    listRestoreTestingPlans(backup, scope),
    listFrameworks(backup, scope),
    ctx.jobs.collect(accountId, region, backup, errors),
    collectAssessments(factory.get(AuditManagerClient, 'auditmanager', target), scope, ctx.settings.since).then((found) => {
      if (!found) return;
      ctx.auditManagerObserved.value = true;
      ctx.assessments.push(...found);
    }),
  ]);

  const observed = inventories.filter((list) => list !== undefined);
  const assets = observed.length
    ? conformAll(assetSchema, observed.flat(), errors, (a) => ({
        service: 'inventory',
        operation: 'normalise',
        resource: String((a as { arn?: unknown }).arn ?? ''),
      })).sort((a, b) => a.arn.localeCompare(b.arn))
    : undefined;
  const errorList = errors.list();
  // Kept until the whole organization is observed: a fast copy drops the dictionary-mode objects `toPlain` built.
  return fastCopy(compact({
    accountId,
    region,
    assets,
    regionSettings,
    backupPlans,
    backupVaults,
    protectedResources,
    restoreTestingPlans,
    frameworks,
    errors: errorList.length ? errorList : undefined,
  }));
}
