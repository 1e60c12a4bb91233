/**
 * Restore jobs: weekly restore tests replayed from each restore-testing plan over the recovery points the backup
 * history produced, shaped by each asset's restore story, plus a few operator restores.
 */
import type { RestoreJob } from '@vaultscope/core';
import { auroraArn, dynamoArn, ebsArn, ec2Arn, efsArn, fsxArn, rdsArn, roleArn, s3Arn, type ResourceKind } from './arns.js';
import type { RecoveryPointRef } from './jobFactory.js';
import type { DemoAsset, RestoreStory } from './catalogue.js';
import { ESC_CLEAR, ESC_TITLE } from './hostile.js';
import { rngFor, type Rng } from './random.js';
import { restoreSelectionCovers, type DemoRestorePlan } from './restoreTestingPlans.js';
import { DEMO_EPOCH, scheduledRuns, STORY_PERIOD_DAYS, SUB_DAILY_RECENT_DAYS, type DemoClock } from './schedules.js';
import { DAY, HOUR, iso, MINUTE } from './time.js';

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

/**
 * The verdict of one restore test. Stories recur every four weeks, counted from `DEMO_EPOCH` (`cycleWeek` 0 is
 * the week before it), so the evaluation window always holds one of each; a verdict depends on the run alone.
 */
function verdictFor(story: RestoreStory | undefined, cycleWeek: number, deletionFails: boolean, slowMinutes: number): Verdict {
  const ok: Verdict = { Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: 'Validation Lambda nordhavn-restore-validator: row counts and checksums match.' };
  if (story === 'validation-failed' && cycleWeek === 0) return { Status: 'COMPLETED', ValidationStatus: 'FAILED', ValidationStatusMessage: 'Row count mismatch in gl_postings: expected 48211907, found 48211873 (recovery point taken during end-of-day batch).' };
  if (story === 'timed-out' && cycleWeek === 0) return { Status: 'COMPLETED', ValidationStatus: 'TIMED_OUT', ValidationStatusMessage: 'Validation did not report a result within the 4-hour validation window.' };
  if (story === 'restore-failed' && cycleWeek === 1) return { Status: 'FAILED', StatusMessage: 'We currently do not have sufficient io2 capacity in the Availability Zone you requested (eu-central-1b).', minutes: 3 };
  if (story === 'aborted' && cycleWeek === 1) return { Status: 'ABORTED', StatusMessage: 'Restore job was stopped because the restore testing plan start window ended.', minutes: 6 };
  if (story === 'hostile-validation' && cycleWeek === 2) return { Status: 'COMPLETED', ValidationStatus: 'FAILED', ValidationStatusMessage: `validator output:${ESC_CLEAR}${ESC_TITLE} settlement totals differ by EUR 1,204.77` };
  if (story === 'slow') return { ...ok, minutes: slowMinutes };
  return deletionFails ? { ...ok, deletionFailed: true } : ok;
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

/** The restore job at `now`. `rng` is the job's own stream, drawn in one fixed order whatever its state. */
function makeRestoreJob(input: RestoreInput, id: string, now: number, rng: Rng): RestoreJob {
  const { demo, point, verdict } = input;
  const [min, max] = RESTORE_MINUTES[demo.asset.resourceType as ResourceKind];
  const drawnMinutes = rng.int(min, max);
  const created = restoredArn(demo, rng);
  const minutes = verdict.minutes ?? drawnMinutes;
  const completed = input.created + minutes * MINUTE;
  const running = completed > now;
  const done = !running && verdict.Status === 'COMPLETED';
  return {
    AccountId: demo.account.id,
    Region: demo.region,
    RestoreJobId: id,
    RecoveryPointArn: point.arn,
    RecoveryPointCreationDate: iso(point.createdAt),
    SourceResourceArn: demo.asset.arn,
    BackupVaultArn: point.vaultArn,
    ...(done ? { CreatedResourceArn: created } : {}),
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

/**
 * Operator restores outside restore testing, recurring every `STORY_PERIOD_DAYS` from `DEMO_EPOCH − daysAgo`
 * (at `hour` UTC); `everyHours` instead repeats one that often, listed for the last `SUB_DAILY_RECENT_DAYS` (the
 * dev team's metastore refresh).
 * `minutes` undefined: 40.
 */
const OPERATOR_RESTORES: readonly { account: string; name: string; daysAgo?: number; everyHours?: number; hour: number; minutes?: number }[] = [
  { account: 'payments-staging', name: 'payments-ledger', daysAgo: 20, hour: 10, minutes: 18 },
  { account: 'core-banking-test', name: 'core-banking-db-test', daysAgo: 11, hour: 14, minutes: 52 },
  // The statements bucket restore after a bad batch job: 5 h 20 min against a 4 h RTO.
  { account: 'core-banking-prod', name: 'core-banking-statements', daysAgo: 15, hour: 9, minutes: 320 },
  { account: 'data-platform-dev', name: 'dp-metastore-db', everyHours: 6, hour: 0 },
];

/** The instants in [from, to] of an operator restore's routine. */
function operatorRuns(op: (typeof OPERATOR_RESTORES)[number], from: number, to: number): number[] {
  const every = op.everyHours !== undefined ? op.everyHours * HOUR : STORY_PERIOD_DAYS * DAY;
  const anchor = DEMO_EPOCH - (op.daysAgo ?? 0) * DAY + op.hour * HOUR + 20 * MINUTE;
  const out: number[] = [];
  for (let at = anchor + Math.ceil((from - anchor) / every) * every; at <= to; at += every) out.push(at);
  return out;
}

/** Recovery points a restore may pick: sub-daily ones are listed for a few weeks only, so a restore never names one. */
const restorable = (points: readonly RecoveryPointRef[] | undefined): RecoveryPointRef[] => (points ?? []).filter((p) => !p.subDaily);

/** Replays restore tests and operator restores. */
export function replayRestoreJobs(
  plansByObs: ReadonlyMap<string, DemoRestorePlan[]>,
  assetsByObs: ReadonlyMap<string, DemoAsset[]>,
  points: ReadonlyMap<string, RecoveryPointRef[]>,
  clock: DemoClock,
  seed: number,
): RestoreJob[] {
  const jobs: RestoreJob[] = [];
  const candidates = new Map<string, RecoveryPointRef[]>();
  const pointsOf = (arn: string): RecoveryPointRef[] => {
    let list = candidates.get(arn);
    if (!list) candidates.set(arn, (list = restorable(points.get(arn))));
    return list;
  };
  for (const [key, plans] of plansByObs) {
    const assets = assetsByObs.get(key) ?? [];
    for (const { plan, selections, cadence } of plans) {
      const selectionDays = plan.RecoveryPointSelection?.SelectionWindowDays ?? 30;
      const vaults = plan.RecoveryPointSelection?.IncludeVaults ?? ['*'];
      const exclude = plan.RecoveryPointSelection?.ExcludeVaults ?? [];
      // Back to the first week of history: a run needs only one recovery point in its selection window.
      for (const run of scheduledRuns(cadence, clock.since, clock.now)) {
        const cycleWeek = (((Math.floor((DEMO_EPOCH - run) / (7 * DAY)) % 4) + 4) % 4);
        for (const demo of assets) {
          const selection = selections.find((s) => restoreSelectionCovers(s, demo));
          if (!selection) continue;
          const point = pickPoint(pointsOf(demo.asset.arn), run, selectionDays, vaults, exclude);
          if (!point) continue;
          const rng = rngFor(seed, `${plan.RestoreTestingPlanArn}|${selection.RestoreTestingSelectionName}|${demo.asset.arn}|${run}`);
          const id = rng.upperUuid();
          const created = run + rng.int(5, (plan.StartWindowHours ?? 8) * 60 - 1) * MINUTE;
          const verdict = verdictFor(demo.restore, cycleWeek, rng.chance(0.01), 95 + rng.int(0, 30));
          if (created > clock.now) continue;
          jobs.push(makeRestoreJob({ demo, point, created, verdict, planArn: plan.RestoreTestingPlanArn, role: roleArn(demo.account.id, 'service-role/AWSBackupDefaultServiceRole') }, id, clock.now, rng));
        }
      }
    }
  }
  const everyAsset = [...assetsByObs.values()].flat();
  for (const op of OPERATOR_RESTORES) {
    const demo = everyAsset.find((a) => a.asset.name === op.name && a.account.name === op.account);
    if (!demo) continue;
    const from = op.everyHours !== undefined ? clock.now - SUB_DAILY_RECENT_DAYS * DAY : clock.since;
    for (const at of operatorRuns(op, from, clock.now)) {
      const point = pickPoint(pointsOf(demo.asset.arn), at, 35, ['*']);
      if (!point) continue;
      const rng = rngFor(seed, `${demo.account.id}|${demo.asset.arn}|operator-restore|${at}`);
      const verdict: Verdict = { Status: 'COMPLETED', minutes: op.minutes ?? 40 };
      jobs.push(makeRestoreJob({ demo, point, created: at, verdict, role: roleArn(demo.account.id, 'NordhavnOperatorRestoreRole') }, rng.upperUuid(), clock.now, rng));
    }
  }
  return jobs;
}
