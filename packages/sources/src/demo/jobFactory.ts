/**
 * Builds single BackupJob and CopyJob records (AWS shapes) with type-specific durations, sizes and recovery-point
 * ARNs, and turns an outcome into state, timestamps and progress as AWS reports them. Objects are filled field by
 * field rather than with conditional spreads: tens of thousands are built per estate.
 */
import type { BackupJob, BackupVault, CopyJob } from '@vaultscope/core';
import { recoveryPointArn, type ResourceKind } from './arns.js';
import type { DemoAsset } from './catalogue.js';
import type { JobOutcome } from './jobMessages.js';
import type { JobCreator } from './plans.js';
import type { Rng } from './random.js';
import { iso, MINUTE } from './time.js';
import { lockState } from './vaults.js';

/** Typical snapshot durations in minutes (min, max) per type; bigger resources sit at the top of the range. */
const BACKUP_MINUTES: Record<ResourceKind, readonly [number, number]> = {
  DynamoDB: [2, 14],
  S3: [6, 55],
  RDS: [9, 38],
  Aurora: [4, 18],
  EBS: [3, 26],
  EC2: [6, 40],
  EFS: [8, 48],
  FSx: [18, 75],
};

/** A backup run's identity and what came of it. */
export interface BackupRun {
  demo: DemoAsset;
  vault: BackupVault;
  iamRoleArn: string;
  createdBy?: JobCreator;
  scheduledAt: number;
  startWindowMinutes: number;
  outcome: JobOutcome;
  /**
   * Start delay and duration of the run. Scheduled rules use the same for every run of an asset, so a run
   * completes exactly one period after the previous one and a healthy asset is never older than its cadence.
   */
  timing: { delaySeconds: number; minutes: number };
  /** Minutes the job waits (CREATED, then PENDING) before it runs, on top of the start delay (on-demand jobs queued). */
  queuedMinutes?: number;
}

/** A recovery point a completed backup job produced. */
export interface RecoveryPointRef {
  arn: string;
  createdAt: number;
  completedAt: number;
  vaultArn: string;
  /** Made by a sub-daily rule (listed only on some days, see `subDailySpans`): restore tests do not pick these. */
  subDaily?: boolean;
}

/** The backup job plus, when it produced one, its recovery point. */
export interface BackupResult {
  job: BackupJob;
  recoveryPoint?: RecoveryPointRef;
}

const kind = (demo: DemoAsset): ResourceKind => demo.asset.resourceType as ResourceKind;

function durationMinutes(demo: DemoAsset, rng: Rng): number {
  const [min, max] = BACKUP_MINUTES[kind(demo)];
  const sizeFactor = Math.min(1, (demo.asset.sizeBytes ?? 0) / (8 * 1_099_511_627_776));
  return min + (max - min) * (0.4 * sizeFactor + 0.6 * rng.next());
}

/** What BackupSizeInBytes holds for a type (aws-reference §1.4 caveats): absent, 0, provisioned or delta. */
function reportedSize(demo: DemoAsset, rng: Rng): number | undefined {
  const size = demo.asset.sizeBytes ?? 0;
  switch (kind(demo)) {
    case 'Aurora':
    case 'FSx':
      return undefined;
    case 'RDS':
      return 0;
    case 'EBS':
      return size;
    case 'EFS':
      return Math.round(size * (0.002 + rng.next() * 0.03));
    default:
      return Math.round(size * (0.97 + rng.next() * 0.06));
  }
}

/**
 * Start delay (seconds) and duration (minutes) of a rule's runs for one asset. AWS starts a job somewhere in its
 * start window: within minutes for daily rules; sub-daily rules' jobs are spread over up to three quarters of
 * their period (`spreadSeconds`), so at any instant some of the organization's jobs are waiting or running.
 */
export function runTiming(demo: DemoAsset, rng: Rng, spreadSeconds = 540): { delaySeconds: number; minutes: number } {
  return { delaySeconds: rng.int(15, Math.max(15, spreadSeconds)), minutes: durationMinutes(demo, rng) };
}

/**
 * Creates one backup job as it stands at `now` (none if it has not been created by then). `rng` is the job's own
 * stream (seeded from what the job is): its values are drawn in one fixed order whatever the state at `now`, so
 * the job has the same id, recovery point and size when it is seen running and when it is seen final.
 */
export function makeBackupJob(run: BackupRun, now: number, rng: Rng): BackupResult | undefined {
  const { demo, vault, outcome, timing } = run;
  const id = rng.upperUuid();
  const failSeconds = rng.int(40, 300);
  const abortedPercent = 30 + rng.int(0, 40);
  const point = recoveryPointArn(kind(demo), demo.region, demo.account.id, rng);
  const size = reportedSize(demo, rng);
  // AWS Backup creates a scheduled job at its slot; it waits (CREATED, then PENDING) until it starts.
  const created = run.scheduledAt;
  if (created > now) return undefined;
  const startBy = run.scheduledAt + run.startWindowMinutes * MINUTE;
  const started = created + timing.delaySeconds * 1000 + (run.queuedMinutes ?? 0) * MINUTE;
  const minutes = timing.minutes;
  let state = outcome.State;
  let completed: number | undefined;
  let percent = '100.0';
  if (state === 'EXPIRED') {
    // Waits in CREATED through the start window, then expires.
    if (startBy > now) state = 'CREATED';
    else completed = startBy;
    percent = '0.0';
  } else if (started > now) {
    state = now < created + (started - created) / 2 ? 'CREATED' : 'PENDING';
    percent = '0.0';
  } else if (state === 'FAILED') {
    completed = started + failSeconds * 1000;
    percent = '0.0';
  } else if (state === 'ABORTED') {
    completed = started + minutes * 0.4 * MINUTE;
    percent = abortedPercent.toFixed(1);
  } else {
    completed = started + minutes * MINUTE;
  }
  if (completed !== undefined && completed > now) {
    state = 'RUNNING';
    percent = Math.min(99, ((now - started) / (completed - started)) * 100).toFixed(1);
    completed = undefined;
  }
  const producesPoint = state !== 'FAILED' && state !== 'EXPIRED' && state !== 'CREATED' && state !== 'PENDING';
  const rp = producesPoint ? point : undefined;
  if (state === 'COMPLETED' && completed !== undefined && rp !== undefined && outcome.StatusMessage === undefined && run.createdBy) {
    // The common case (a scheduled job that succeeded) as one literal: every job gets the same object shape.
    const job: BackupJob = {
      AccountId: demo.account.id,
      Region: demo.region,
      BackupJobId: id,
      BackupVaultName: vault.BackupVaultName,
      BackupVaultArn: vault.BackupVaultArn,
      VaultType: vault.VaultType ?? 'BACKUP_VAULT',
      VaultLockState: lockState(vault),
      RecoveryPointArn: rp,
      ResourceArn: demo.asset.arn,
      ResourceType: demo.asset.resourceType,
      ResourceName: demo.asset.name,
      CreationDate: iso(created),
      CompletionDate: iso(completed),
      StartBy: iso(startBy),
      State: 'COMPLETED',
      MessageCategory: outcome.MessageCategory ?? 'SUCCESS',
      PercentDone: percent,
      IamRoleArn: run.iamRoleArn,
      IsEncrypted: true,
      CreatedBy: run.createdBy,
      // Last, so that removing it (types that never report a size) is V8's cheap undo of the last property.
      BackupSizeInBytes: size,
    };
    if (job.BackupSizeInBytes === undefined) delete job.BackupSizeInBytes;
    return { job, recoveryPoint: { arn: rp, createdAt: started, completedAt: completed, vaultArn: vault.BackupVaultArn } };
  }
  const job: BackupJob = {
    AccountId: demo.account.id,
    Region: demo.region,
    BackupJobId: id,
    BackupVaultName: vault.BackupVaultName,
    BackupVaultArn: vault.BackupVaultArn,
    VaultType: vault.VaultType ?? 'BACKUP_VAULT',
    VaultLockState: lockState(vault),
    ResourceArn: demo.asset.arn,
    ResourceType: demo.asset.resourceType,
    ResourceName: demo.asset.name,
    CreationDate: iso(created),
    StartBy: iso(startBy),
    State: state,
    PercentDone: percent,
    IamRoleArn: run.iamRoleArn,
    IsEncrypted: true,
  };
  if (rp) job.RecoveryPointArn = rp;
  if (completed !== undefined) {
    job.CompletionDate = iso(completed);
    const category = state === 'COMPLETED' ? (outcome.MessageCategory ?? 'SUCCESS') : outcome.MessageCategory;
    if (category) job.MessageCategory = category;
    if (outcome.StatusMessage) job.StatusMessage = outcome.StatusMessage;
  }
  if (state === 'COMPLETED' || state === 'PARTIAL') {
    if (size !== undefined) job.BackupSizeInBytes = size;
  } else if (state === 'FAILED') job.BackupSizeInBytes = 0;
  if (run.createdBy) job.CreatedBy = run.createdBy;
  if (state === 'COMPLETED' && completed !== undefined && rp) {
    return { job, recoveryPoint: { arn: rp, createdAt: started, completedAt: completed, vaultArn: vault.BackupVaultArn } };
  }
  return { job };
}

/** A copy destination with its ARN fields parsed once. */
export interface CopyDestination {
  vault: BackupVault;
  region: string;
  accountId: string;
}

/** Parses a destination vault's Region and account out of its ARN. */
export function toCopyDestination(vault: BackupVault): CopyDestination {
  const parts = vault.BackupVaultArn.split(':');
  return { vault, region: parts[3] ?? '', accountId: parts[4] ?? '' };
}

/** Creates the copy job a rule's CopyAction starts after a backup job completed. */
export function makeCopyJob(
  source: { job: BackupJob; recoveryPoint: RecoveryPointRef },
  demo: DemoAsset,
  destination: CopyDestination,
  outcome: JobOutcome,
  createdBy: JobCreator,
  iamRoleArn: string,
  now: number,
  rng: Rng,
): CopyJob | undefined {
  // The copy's own stream, drawn in one fixed order (see makeBackupJob).
  const id = rng.upperUuid();
  const created = source.recoveryPoint.completedAt + rng.int(2, 15) * MINUTE;
  const failMinutes = rng.int(1, 4);
  const copyMinutes = durationMinutes(demo, rng);
  const vault = destination.vault;
  const destinationPoint =
    vault.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'
      ? `arn:aws:backup:${destination.region}:${destination.accountId}:recovery-point:${rng.uuid()}`
      : recoveryPointArn(kind(demo), destination.region, destination.accountId, rng);
  const size = reportedSize(demo, rng);
  if (created > now) return undefined;
  const crossAccount = destination.accountId !== demo.account.id;
  let completed: number | undefined = created + (outcome.State === 'FAILED' ? failMinutes : copyMinutes * (crossAccount ? 2.2 : 1.6)) * MINUTE;
  let state = outcome.State;
  if (completed > now) {
    state = 'RUNNING';
    completed = undefined;
  }
  if (state === 'COMPLETED' && completed !== undefined && outcome.StatusMessage === undefined) {
    const job: CopyJob = {
      AccountId: demo.account.id,
      Region: demo.region,
      CopyJobId: id,
      SourceBackupVaultArn: source.recoveryPoint.vaultArn,
      SourceRecoveryPointArn: source.recoveryPoint.arn,
      DestinationBackupVaultArn: vault.BackupVaultArn,
      DestinationVaultType: vault.VaultType ?? 'BACKUP_VAULT',
      DestinationVaultLockState: lockState(vault),
      DestinationRecoveryPointArn: destinationPoint,
      ResourceArn: demo.asset.arn,
      ResourceType: demo.asset.resourceType,
      ResourceName: demo.asset.name,
      CreationDate: iso(created),
      CompletionDate: iso(completed),
      State: 'COMPLETED',
      MessageCategory: outcome.MessageCategory ?? 'SUCCESS',
      IamRoleArn: iamRoleArn,
      CreatedBy: createdBy,
      CreatedByBackupJobId: source.job.BackupJobId,
      BackupSizeInBytes: size,
    };
    if (job.BackupSizeInBytes === undefined) delete job.BackupSizeInBytes;
    return job;
  }
  const job: CopyJob = {
    AccountId: demo.account.id,
    Region: demo.region,
    CopyJobId: id,
    SourceBackupVaultArn: source.recoveryPoint.vaultArn,
    SourceRecoveryPointArn: source.recoveryPoint.arn,
    DestinationBackupVaultArn: vault.BackupVaultArn,
    DestinationVaultType: vault.VaultType ?? 'BACKUP_VAULT',
    DestinationVaultLockState: lockState(vault),
    ResourceArn: demo.asset.arn,
    ResourceType: demo.asset.resourceType,
    ResourceName: demo.asset.name,
    CreationDate: iso(created),
    State: state,
    IamRoleArn: iamRoleArn,
    CreatedBy: createdBy,
    CreatedByBackupJobId: source.job.BackupJobId,
  };
  if (completed !== undefined) {
    job.CompletionDate = iso(completed);
    job.MessageCategory = outcome.MessageCategory ?? 'SUCCESS';
    if (outcome.StatusMessage) job.StatusMessage = outcome.StatusMessage;
  }
  return job;
}
