/**
 * Restore-testing plans and selections (GetRestoreTestingPlan / GetRestoreTestingSelection shapes) per account and
 * Region. Gaps are deliberate: no selection covers FSx, payments' EFS, or anything in lending's Irish workload.
 */
import type { RestoreTestingPlan, RestoreTestingSelection } from '@vaultscope/core';
import { roleArn } from './arns.js';
import type { DemoAsset } from './catalogue.js';
import { accountNamed, SECONDARY_REGION, type DemoAccount, type DemoRegion } from './organization.js';
import type { Rng } from './random.js';
import { scheduledRuns, type Cadence, type DemoClock } from './schedules.js';
import { DAY, iso } from './time.js';

/** A restore-testing plan with the cadence of its weekly runs. */
export interface DemoRestorePlan {
  plan: RestoreTestingPlan;
  selections: RestoreTestingSelection[];
  /** Its fixed weekly schedule (UTC), so a run's slot does not depend on the capture time. */
  cadence: Cadence & { kind: 'weekly' };
}

/** The latest run of a weekly schedule at or before `now` (for LastExecutionTime). */
function latestRunOf(cadence: Cadence, now: number): number {
  return scheduledRuns(cadence, now - 7 * DAY, now).pop() ?? now - 7 * DAY;
}

const key = (k: string): string => `aws:ResourceTag/${k}`;

function prodSelections(account: DemoAccount, assets: readonly DemoAsset[], role: string, planName: string): RestoreTestingSelection[] {
  const present = (type: string, dc?: string): boolean => assets.some((a) => a.asset.resourceType === type && (dc === undefined || a.asset.tags['DataClassification'] === dc));
  const base = (name: string, type: string, hours: number): RestoreTestingSelection => ({ RestoreTestingPlanName: planName, RestoreTestingSelectionName: name, ProtectedResourceType: type, IamRoleArn: role, ValidationWindowHours: hours });
  const out: RestoreTestingSelection[] = [];
  for (const type of ['RDS', 'Aurora'] as const) {
    // Databases are listed one by one, as DBAs like to see exactly what is tested.
    const arns = assets.filter((a) => a.asset.resourceType === type && a.asset.tags['Reproducible'] !== 'true').map((a) => a.asset.arn);
    if (arns.length) out.push({ ...base(`${type.toLowerCase()}_databases`, type, 8), ProtectedResourceArns: arns.slice(0, 30) });
  }
  for (const dc of ['critical', 'important']) {
    if (present('DynamoDB', dc)) out.push({ ...base(`dynamodb_${dc}`, 'DynamoDB', 4), ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringEquals: [{ Key: key('DataClassification'), Value: dc }] } });
  }
  if (present('S3')) out.push({ ...base('s3_classified', 'S3', 6), ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringNotEquals: [{ Key: key('DataClassification'), Value: 'standard' }] } });
  if (present('EBS')) out.push({ ...base('ebs_data_volumes', 'EBS', 2), ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringNotEquals: [{ Key: key('Reproducible'), Value: 'true' }] } });
  if (present('EFS', 'important') && account.name !== 'payments-prod') {
    out.push({ ...base('efs_important', 'EFS', 4), ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringEquals: [{ Key: key('DataClassification'), Value: 'important' }] } });
  }
  return out;
}

/** The restore-testing plans of one account and Region (an empty list where none exist). */
export function buildRestoreTestingPlans(account: DemoAccount, region: DemoRegion, assets: readonly DemoAsset[], clock: DemoClock, rng: Rng): DemoRestorePlan[] {
  const role = roleArn(account.id, 'service-role/AWSBackupDefaultServiceRole');
  const isProd = account.role === 'prod' && assets.length > 0 && !(account === accountNamed('lending-prod') && region === SECONDARY_REGION);
  const isStaging = account.name === 'payments-staging' && assets.length > 1;
  if (account.name === 'sandbox-quant' && assets.some((a) => a.asset.resourceType === 'DynamoDB')) return [quantRestoreChecks(account, region, role, clock, rng)];
  if (!isProd && !isStaging) return [];
  const name = isProd ? 'weekly_critical_and_important' : 'staging_weekly_restore_tests';
  const cadence = isProd ? ({ kind: 'weekly', hour: 7, day: 'WED' } as const) : ({ kind: 'weekly', hour: 9, day: 'THU' } as const);
  const latestRun = latestRunOf(cadence, clock.now);
  const random = account.name === 'customer-data-prod';
  const plan: RestoreTestingPlan = {
    RestoreTestingPlanName: name,
    RestoreTestingPlanArn: `arn:aws:backup:${region}:${account.id}:restore-testing-plan:${name}-${rng.hex(8)}`,
    ScheduleExpression: `cron(0 ${cadence.hour} ? * ${cadence.day} *)`,
    ScheduleExpressionTimezone: 'Etc/UTC',
    StartWindowHours: 8,
    CreationTime: iso(clock.now - (150 + rng.int(0, 200)) * DAY),
    LastExecutionTime: iso(latestRun),
    RecoveryPointSelection: {
      Algorithm: random ? 'RANDOM_WITHIN_WINDOW' : 'LATEST_WITHIN_WINDOW',
      RecoveryPointTypes: ['SNAPSHOT'],
      IncludeVaults: random ? [`arn:aws:backup:${region}:${account.id}:backup-vault:*-lock`] : ['*'],
      SelectionWindowDays: random ? 14 : 7,
    },
  };
  const selections: RestoreTestingSelection[] = isProd
    ? prodSelections(account, assets, role, name)
    : [
        { RestoreTestingPlanName: name, RestoreTestingSelectionName: 'dynamodb_staging', ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: ['*'], ProtectedResourceConditions: { StringEquals: [{ Key: key('Environment'), Value: 'staging' }] }, IamRoleArn: role, ValidationWindowHours: 2 },
        {
          RestoreTestingPlanName: name,
          RestoreTestingSelectionName: 'rds_reporting',
          ProtectedResourceType: 'RDS',
          ProtectedResourceArns: assets.filter((a) => a.asset.resourceType === 'RDS').map((a) => a.asset.arn),
          IamRoleArn: role,
          ValidationWindowHours: 4,
        },
      ];
  return [{ plan: { ...plan, Selections: selections }, selections, cadence }];
}

/**
 * The quants' restore checks exclude the Default vault (to skip on-demand experiments), which is exactly where
 * their catch-all plan keeps every recovery point: the plan can never pick one, so nothing is ever tested.
 */
function quantRestoreChecks(account: DemoAccount, region: DemoRegion, role: string, clock: DemoClock, rng: Rng): DemoRestorePlan {
  const name = 'quant_restore_checks';
  const cadence = { kind: 'weekly', hour: 8, day: 'TUE' } as const;
  const latestRun = latestRunOf(cadence, clock.now);
  const selections: RestoreTestingSelection[] = [
    { RestoreTestingPlanName: name, RestoreTestingSelectionName: 'quant_tables', ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: ['*'], IamRoleArn: role, ValidationWindowHours: 2 },
  ];
  const plan: RestoreTestingPlan = {
    RestoreTestingPlanName: name,
    RestoreTestingPlanArn: `arn:aws:backup:${region}:${account.id}:restore-testing-plan:${name}-${rng.hex(8)}`,
    ScheduleExpression: `cron(0 8 ? * ${cadence.day} *)`,
    ScheduleExpressionTimezone: 'Etc/UTC',
    StartWindowHours: 8,
    CreationTime: iso(clock.now - 60 * DAY),
    LastExecutionTime: iso(latestRun),
    RecoveryPointSelection: {
      Algorithm: 'LATEST_WITHIN_WINDOW',
      RecoveryPointTypes: ['SNAPSHOT'],
      IncludeVaults: ['*'],
      ExcludeVaults: [`arn:aws:backup:${region}:${account.id}:backup-vault:Default`],
      SelectionWindowDays: 7,
    },
  };
  return { plan: { ...plan, Selections: selections }, selections, cadence };
}

/** Does a restore-testing selection cover an asset (type, ARN list or `*`, tag conditions on its tags)? */
export function restoreSelectionCovers(sel: RestoreTestingSelection, demo: DemoAsset): boolean {
  if (sel.ProtectedResourceType !== demo.asset.resourceType) return false;
  const arns = sel.ProtectedResourceArns ?? [];
  if (!arns.includes('*') && !arns.includes(demo.asset.arn)) return false;
  const tags = demo.asset.tags;
  const bare = (k: string): string => k.replace(/^aws:ResourceTag\//, '');
  const equals = (sel.ProtectedResourceConditions?.StringEquals ?? []).every((c) => tags[bare(c.Key)] === c.Value);
  const notEquals = (sel.ProtectedResourceConditions?.StringNotEquals ?? []).every((c) => tags[bare(c.Key)] !== c.Value);
  return equals && notEquals;
}
