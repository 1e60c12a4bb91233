/**
 * Replays 90 days of backup and copy jobs from the plans that really select each asset (AWS selection semantics),
 * shaped by each asset's story, and derives the protected-resources lists and recovery points from them.
 */
import {
  evaluateSelection,
  type BackupJob,
  type BackupVault,
  type CopyJob,
  type ProtectedResource,
} from '@vaultscope/core';
import { planArn, recoveryPointArn, roleArn, type ResourceKind } from './arns.js';
import type { DemoAsset, Story } from './catalogue.js';
import { copyDeniedOutcome, failureOutcome, type FailureSubject, type JobOutcome } from './jobMessages.js';
import { makeBackupJob, makeCopyJob, runTiming, toCopyDestination, type CopyDestination, type RecoveryPointRef } from './jobFactory.js';
import type { DemoPlan, DemoRule } from './plans.js';
import { childSeed, createRng128, rngFor, seedFor, type Seed128 } from './random.js';
import { cronFor, DEMO_EPOCH, inRecurringWindow, isSubDaily, periodOf, scheduledRuns, subDailySpans, type Cadence, type DemoClock } from './schedules.js';
import { DAY, HOUR, iso, MINUTE } from './time.js';
import { EFS_AUTOMATIC_VAULT } from './vaults.js';

/** What one account/Region offers the replay: its plans, opt-in settings and vaults. */
export interface ObservationContext {
  plans: DemoPlan[];
  optIn: Record<string, boolean>;
  vaults: BackupVault[];
  /** ResourceTypeManagementPreference.DynamoDB: without advanced features AWS Backup copies no DynamoDB backup. */
  dynamodbAdvanced: boolean;
}

/** Everything the replay produces. */
export interface BackupHistory {
  backup: BackupJob[];
  copy: CopyJob[];
  protectedResources: Map<string, ProtectedResource[]>;
  recoveryPoints: Map<string, RecoveryPointRef[]>;
}

// AWS Backup continuous backup exists for these types; the others run their hourly snapshots.
const CONTINUOUS_TYPES = new Set(['RDS', 'Aurora', 'S3']);

/**
 * On-demand jobs operators start on a routine of their own (every `everyHours`, `offsetMinutes` past the grid),
 * which wait `queuedMinutes` (CREATED, then PENDING) before they run.
 */
const ON_DEMAND: readonly { name: string; everyHours: number; offsetMinutes: number; queuedMinutes: number }[] = [
  // Before and after the end-of-day batch.
  { name: 'core-banking-db', everyHours: 12, offsetMinutes: 5 * 60 + 35, queuedMinutes: 2 },
  { name: 'payments-sftp-inbound', everyHours: 6, offsetMinutes: 5 * 60 + 56, queuedMinutes: 25 },
  { name: 'crm-document-share', everyHours: 24, offsetMinutes: 5 * 60 + 51, queuedMinutes: 12 },
];

export const obsKey = (accountId: string, region: string): string => `${accountId}|${region}`;

function efsAutomaticRule(demo: DemoAsset, vault: BackupVault): DemoRule {
  const cadence = { kind: 'daily', hour: 2 } as const;
  const cron = cronFor(cadence);
  return {
    rule: { RuleName: 'aws-efs-automatic-backup-rule', TargetBackupVaultName: EFS_AUTOMATIC_VAULT, ...cron, StartWindowMinutes: 480, Lifecycle: { DeleteAfterDays: 35 } },
    cadence,
    target: vault,
    copies: [],
    createdBy: {
      BackupPlanId: 'aws/efs/automatic-backup-plan',
      BackupPlanArn: planArn(demo.region, demo.account.id, 'aws/efs/automatic-backup-plan'),
      BackupPlanName: 'aws/efs/automatic-backup-plan',
      BackupPlanVersion: 'aws-efs-automatic-backup',
      BackupRuleId: 'aws/efs/automatic-backup-rule',
      BackupRuleName: 'aws-efs-automatic-backup-rule',
      BackupRuleCron: cron.ScheduleExpression,
    },
  };
}

/** The plans whose selections select the asset in its own account and Region, as AWS Backup decides. */
export function coveringPlans(demo: DemoAsset, obs: ObservationContext): DemoPlan[] {
  const target = { arn: demo.asset.arn, resourceType: demo.asset.resourceType, tags: demo.asset.tags, accountId: demo.account.id, region: demo.region };
  return obs.plans.filter((p) => (p.plan.Selections ?? []).some((s) => evaluateSelection(s.BackupSelection, target, { optIn: obs.optIn }).selected));
}

const SUCCESS: JobOutcome = { State: 'COMPLETED', MessageCategory: 'SUCCESS' };

/**
 * The outcome of the run at `at`: a function of the slot alone (stories are told from `DEMO_EPOCH`), so a past
 * job never changes its outcome between captures.
 */
function outcomeFor(story: Story, demo: DemoAsset, cadence: Cadence, at: number): JobOutcome {
  const subject = (): FailureSubject => ({ name: demo.asset.name, accountId: demo.account.id, region: demo.region, resourceType: demo.asset.resourceType });
  switch (story.kind) {
    case 'failing-since':
      if (at >= DEMO_EPOCH - story.daysAgo * DAY) return failureOutcome(story.failure, subject());
      break;
    case 'never-succeeded':
      return failureOutcome(story.failure, subject());
    case 'incidents': {
      if (isSubDaily(cadence)) break;
      const hit = story.incidents.find((i) => inRecurringWindow(at, i.daysAgo, i.daysAgo + 1));
      if (hit) return failureOutcome(hit.failure, subject());
      break;
    }
    default:
      break;
  }
  return SUCCESS;
}

function copyOutcome(story: Story, demo: DemoAsset, destination: CopyDestination, at: number): JobOutcome {
  if (story.kind === 'copy-denied' && destination.accountId !== demo.account.id && inRecurringWindow(at, story.toDaysAgo, story.fromDaysAgo)) {
    return copyDeniedOutcome(destination.accountId, demo.account.id);
  }
  return SUCCESS;
}

/**
 * The recovery point of the last good run of an asset whose story is failing since before `now − 90 days`: the
 * night before the failures began, in the vault of its first rule (undefined for other stories).
 */
function lastGoodBeforeHistory(demo: DemoAsset, rule: DemoRule | undefined, seed: number): RecoveryPointRef | undefined {
  if (demo.story.kind !== 'failing-since' || !rule) return undefined;
  const completedAt = DEMO_EPOCH - demo.story.daysAgo * DAY - 20 * HOUR;
  if (completedAt < demo.createdAtMs) return undefined;
  const arn = recoveryPointArn(demo.asset.resourceType as ResourceKind, demo.region, demo.account.id, rngFor(seed, `last-good|${demo.account.id}|${demo.asset.arn}`));
  return { arn, createdAt: completedAt - 15 * MINUTE, completedAt, vaultArn: rule.target.BackupVaultArn };
}

/** Replays the job history of every asset. */
export function replayBackupHistory(assets: readonly DemoAsset[], observations: ReadonlyMap<string, ObservationContext>, clock: DemoClock, seed: number): BackupHistory {
  const history: BackupHistory = { backup: [], copy: [], protectedResources: new Map(), recoveryPoints: new Map() };
  const vaultCounts = new Map<string, number>();
  const destinations = new Map<BackupVault, CopyDestination>();
  const destinationOf = (vault: BackupVault): CopyDestination => {
    let d = destinations.get(vault);
    if (!d) {
      d = toCopyDestination(vault);
      destinations.set(vault, d);
    }
    return d;
  };
  const count = (arn: string): void => {
    vaultCounts.set(arn, (vaultCounts.get(arn) ?? 0) + 1);
  };
  for (const demo of assets) {
    const obs = observations.get(obsKey(demo.account.id, demo.region));
    if (!obs) continue;
    const plans = coveringPlans(demo, obs);
    const rules: { rule: DemoRule; iamRoleArn: string }[] = plans.flatMap((p) => p.rules.map((rule) => ({ rule, iamRoleArn: p.iamRoleArn })));
    const efsVault = obs.vaults.find((v) => v.BackupVaultName === EFS_AUTOMATIC_VAULT);
    if (demo.asset.attributes?.efsAutomaticBackups === 'ENABLED' && efsVault) {
      rules.push({ rule: efsAutomaticRule(demo, efsVault), iamRoleArn: roleArn(demo.account.id, 'aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup') });
    }
    const points: RecoveryPointRef[] = [];
    // "Feature availability": DynamoDB backups are copied across Regions or accounts only with advanced features.
    const copiesMade = !(demo.asset.resourceType === 'DynamoDB' && !obs.dynamodbAdvanced);
    let continuousVault: string | undefined;
    const from = Math.max(clock.since, demo.createdAtMs);
    if (demo.story.kind !== 'no-jobs-yet') {
      for (const { rule, iamRoleArn } of rules) {
        if (rule.rule.EnableContinuousBackup && CONTINUOUS_TYPES.has(demo.asset.resourceType)) {
          continuousVault = rule.target.BackupVaultArn;
          continue;
        }
        // A job is what it is: the asset in its account, the rule, the slot. Its stream is seeded from that.
        const ruleKey = `${demo.account.id}|${demo.asset.arn}|${rule.createdBy.BackupRuleId}`;
        const ruleSeed = seedFor(seed, ruleKey);
        const subDaily = isSubDaily(rule.cadence);
        const timing = runTiming(demo, createRng128(ruleSeed), subDaily ? (periodOf(rule.cadence) * 0.75) / 1000 : undefined);
        // A copy's stream is seeded from its rule, destination and slot: the first two are the same for every slot.
        const copySeeds = copiesMade ? rule.copies.map((vault) => seedFor(seed, `copy|${ruleKey}|${vault.BackupVaultArn}`)) : [];
        const slots = subDaily ? subDailySpans(from, clock.now).flatMap(([a, b]) => scheduledRuns(rule.cadence, a, b)) : scheduledRuns(rule.cadence, from, clock.now);
        for (const at of slots) {
          const outcome = outcomeFor(demo.story, demo, rule.cadence, at);
          const result = makeBackupJob(
            { demo, vault: rule.target, iamRoleArn, createdBy: rule.createdBy, scheduledAt: at, startWindowMinutes: rule.rule.StartWindowMinutes ?? 480, outcome, timing },
            clock.now,
            createRng128(childSeed(ruleSeed, at / MINUTE)),
          );
          if (!result) continue;
          history.backup.push(result.job);
          if (!result.recoveryPoint) continue;
          if (subDaily) result.recoveryPoint.subDaily = true;
          points.push(result.recoveryPoint);
          count(rule.target.BackupVaultArn);
          const source = { job: result.job, recoveryPoint: result.recoveryPoint };
          for (let v = 0; v < copySeeds.length; v++) {
            const vault = rule.copies[v] as BackupVault;
            const destination = destinationOf(vault);
            const copyRng = createRng128(childSeed(copySeeds[v] as Seed128, at / MINUTE));
            const copy = makeCopyJob(source, demo, destination, copyOutcome(demo.story, demo, destination, at), rule.createdBy, iamRoleArn, clock.now, copyRng);
            if (!copy) continue;
            history.copy.push(copy);
            if (copy.State === 'COMPLETED') count(vault.BackupVaultArn);
          }
        }
      }
      const onDemand = ON_DEMAND.find((o) => o.name === demo.asset.name);
      const first = rules[0];
      if (onDemand && first) {
        const every = onDemand.everyHours * HOUR;
        const anchor = onDemand.offsetMinutes * MINUTE;
        for (let at = Math.ceil((from - anchor) / every) * every + anchor; at <= clock.now; at += every) {
          const key = `${demo.account.id}|${demo.asset.arn}|on-demand|${at}`;
          const jobRng = rngFor(seed, key);
          const run = { demo, vault: first.rule.target, iamRoleArn: first.iamRoleArn, scheduledAt: at, startWindowMinutes: 60, outcome: SUCCESS, timing: { ...runTiming(demo, jobRng), delaySeconds: 0 }, queuedMinutes: onDemand.queuedMinutes };
          const result = makeBackupJob(run, clock.now, jobRng);
          if (!result) continue;
          history.backup.push(result.job);
          if (result.recoveryPoint) points.push(result.recoveryPoint);
        }
      }
    }
    points.sort((a, b) => a.completedAt - b.completedAt);
    history.recoveryPoints.set(demo.asset.arn, points);
    const healthyContinuous = continuousVault !== undefined && demo.story.kind !== 'failing-since' && demo.story.kind !== 'never-succeeded';
    // An asset failing since before the listed history still has the recovery point of its last good run.
    const latest = points[points.length - 1] ?? lastGoodBeforeHistory(demo, rules[0]?.rule, seed);
    if (!latest && !healthyContinuous) continue;
    const continuousRng = rngFor(seed, `continuous|${demo.account.id}|${demo.asset.arn}`);
    const continuousAt = Math.max(clock.now - continuousRng.int(2, 20) * MINUTE, latest?.completedAt ?? 0);
    const protectedResource: ProtectedResource = {
      ResourceArn: demo.asset.arn,
      ResourceType: demo.asset.resourceType,
      ResourceName: demo.asset.name,
      LastBackupTime: iso(healthyContinuous ? continuousAt : (latest?.completedAt ?? clock.now)),
      LastBackupVaultArn: healthyContinuous ? (continuousVault ?? '') : (latest?.vaultArn ?? ''),
      LastRecoveryPointArn: healthyContinuous
        ? `arn:aws:backup:${demo.region}:${demo.account.id}:recovery-point:continuous:${demo.asset.name}-${continuousRng.hex(8)}`
        : (latest?.arn ?? ''),
    };
    const key = obsKey(demo.account.id, demo.region);
    const list = history.protectedResources.get(key) ?? [];
    list.push(protectedResource);
    history.protectedResources.set(key, list);
  }
  for (const obs of observations.values()) {
    for (const vault of obs.vaults) vault.NumberOfRecoveryPoints = vaultCounts.get(vault.BackupVaultArn) ?? 0;
  }
  return history;
}
