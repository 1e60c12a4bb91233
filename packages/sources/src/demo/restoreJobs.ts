/**
 * Restore jobs: weekly restore tests replayed from each restore-testing plan over the recovery points the backup
 * history produced, shaped by each asset's restore story, plus a few operator restores.
 */
import type { RestoreJob } from '@vaultscope/core';
import { auroraArn, dynamoArn, ebsArn, ec2Arn, efsArn, fsxArn, rdsArn, roleArn, s3Arn, type ResourceKind } from './arns.js';
import type { RecoveryPointRef } from './jobFactory.js';
import type { DemoAsset, RestoreStory } from './catalogue.js';
import { ESC_CLEAR, ESC_TITLE } from './hostile.js';
import type { Rng } from './random.js';
import { restoreSelectionCovers, type DemoRestorePlan } from './restoreTestingPlans.js';
import { WINDOW_DAYS, type DemoClock } from './schedules.js';
import { DAY, iso, MINUTE } from './time.js';

/** Restore durations in minutes (min, max) per type, well inside a one-hour RTO. */
const RESTORE_MINUTES: Record<ResourceKind, readonly [number, number]> = {
  DynamoDB: [8, 32],
  S3: [10, 44],
  RDS: [22, 50],
  Aurora: [16, 42],
  EBS: [4, 15],
  EC2: [8, 25],
  EFS: [10, 38],
  FSx: [35, 80],
};

interface Verdict {
  Status: string;
  deletionFailed?: boolean;
  StatusMessage?: string;
  ValidationStatus?: string;
  ValidationStatusMessage?: string;
  minutes?: number;
}

function verdictFor(story: RestoreStory | undefined, runIndex: number, inWindow: boolean, rng: Rng): Verdict {
  const ok: Verdict = { Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'Validation Lambda nordhavn-restore-validator: row counts and checksums match.' };
  if (inWindow) {
    if (story === 'validation-failed' && runIndex === 0) return { Status: 'COMPLETED', ValidationStatus: 'FAILED', ValidationStatusMessage: 'Row count mismatch in gl_postings: expected 48211907, found 48211873 (recovery point taken during end-of-day batch).' };
    if (story === 'timed-out' && runIndex === 0) return { Status: 'COMPLETED', ValidationStatus: 'TIMED_OUT', ValidationStatusMessage: 'Validation did not report a result within the 4-hour validation window.' };
    if (story === 'restore-failed' && runIndex === 1) return { Status: 'FAILED', StatusMessage: 'We currently do not have sufficient io2 capacity in the Availability Zone you requested (eu-central-1b).', minutes: 3 };
    if (story === 'aborted' && runIndex === 1) return { Status: 'ABORTED', StatusMessage: 'Restore job was stopped because the restore testing plan start window ended.', minutes: 6 };
    if (story === 'hostile-validation' && runIndex === 2) return { Status: 'COMPLETED', ValidationStatus: 'FAILED', ValidationStatusMessage: `validator output:${ESC_CLEAR}${ESC_TITLE} settlement totals differ by EUR 1,204.77` };
    if (story === 'slow') return { ...ok, minutes: 95 + rng.int(0, 30) };
    return ok;
  }
  if (rng.chance(0.03)) return { Status: 'COMPLETED', ValidationStatus: rng.pick(['FAILED', 'TIMED_OUT']), ValidationStatusMessage: 'Validation found inconsistencies; see the validator logs.' };
  if (rng.chance(0.015)) return { Status: 'FAILED', StatusMessage: 'Restore failed: the subnet group of the original resource no longer exists.', minutes: 2 };
  return rng.chance(0.01) ? { ...ok, deletionFailed: true } : ok;
}

function restoredArn(demo: DemoAsset, rng: Rng): string {
  const { region, account } = demo;
  const suffix = `awsbackup-restore-test-${rng.hex(8)}`;
  switch (demo.asset.resourceType as ResourceKind) {
    case 'DynamoDB':
      return dynamoArn(region, account.id, suffix);
    case 'RDS':
      return rdsArn(region, account.id, suffix);
    case 'Aurora':
      return auroraArn(region, account.id, suffix);
    case 'S3':
      return s3Arn(suffix);
    case 'EBS':
      return ebsArn(region, account.id, `vol-0${rng.hex(16)}`);
    case 'EC2':
      return ec2Arn(region, account.id, `i-0${rng.hex(16)}`);
    case 'EFS':
      return efsArn(region, account.id, `fs-${rng.hex(8)}`);
    case 'FSx':
      return fsxArn(region, account.id, `fs-0${rng.hex(16)}`);
  }
}

function vaultIncluded(patterns: readonly string[], vaultArn: string): boolean {
  return patterns.some((p) => p === '*' || new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(vaultArn));
}

interface RestoreInput {
  demo: DemoAsset;
  point: RecoveryPointRef;
  created: number;
  verdict: Verdict;
  planArn?: string;
  role: string;
}

function makeRestoreJob(input: RestoreInput, now: number, rng: Rng): RestoreJob {
  const { demo, point, verdict } = input;
  const [min, max] = RESTORE_MINUTES[demo.asset.resourceType as ResourceKind];
  const minutes = verdict.minutes ?? rng.int(min, max);
  const completed = input.created + minutes * MINUTE;
  const running = completed > now;
  const done = !running && verdict.Status === 'COMPLETED';
  return {
    AccountId: demo.account.id,
    Region: demo.region,
    RestoreJobId: rng.upperUuid(),
    RecoveryPointArn: point.arn,
    RecoveryPointCreationDate: iso(point.createdAt),
    SourceResourceArn: demo.asset.arn,
    BackupVaultArn: point.vaultArn,
    ...(done ? { CreatedResourceArn: restoredArn(demo, rng) } : {}),
    ResourceType: demo.asset.resourceType,
    CreationDate: iso(input.created),
    ...(running ? {} : { CompletionDate: iso(completed) }),
    Status: running ? 'RUNNING' : verdict.Status,
    ...(!running && verdict.StatusMessage ? { StatusMessage: verdict.StatusMessage } : {}),
    PercentDone: running ? Math.min(99, ((now - input.created) / (completed - input.created)) * 100).toFixed(1) : '100.0',
    ...(done ? { BackupSizeInBytes: demo.asset.sizeBytes ?? 0 } : {}),
    IamRoleArn: input.role,
    ExpectedCompletionTimeMinutes: max,
    ...(input.planArn ? { CreatedBy: { RestoreTestingPlanArn: input.planArn } } : {}),
    ...(input.planArn && done && verdict.ValidationStatus ? { ValidationStatus: verdict.ValidationStatus } : {}),
    ...(input.planArn && done && verdict.ValidationStatusMessage ? { ValidationStatusMessage: verdict.ValidationStatusMessage } : {}),
    ...(input.planArn && done ? deletion(verdict) : {}),
  };
}

function deletion(verdict: Verdict): { DeletionStatus: string; DeletionStatusMessage: string } {
  return verdict.deletionFailed
    ? { DeletionStatus: 'FAILED', DeletionStatusMessage: 'The awsbackup-restore-test tag was removed from the restored resource, so it was not deleted.' }
    : { DeletionStatus: 'SUCCESSFUL', DeletionStatusMessage: 'Restored resource deleted at the end of the validation window.' };
}

/** Latest recovery point completed in (at − windowDays, at] from an allowed vault. */
function pickPoint(points: readonly RecoveryPointRef[], at: number, windowDays: number, vaults: readonly string[], exclude: readonly string[] = []): RecoveryPointRef | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (!p || p.completedAt > at) continue;
    if (p.completedAt <= at - windowDays * DAY) return undefined;
    if (vaultIncluded(vaults, p.vaultArn) && !vaultIncluded(exclude, p.vaultArn)) return p;
  }
  return undefined;
}

/** Operator restores outside restore testing: (asset name, days ago, minutes; undefined minutes = still running). */
const OPERATOR_RESTORES: readonly { account: string; name: string; daysAgo: number; minutes?: number }[] = [
  { account: 'payments-staging', name: 'payments-ledger', daysAgo: 20, minutes: 18 },
  { account: 'core-banking-test', name: 'core-banking-db-test', daysAgo: 41, minutes: 52 },
  // The statements bucket restore after a bad batch job: 5 h 20 min against a 4 h RTO.
  { account: 'core-banking-prod', name: 'core-banking-statements', daysAgo: 15, minutes: 320 },
  { account: 'data-platform-dev', name: 'dp-metastore-db', daysAgo: 0 },
];

/** Replays restore tests and operator restores. */
export function replayRestoreJobs(
  plansByObs: ReadonlyMap<string, DemoRestorePlan[]>,
  assetsByObs: ReadonlyMap<string, DemoAsset[]>,
  points: ReadonlyMap<string, RecoveryPointRef[]>,
  clock: DemoClock,
  rng: Rng,
): RestoreJob[] {
  const jobs: RestoreJob[] = [];
  const windowStart = clock.now - WINDOW_DAYS * DAY;
  for (const [key, plans] of plansByObs) {
    const assets = assetsByObs.get(key) ?? [];
    for (const { plan, selections, latestRun } of plans) {
      const selectionDays = plan.RecoveryPointSelection?.SelectionWindowDays ?? 30;
      const vaults = plan.RecoveryPointSelection?.IncludeVaults ?? ['*'];
      const exclude = plan.RecoveryPointSelection?.ExcludeVaults ?? [];
      const covered = assets.filter((a) => selections.some((s) => restoreSelectionCovers(s, a)));
      // Back to the first week of history: a run needs only one recovery point in its selection window.
      for (let k = 0, run = latestRun; run > clock.since; k++, run -= 7 * DAY) {
        for (const demo of covered) {
          const point = pickPoint(points.get(demo.asset.arn) ?? [], run, selectionDays, vaults, exclude);
          if (!point) continue;
          const created = run + rng.int(5, (plan.StartWindowHours ?? 8) * 60 - 1) * MINUTE;
          const verdict = verdictFor(demo.restore, k, created >= windowStart + 6 * 3_600_000, rng);
          jobs.push(makeRestoreJob({ demo, point, created, verdict, planArn: plan.RestoreTestingPlanArn, role: roleArn(demo.account.id, 'service-role/AWSBackupDefaultServiceRole') }, clock.now, rng));
        }
      }
    }
  }
  const everyAsset = [...assetsByObs.values()].flat();
  for (const op of OPERATOR_RESTORES) {
    const demo = everyAsset.find((a) => a.asset.name === op.name && a.account.name === op.account);
    const at = op.minutes === undefined ? clock.now - 12 * MINUTE : clock.now - op.daysAgo * DAY;
    const point = demo ? pickPoint(points.get(demo.asset.arn) ?? [], at, 35, ['*']) : undefined;
    if (!demo || !point) continue;
    const verdict: Verdict = { Status: 'COMPLETED', minutes: op.minutes ?? 40 };
    jobs.push(makeRestoreJob({ demo, point, created: at, verdict, role: roleArn(demo.account.id, 'NordhavnOperatorRestoreRole') }, clock.now, rng));
  }
  return jobs;
}
