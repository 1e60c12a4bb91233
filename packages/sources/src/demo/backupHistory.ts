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
import { planArn, roleArn } from './arns.js';
import type { DemoAsset, Story } from './catalogue.js';
import { BACKGROUND_FAILURES, copyDeniedOutcome, failureOutcome, type FailureSubject, type JobOutcome } from './jobMessages.js';
import { makeBackupJob, makeCopyJob, runTiming, toCopyDestination, type CopyDestination, type RecoveryPointRef } from './jobFactory.js';
import type { DemoPlan, DemoRule } from './plans.js';
import type { Rng } from './random.js';
import { cronFor, scheduledRuns, WINDOW_DAYS, type DemoClock } from './schedules.js';
import { DAY, iso, MINUTE } from './time.js';
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

/** On-demand jobs an operator started minutes before the capture. */
const ON_DEMAND: readonly { name: string; state: 'CREATED' | 'PENDING' | 'RUNNING'; minutesAgo: number; percent?: number }[] = [
  { name: 'core-banking-db', state: 'RUNNING', minutesAgo: 25, percent: 43 },
  { name: 'payments-sftp-inbound', state: 'CREATED', minutesAgo: 4 },
  { name: 'crm-document-share', state: 'PENDING', minutesAgo: 9 },
];

export const obsKey = (accountId: string, region: string): string => `${accountId}|${region}`;

function efsAutomaticRule(demo: DemoAsset, clock: DemoClock, vault: BackupVault): DemoRule {
  const cadence = { kind: 'daily', hour: clock.hoursBefore(3) } as const;
  const cron = cronFor(cadence, clock.now);
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

function outcomeFor(story: Story, demo: DemoAsset, rule: DemoRule, at: number, clock: DemoClock, rng: Rng): JobOutcome {
  const subject = (): FailureSubject => ({ name: demo.asset.name, accountId: demo.account.id, region: demo.region, resourceType: demo.asset.resourceType });
  switch (story.kind) {
    case 'failing-since':
      if (at >= clock.now - story.daysAgo * DAY) return failureOutcome(story.failure, subject());
      break;
    case 'never-succeeded':
      return failureOutcome(story.failure, subject());
    case 'incidents': {
      const daily = rule.cadence.kind === 'daily' || rule.cadence.kind === 'weekly';
      const hit = story.incidents.find((i) => daily && at <= clock.now - i.daysAgo * DAY && at > clock.now - (i.daysAgo + 1) * DAY);
      if (hit) return failureOutcome(hit.failure, subject());
      break;
    }
    default:
      break;
  }
  if (at < clock.now - (WINDOW_DAYS + 1) * DAY && rng.chance(0.012)) {
    const kind = rng.pick(BACKGROUND_FAILURES);
    const fitting = kind === 'invalid-state' && demo.asset.resourceType !== 'RDS' ? 'expired' : kind;
    return failureOutcome(fitting, subject());
  }
  return SUCCESS;
}

function copyOutcome(story: Story, demo: DemoAsset, destination: CopyDestination, at: number, clock: DemoClock): JobOutcome {
  if (story.kind === 'copy-denied' && destination.accountId !== demo.account.id) {
    if (at >= clock.now - story.fromDaysAgo * DAY && at < clock.now - story.toDaysAgo * DAY) return copyDeniedOutcome(destination.accountId, demo.account.id);
  }
  return SUCCESS;
}

/** Replays the job history of every asset. */
export function replayBackupHistory(assets: readonly DemoAsset[], observations: ReadonlyMap<string, ObservationContext>, clock: DemoClock, rng: Rng): BackupHistory {
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
      rules.push({ rule: efsAutomaticRule(demo, clock, efsVault), iamRoleArn: roleArn(demo.account.id, 'aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup') });
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
        const subDaily = rule.cadence.kind === 'hourly' || rule.cadence.kind === 'every4h';
        const fixedTiming = subDaily ? runTiming(demo, rng) : undefined;
        for (const at of scheduledRuns(rule.cadence, from, clock.now)) {
          const outcome = outcomeFor(demo.story, demo, rule, at, clock, rng);
          const result = makeBackupJob(
            { demo, vault: rule.target, iamRoleArn, createdBy: rule.createdBy, scheduledAt: at, startWindowMinutes: rule.rule.StartWindowMinutes ?? 480, outcome, ...(fixedTiming ? { fixedTiming } : {}) },
            clock.now,
            rng,
          );
          if (!result) continue;
          history.backup.push(result.job);
          if (!result.recoveryPoint) continue;
          points.push(result.recoveryPoint);
          count(rule.target.BackupVaultArn);
          const source = { job: result.job, recoveryPoint: result.recoveryPoint };
          for (const vault of copiesMade ? rule.copies : []) {
            const destination = destinationOf(vault);
            const copy = makeCopyJob(source, demo, destination, copyOutcome(demo.story, demo, destination, at, clock), rule.createdBy, iamRoleArn, clock.now, rng);
            if (!copy) continue;
            history.copy.push(copy);
            if (copy.State === 'COMPLETED') count(vault.BackupVaultArn);
          }
        }
      }
      const onDemand = ON_DEMAND.find((o) => o.name === demo.asset.name);
      const first = rules[0];
      if (onDemand && first) {
        const run = { demo, vault: first.rule.target, iamRoleArn: first.iamRoleArn, scheduledAt: clock.now - onDemand.minutesAgo * MINUTE, startWindowMinutes: 60, outcome: { State: 'RUNNING' } };
        const job = makeBackupJob({ ...run, inProgress: { state: onDemand.state, ...(onDemand.percent !== undefined ? { percent: onDemand.percent } : {}) } }, clock.now, rng)?.job;
        if (job) history.backup.push(job);
      }
    }
    points.sort((a, b) => a.completedAt - b.completedAt);
    history.recoveryPoints.set(demo.asset.arn, points);
    const latest = points[points.length - 1];
    const healthyContinuous = continuousVault !== undefined && demo.story.kind !== 'failing-since' && demo.story.kind !== 'never-succeeded';
    if (!latest && !healthyContinuous) continue;
    const protectedResource: ProtectedResource = {
      ResourceArn: demo.asset.arn,
      ResourceType: demo.asset.resourceType,
      ResourceName: demo.asset.name,
      LastBackupTime: iso(healthyContinuous ? clock.now - rng.int(2, 20) * MINUTE : (latest?.completedAt ?? clock.now)),
      LastBackupVaultArn: healthyContinuous ? (continuousVault ?? '') : (latest?.vaultArn ?? ''),
      LastRecoveryPointArn: healthyContinuous
        ? `arn:aws:backup:${demo.region}:${demo.account.id}:recovery-point:continuous:${demo.asset.name}-${rng.hex(8)}`
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
