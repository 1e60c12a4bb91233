/**
 * A tiny, hand-made organization for unit and view tests: three accounts, a plan selecting by tag, a locked and
 * an unlocked vault, completed/failed/running jobs, passed and failed restore tests, and hostile strings in
 * names, tags and messages. Time is fixed.
 */
import { defaultPolicy } from '@vaultscope/sources';
import { evaluate, type Estate } from '@vaultscope/core';
import { buildOrgData, type OrgData } from '../model/orgData.js';

export const NOW = Date.parse('2026-11-21T06:00:00Z');
export const NOW_ISO = '2026-11-21T06:00:00Z';
const ago = (hours: number): string => new Date(NOW - hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const HOSTILE_NAME = 'evil\u001b[31mred\u001b]0;pwned\u0007\u202Etxt.exe';

/** The tiny estate, captured at NOW. */
export function tinyEstate(): Estate {
  const pay = '222222222222';
  const data = '333333333333';
  const sandbox = '444444444444';
  const region = 'eu-west-1';
  const ddb = (account: string, name: string): string => `arn:aws:dynamodb:${region}:${account}:table/${name}`;
  const vault = (account: string, name: string): string => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
  return {
    format: 'vaultscope.estate/v1',
    capturedAt: NOW_ISO,
    organization: { Id: 'o-tiny', MasterAccountId: '111111111111' },
    accounts: [
      { Id: pay, Name: 'payments-prod', State: 'ACTIVE', OuPath: 'Root/Workloads/Prod' },
      { Id: data, Name: 'data-prod', State: 'ACTIVE', OuPath: 'Root/Workloads/Prod' },
      { Id: sandbox, Name: HOSTILE_NAME, State: 'ACTIVE', OuPath: 'Root/Sandbox' },
    ],
    regions: [
      {
        accountId: pay,
        region,
        assets: [
          { arn: ddb(pay, 'orders'), resourceType: 'DynamoDB', name: 'orders', tags: { DataClassification: 'critical', backup: 'daily' }, attributes: { pointInTimeRecovery: 'ENABLED' } },
          { arn: ddb(pay, 'customers'), resourceType: 'DynamoDB', name: 'customers', tags: { DataClassification: 'critical' }, attributes: { pointInTimeRecovery: 'DISABLED' } },
          { arn: ddb(pay, 'cache-sessions'), resourceType: 'DynamoDB', name: 'cache-sessions', tags: { BackupRequired: 'false' } },
        ],
        backupPlans: [
          {
            BackupPlanId: 'plan-daily',
            BackupPlanArn: `arn:aws:backup:${region}:${pay}:backup-plan:plan-daily`,
            BackupPlan: {
              BackupPlanName: 'prod-hourly',
              Rules: [{ RuleName: 'hourly', TargetBackupVaultName: 'prod-vault', ScheduleExpression: 'cron(0 * ? * * *)', Lifecycle: { DeleteAfterDays: 2555 } }],
            },
            Selections: [{ SelectionId: 'sel-1', BackupSelection: { SelectionName: 'tagged-daily', IamRoleArn: 'arn:aws:iam::222222222222:role/backup', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] } }],
          },
        ],
        backupVaults: [
          { BackupVaultName: 'prod-vault', BackupVaultArn: vault(pay, 'prod-vault'), Locked: true, LockDate: '2025-01-01T00:00:00Z', MinRetentionDays: 7, MaxRetentionDays: 3650, NumberOfRecoveryPoints: 120 },
        ],
        protectedResources: [{ ResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', LastBackupTime: ago(0.5) }],
        restoreTestingPlans: [],
      },
      {
        accountId: data,
        region,
        assets: [{ arn: ddb(data, 'ledger'), resourceType: 'DynamoDB', name: 'ledger', tags: { DataClassification: 'important' } }],
        backupPlans: [],
        backupVaults: [{ BackupVaultName: 'Default', BackupVaultArn: vault(data, 'Default'), NumberOfRecoveryPoints: 0 }],
        protectedResources: [],
      },
      {
        accountId: sandbox,
        region,
        assets: [{ arn: ddb(sandbox, 'scratch'), resourceType: 'DynamoDB', name: `scratch ${HOSTILE_NAME}`, tags: { DataClassification: 'standard', BackupRequired: 'false', note: '\u001b[2Jclear' } }],
        backupPlans: [],
        backupVaults: [],
        protectedResources: [],
      },
    ],
    jobs: {
      backup: [
        { AccountId: pay, Region: region, BackupJobId: 'job-ok-1', ResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', ResourceName: 'orders', BackupVaultName: 'prod-vault', CreationDate: ago(1.5), CompletionDate: ago(1.4), State: 'COMPLETED', MessageCategory: 'SUCCESS', BackupSizeInBytes: 1_200_000_000 },
        { AccountId: pay, Region: region, BackupJobId: 'job-fail-1', ResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', ResourceName: 'orders', BackupVaultName: 'prod-vault', CreationDate: ago(3), CompletionDate: ago(2.9), State: 'FAILED', StatusMessage: `Access denied to arn:aws:iam::222222222222:role/backup ${'\u001b]52;c;ZXZpbA==\u0007'}`, MessageCategory: 'AccessDenied' },
        { AccountId: pay, Region: region, BackupJobId: 'job-run-1', ResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', ResourceName: 'orders', BackupVaultName: 'prod-vault', CreationDate: ago(0.2), State: 'RUNNING', PercentDone: '40.0' },
        { AccountId: data, Region: region, BackupJobId: 'job-exp-1', ResourceArn: ddb(data, 'ledger'), ResourceType: 'DynamoDB', ResourceName: 'ledger', BackupVaultName: 'Default', CreationDate: ago(5), State: 'EXPIRED', StatusMessage: 'Backup job expired before it could start within its start window.', MessageCategory: 'EXPIRED' },
        { AccountId: data, Region: region, BackupJobId: 'job-old-1', ResourceArn: ddb(data, 'ledger'), ResourceType: 'DynamoDB', ResourceName: 'ledger', BackupVaultName: 'Default', CreationDate: ago(100), CompletionDate: ago(99), State: 'COMPLETED', MessageCategory: 'SUCCESS' },
      ],
      copy: [],
      restore: [
        { AccountId: pay, Region: region, RestoreJobId: 'restore-pass-1', SourceResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', CreationDate: ago(30), CompletionDate: ago(29.5), Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', CreatedBy: { RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:222222222222:restore-testing-plan:weekly' } },
        { AccountId: pay, Region: region, RestoreJobId: 'restore-fail-1', SourceResourceArn: ddb(pay, 'orders'), ResourceType: 'DynamoDB', CreationDate: ago(60), CompletionDate: ago(57), Status: 'COMPLETED', ValidationStatus: 'FAILED', ValidationStatusMessage: 'row count mismatch', CreatedBy: { RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:222222222222:restore-testing-plan:weekly' } },
      ],
      since: ago(30 * 24),
    },
  };
}

/** The tiny estate evaluated under the default policy at NOW and indexed for the views. */
export function tinyOrgData(estate: Estate = tinyEstate(), now = NOW): OrgData {
  const { policy } = defaultPolicy();
  return buildOrgData(estate, evaluate(estate, policy, new Date(now)), 'demo');
}
