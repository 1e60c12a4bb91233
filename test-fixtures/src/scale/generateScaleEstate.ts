/**
 * Estates of a requested size for benchmarks: N accounts × 2 Regions, M assets spread over them, exactly K backup
 * jobs, plus proportionate copy jobs (K/6) and restore tests (K/60). Plans use tag and wildcard selections, so the
 * evaluation does real selection work. Deterministic for a seed and `now`; built field by field for speed.
 */
import {
  ESTATE_FORMAT,
  type Account,
  type Asset,
  type BackupJob,
  type CopyJob,
  type Estate,
  type RegionObservation,
  type RestoreJob,
} from '@vaultscope/core';
import { createRng, type Rng, DAY, HOUR, iso, MINUTE } from '@vaultscope/sources/demo';
import { buildObservation, TYPE_CYCLE, type Kind, type ScaleObservation, type Tier } from './scaleObservation.js';

/** Size and identity of a generated estate. */
export interface ScaleEstateOptions {
  accounts: number;
  assets: number;
  backupJobs: number;
  seed?: number;
  now?: Date;
}

const REGIONS = ['eu-central-1', 'eu-west-1'] as const;
const OUS = ['Root/Security', 'Root/SharedServices', 'Root/Workloads/Prod', 'Root/Workloads/NonProd', 'Root/Sandbox'];

interface ScaleAsset {
  asset: Asset;
  obs: ScaleObservation;
  tier: Tier;
  covered: boolean;
}

const accountId = (i: number): string => String(310_000_000_000 + i * 1_009);

function tierOf(i: number): Tier {
  const r = i % 10;
  return r < 2 ? 'critical' : r < 5 ? 'important' : 'standard';
}

function arnOf(kind: Kind, region: string, account: string, name: string, rng: Rng): string {
  switch (kind) {
    case 'S3':
      return `arn:aws:s3:::${name}`;
    case 'RDS':
      return `arn:aws:rds:${region}:${account}:db:${name}`;
    case 'Aurora':
      return `arn:aws:rds:${region}:${account}:cluster:${name}`;
    case 'DynamoDB':
      return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
    case 'EFS':
      return `arn:aws:elasticfilesystem:${region}:${account}:file-system/fs-${rng.hex(8)}`;
    case 'EBS':
      return `arn:aws:ec2:${region}:${account}:volume/vol-0${rng.hex(16)}`;
    case 'FSx':
      return `arn:aws:fsx:${region}:${account}:file-system/fs-0${rng.hex(16)}`;
  }
}

function attributesOf(kind: Kind, i: number): Asset['attributes'] {
  switch (kind) {
    case 'S3':
      return { versioning: i % 97 === 0 ? 'Suspended' : 'Enabled', encrypted: true };
    case 'DynamoDB':
      return { pointInTimeRecovery: i % 53 === 0 ? 'DISABLED' : 'ENABLED', encrypted: true };
    case 'RDS':
      return { engine: 'postgres', backupRetentionPeriod: 7, multiAZ: i % 2 === 0, encrypted: true };
    case 'Aurora':
      return { engine: 'aurora-postgresql', backupRetentionPeriod: 7, multiAZ: true, encrypted: true };
    case 'EFS':
      return { efsAutomaticBackups: i % 11 === 0 ? 'ENABLED' : 'DISABLED', encrypted: true };
    case 'EBS':
      return { attachedInstanceId: `i-0${(i * 2_654_435_761 >>> 0).toString(16).padStart(16, '0')}`, encrypted: true };
    case 'FSx':
      return { fileSystemType: 'WINDOWS', encrypted: true };
  }
}

/** Outcome of backup job number `i` of an asset; rare failures, spread deterministically. */
function jobState(rng: Rng): { state: string; category?: string; message?: string } {
  const r = rng.next();
  if (r < 0.015) return { state: 'FAILED', category: 'AccessDenied', message: 'Insufficient privileges to perform this action.' };
  if (r < 0.02) return { state: 'EXPIRED', message: 'The backup job did not start within the start window and expired.' };
  if (r < 0.025) return { state: 'COMPLETED', category: 'InvalidParameters', message: 'Backup completed with issues: some objects were skipped.' };
  if (r < 0.028) return { state: 'ABORTED', category: 'ABORTED', message: 'Backup job was stopped by user request.' };
  return { state: 'COMPLETED', category: 'SUCCESS' };
}

/** Generates an estate with exactly `accounts` accounts, `assets` assets and `backupJobs` backup jobs. */
export function generateScaleEstate(options: ScaleEstateOptions): Estate {
  const { accounts: accountCount, assets: assetCount, backupJobs: jobCount } = options;
  for (const [name, value] of Object.entries({ accounts: accountCount, assets: assetCount, backupJobs: jobCount })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`generateScaleEstate: ${name} must be a non-negative integer, got ${value}`);
  }
  if (accountCount < 1 && assetCount > 0) throw new RangeError('generateScaleEstate: assets need at least one account');
  const rng = createRng(options.seed ?? 20261121);
  const now = (options.now ?? new Date()).getTime();

  const accounts: Account[] = [];
  const observations: ScaleObservation[] = [];
  for (let a = 0; a < accountCount; a++) {
    const id = accountId(a);
    const ou = OUS[a % OUS.length] ?? 'Root';
    const environment = ou.endsWith('Prod') ? 'prod' : ou.endsWith('NonProd') ? 'staging' : ou.endsWith('Sandbox') ? 'sandbox' : 'shared';
    accounts.push({ Id: id, Name: `scale-account-${String(a).padStart(4, '0')}`, State: 'ACTIVE', OuPath: ou, Tags: { Environment: environment, Owner: `team-${a % 41}`, CostCenter: `CC-${1000 + (a % 97)}` } });
    for (const region of REGIONS) observations.push(buildObservation(id, region, region === REGIONS[0] ? REGIONS[1] : REGIONS[0], now, rng));
  }

  const createdAt = new Map<number, string>();
  const created = (i: number): string => {
    const days = 200 + (i % 900);
    let s = createdAt.get(days);
    if (s === undefined) {
      s = iso(now - days * DAY);
      createdAt.set(days, s);
    }
    return s;
  };
  const scaleAssets: ScaleAsset[] = [];
  for (let i = 0; i < assetCount; i++) {
    const obs = observations[i % observations.length];
    if (!obs) break;
    const kind = TYPE_CYCLE[i % TYPE_CYCLE.length] ?? 'EBS';
    const tier = tierOf(Math.floor(i / TYPE_CYCLE.length) + i);
    const daily = tier === 'standard' && i % 3 === 0;
    const name = kind === 'S3' ? `scale-${obs.accountId}-${i.toString(36)}` : `${kind.toLowerCase()}-${i.toString(36)}`;
    const tags: Record<string, string> = { DataClassification: tier, Owner: `team-${i % 41}`, SourceSystem: `system-${i % 23}` };
    if (daily) Object.assign(tags, { backup: 'daily', BackupRequired: 'true' });
    // Databases need a backup whatever their class unless waived by tag: the rest of the standard data is waived,
    // so the benchmark estate keeps the shape its figures were measured on.
    else if (tier === 'standard') tags['BackupRequired'] = 'false';
    const asset: Asset = {
      arn: arnOf(kind, obs.region, obs.accountId, name, rng),
      resourceType: kind,
      name,
      tags,
      sizeBytes: (1 + (i % 500)) * 1_073_741_824,
      createdAt: created(i),
      attributes: attributesOf(kind, i),
    };
    obs.assets.push(asset);
    scaleAssets.push({ asset, obs, tier, covered: tier !== 'standard' || daily });
  }

  const covered = scaleAssets.filter((a) => a.covered);
  const backup: BackupJob[] = [];
  const copy: CopyJob[] = [];
  const restore: RestoreJob[] = [];
  const copyTarget = Math.floor(jobCount / 6);
  const restoreTarget = Math.floor(jobCount / 60);
  const perAsset = covered.length ? Math.floor(jobCount / covered.length) : 0;
  const extra = covered.length ? jobCount % covered.length : 0;
  let since = now;
  // Job times repeat across accounts (offsets are dealt from a small set): formatting each instant once keeps
  // memory and time down at 100k+ jobs.
  const stamps = new Map<number, string>();
  const stamp = (ms: number): string => {
    let s = stamps.get(ms);
    if (s === undefined) {
      s = iso(ms);
      stamps.set(ms, s);
    }
    return s;
  };
  // Jobs are dealt to assets in rounds (newest day first), so every size gives the same shape of history.
  type Point = { arn: string; created: number; completed: number; vault: string };
  const latest = new Map<ScaleAsset, Point>();
  // The newest recovery point at least three hours old: restore tests need time to finish before `now`.
  const restorable = new Map<ScaleAsset, Point>();
  const rounds = perAsset + (extra ? 1 : 0);
  for (let day = 0; day < rounds; day++) {
    const inRound = day < perAsset ? covered.length : extra;
    for (let k = 0; k < inRound; k++) {
      const sa = covered[k];
      if (!sa) break;
      const rule = sa.obs.rules[sa.tier];
      const created = now - HOUR - (k % 600) * 6_000 - day * DAY;
      const minutes = 5 + (k % 50);
      const outcome = jobState(rng);
      const completed = outcome.state === 'EXPIRED' ? created + HOUR : created + minutes * MINUTE;
      const running = completed > now;
      const state = running ? 'RUNNING' : outcome.state;
      const job: BackupJob = {
        AccountId: sa.obs.accountId,
        Region: sa.obs.region,
        BackupJobId: rng.upperUuid(),
        BackupVaultName: rule.vault.BackupVaultName,
        BackupVaultArn: rule.vault.BackupVaultArn,
        ResourceArn: sa.asset.arn,
        ResourceType: sa.asset.resourceType,
        ResourceName: sa.asset.name,
        CreationDate: stamp(created),
        State: state,
        PercentDone: running ? '50.0' : state === 'COMPLETED' ? '100.0' : '0.0',
        CreatedBy: rule.createdBy,
      };
      if (!running) {
        job.CompletionDate = stamp(completed);
        if (outcome.category) job.MessageCategory = outcome.category;
        if (outcome.message) job.StatusMessage = outcome.message;
      }
      if (state === 'COMPLETED') {
        const rp = `arn:aws:backup:${sa.obs.region}:${sa.obs.accountId}:recovery-point:${rng.uuid()}`;
        job.RecoveryPointArn = rp;
        job.BackupSizeInBytes = sa.asset.sizeBytes ?? 0;
        const point = { arn: rp, created, completed, vault: rule.vault.BackupVaultArn };
        if (!latest.has(sa)) latest.set(sa, point);
        if (!restorable.has(sa) && completed < now - 3 * HOUR) restorable.set(sa, point);
        if (rule.copyTo && copy.length < copyTarget && completed + 10 * MINUTE < now) {
          copy.push({
            AccountId: sa.obs.accountId,
            Region: sa.obs.region,
            CopyJobId: rng.upperUuid(),
            SourceBackupVaultArn: rule.vault.BackupVaultArn,
            SourceRecoveryPointArn: rp,
            DestinationBackupVaultArn: rule.copyTo.BackupVaultArn,
            DestinationVaultType: 'BACKUP_VAULT',
            DestinationVaultLockState: 'LOCKED',
            ResourceArn: sa.asset.arn,
            ResourceType: sa.asset.resourceType,
            CreationDate: stamp(completed + 5 * MINUTE),
            CompletionDate: stamp(completed + 10 * MINUTE),
            State: 'COMPLETED',
            MessageCategory: 'SUCCESS',
            CreatedBy: rule.createdBy,
            CreatedByBackupJobId: job.BackupJobId,
          });
        }
      }
      since = Math.min(since, created);
      backup.push(job);
    }
  }

  for (const [sa, point] of latest) {
    sa.obs.protectedResources.push({ ResourceArn: sa.asset.arn, ResourceType: sa.asset.resourceType, ResourceName: sa.asset.name, LastBackupTime: stamp(point.completed), LastBackupVaultArn: point.vault, LastRecoveryPointArn: point.arn });
  }
  for (const [sa, point] of restorable) {
    if (restore.length >= restoreTarget) break;
    if (sa.tier === 'standard') continue;
    const created = point.completed + HOUR;
    const failed = restore.length % 37 === 0;
    restore.push({
      AccountId: sa.obs.accountId,
      Region: sa.obs.region,
      RestoreJobId: rng.upperUuid(),
      RecoveryPointArn: point.arn,
      RecoveryPointCreationDate: stamp(point.created),
      SourceResourceArn: sa.asset.arn,
      BackupVaultArn: point.vault,
      ResourceType: sa.asset.resourceType,
      CreationDate: iso(created),
      CompletionDate: iso(created + (10 + (restore.length % 40)) * MINUTE),
      Status: 'COMPLETED',
      PercentDone: '100.0',
      CreatedBy: { RestoreTestingPlanArn: sa.obs.restorePlan.RestoreTestingPlanArn },
      ValidationStatus: failed ? 'FAILED' : 'SUCCESSFUL',
      DeletionStatus: 'SUCCESSFUL',
    });
  }

  const regions: RegionObservation[] = observations.map((o) => ({
    accountId: o.accountId,
    region: o.region,
    assets: o.assets,
    regionSettings: { ResourceTypeOptInPreference: { S3: true, RDS: true, Aurora: true, DynamoDB: true, EFS: true, EBS: true, EC2: true, FSx: true } },
    backupPlans: o.plans,
    backupVaults: o.vaults,
    protectedResources: o.protectedResources,
    restoreTestingPlans: [o.restorePlan],
  }));
  return {
    format: ESTATE_FORMAT,
    capturedAt: iso(now),
    source: 'scale',
    organization: accounts[0] ? { Id: 'o-scale0000001', Arn: `arn:aws:organizations::${accounts[0].Id}:organization/o-scale0000001`, MasterAccountId: accounts[0].Id } : {},
    accounts,
    regions,
    jobs: { since: iso(Math.min(since, now - 30 * DAY)), backup, copy, restore },
  };
}
