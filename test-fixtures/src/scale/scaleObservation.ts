/**
 * One account × Region of a scale estate: three vaults (compliance lock, governance lock, unlocked), three plans
 * selecting by tag, by Region/account wildcards with conditions and by `*` with conditions, and one restore-testing
 * plan with a `*` selection per resource type.
 */
import type {
  Asset,
  BackupJob,
  BackupPlan,
  BackupVault,
  ProtectedResource,
  RestoreTestingPlan,
} from '@vaultscope/core';
import { type Rng, DAY, iso } from '@vaultscope/sources/demo';

/** Classes the scale estate uses. */
export type Tier = 'critical' | 'important' | 'standard';

/** Resource types, as a 20-slot cycle: EBS 30 %, DynamoDB 20 %, S3 20 %, RDS 10 %, EFS 10 %, Aurora 5 %, FSx 5 %. */
export const TYPE_CYCLE = ['EBS', 'DynamoDB', 'S3', 'EBS', 'RDS', 'DynamoDB', 'S3', 'EBS', 'EFS', 'Aurora', 'EBS', 'DynamoDB', 'S3', 'EBS', 'RDS', 'DynamoDB', 'S3', 'EFS', 'FSx', 'EBS'] as const;
export type Kind = (typeof TYPE_CYCLE)[number];

/** The daily rule of a tier's plan, as jobs reference it. */
export interface ScaleRule {
  vault: BackupVault;
  createdBy: NonNullable<BackupJob['CreatedBy']>;
  copyTo?: BackupVault;
}

/** An account × Region being filled. */
export interface ScaleObservation {
  accountId: string;
  region: string;
  other: string;
  assets: Asset[];
  rules: Record<Tier, ScaleRule>;
  plans: BackupPlan[];
  vaults: BackupVault[];
  restorePlan: RestoreTestingPlan;
  protectedResources: ProtectedResource[];
}

/** Builds the vaults, plans and restore-testing plan of one account × Region. */
export function buildObservation(account: string, region: string, other: string, now: number, rng: Rng): ScaleObservation {
  const vaultArn = (r: string, name: string): string => `arn:aws:backup:${r}:${account}:backup-vault:${name}`;
  const vault = (name: string, locked: 'compliance' | 'governance' | 'none'): BackupVault => ({
    BackupVaultName: name,
    BackupVaultArn: vaultArn(region, name),
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    Locked: locked !== 'none',
    ...(locked === 'compliance' ? { LockDate: iso(now - 300 * DAY), MinRetentionDays: 7, MaxRetentionDays: 3650 } : locked === 'governance' ? { MinRetentionDays: 7, MaxRetentionDays: 3650 } : {}),
  });
  const vaults = [vault('critical-lock', 'compliance'), vault('important-lock', 'governance'), vault('standard', 'none')];
  const role = `arn:aws:iam::${account}:role/service-role/AWSBackupDefaultServiceRole`;
  const planDefs: { tier: Tier; name: string; rules: BackupPlan['BackupPlan']['Rules']; selection: BackupPlan['Selections'] }[] = [
    {
      tier: 'critical',
      name: 'scale-critical',
      rules: [
        { RuleName: 'continuous', TargetBackupVaultName: 'critical-lock', ScheduleExpression: 'cron(0 * ? * * *)', EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } },
        { RuleName: 'daily-7y', TargetBackupVaultName: 'critical-lock', ScheduleExpression: 'cron(0 1 ? * * *)', Lifecycle: { DeleteAfterDays: 2555 }, CopyActions: [{ DestinationBackupVaultArn: vaultArn(other, 'critical-lock'), Lifecycle: { DeleteAfterDays: 2555 } }] },
      ],
      selection: [{ SelectionId: rng.uuid(), BackupSelection: { SelectionName: 'critical-tag', IamRoleArn: role, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'aws:ResourceTag/DataClassification', ConditionValue: 'critical' }] } }],
    },
    {
      tier: 'important',
      name: 'scale-important',
      rules: [
        { RuleName: 'every-4h', TargetBackupVaultName: 'important-lock', ScheduleExpression: 'cron(0 0/4 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } },
        { RuleName: 'daily-3y', TargetBackupVaultName: 'important-lock', ScheduleExpression: 'cron(0 2 ? * * *)', Lifecycle: { DeleteAfterDays: 1095 }, CopyActions: [{ DestinationBackupVaultArn: vaultArn(other, 'important-lock'), Lifecycle: { DeleteAfterDays: 1095 } }] },
      ],
      selection: [
        {
          SelectionId: rng.uuid(),
          BackupSelection: {
            SelectionName: 'important-wildcards',
            IamRoleArn: role,
            Resources: ['arn:aws:dynamodb:*:*:table/*', 'arn:aws:rds:*:*:db:*', 'arn:aws:rds:*:*:cluster:*', 'arn:aws:s3:::*', 'arn:aws:ec2:*:*:volume/*', 'arn:aws:elasticfilesystem:*:*:file-system/*', 'arn:aws:fsx:*'],
            Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/DataClassification', ConditionValue: 'important' }] },
          },
        },
      ],
    },
    {
      tier: 'standard',
      name: 'scale-standard',
      rules: [{ RuleName: 'daily-1y', TargetBackupVaultName: 'standard', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 365 } }],
      selection: [{ SelectionId: rng.uuid(), BackupSelection: { SelectionName: 'daily-tag', IamRoleArn: role, Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }], StringNotLike: [{ ConditionKey: 'aws:ResourceTag/Environment', ConditionValue: 'sandbox*' }] } } }],
    },
  ];
  const plans: BackupPlan[] = [];
  const rules = {} as Record<Tier, ScaleRule>;
  for (const def of planDefs) {
    const id = rng.uuid();
    const arn = `arn:aws:backup:${region}:${account}:backup-plan:${id}`;
    for (const r of def.rules) r.RuleId = rng.uuid();
    plans.push({ BackupPlanId: id, BackupPlanArn: arn, VersionId: rng.hex(32), BackupPlan: { BackupPlanName: def.name, Rules: def.rules }, Selections: def.selection });
    const daily = def.rules[def.rules.length - 1];
    const target = vaults.find((v) => v.BackupVaultName === daily?.TargetBackupVaultName) ?? vaults[2];
    if (!daily || !target) continue;
    const copyArn = daily.CopyActions?.[0]?.DestinationBackupVaultArn;
    rules[def.tier] = {
      vault: target,
      createdBy: { BackupPlanId: id, BackupPlanArn: arn, BackupPlanName: def.name, BackupRuleId: daily.RuleId, BackupRuleName: daily.RuleName, BackupRuleCron: daily.ScheduleExpression },
      ...(copyArn ? { copyTo: { ...target, BackupVaultArn: copyArn } } : {}),
    };
  }
  const restorePlanName = 'scale_weekly_restore_tests';
  const restorePlan: RestoreTestingPlan = {
    RestoreTestingPlanName: restorePlanName,
    RestoreTestingPlanArn: `arn:aws:backup:${region}:${account}:restore-testing-plan:${restorePlanName}-${rng.hex(8)}`,
    ScheduleExpression: 'cron(0 4 ? * SUN *)',
    StartWindowHours: 8,
    RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', RecoveryPointTypes: ['SNAPSHOT'], IncludeVaults: ['*'], SelectionWindowDays: 7 },
    Selections: TYPE_CYCLE.filter((t, i) => TYPE_CYCLE.indexOf(t) === i).map((type) => ({
      RestoreTestingPlanName: restorePlanName,
      RestoreTestingSelectionName: `${type.toLowerCase()}_classified`,
      ProtectedResourceType: type,
      ProtectedResourceArns: ['*'],
      ProtectedResourceConditions: { StringNotEquals: [{ Key: 'aws:ResourceTag/DataClassification', Value: 'standard' }] },
      ValidationWindowHours: 4,
    })),
  };
  return { accountId: account, region, other, assets: [], rules, plans, vaults, restorePlan, protectedResources: [] };
}
