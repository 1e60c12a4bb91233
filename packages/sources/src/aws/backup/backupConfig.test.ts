/**
 * AWS Backup configuration adapters with aws-sdk-client-mock (moto lacks selections, restore testing,
 * protected resources, frameworks and Region settings). Responses follow the AWS API reference shapes; lists
 * are multi-page and keyed by NextToken, so token forwarding is really exercised.
 */
import {
  BackupClient,
  DescribeFrameworkCommand,
  DescribeRegionSettingsCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetRestoreTestingPlanCommand,
  GetRestoreTestingSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListFrameworksCommand,
  ListProtectedResourcesCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorSink } from '../errors.js';
import type { RegionScope } from '../scope.js';
import { listBackupPlans } from './plans.js';
import { listRestoreTestingPlans } from './restoreTesting.js';
import { describeRegionSettings, listFrameworks } from './settings.js';
import { listBackupVaults, listProtectedResources } from './vaults.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const backupMock = mockClient(BackupClient);
const client = new BackupClient({ region: 'eu-west-1' });
const ACCOUNT = '222222222222';
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

let scope: RegionScope;
beforeEach(() => {
  backupMock.reset();
  scope = { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', errors: new ErrorSink({ accountId: ACCOUNT, region: 'eu-west-1' }) };
});

/** Serves `pages` keyed by the request's NextToken (first page: no token) and records the tokens asked for. */
function pagesByToken<T>(pages: Record<string, T>, seen: Array<string | undefined> = []) {
  return (input: { NextToken?: string }) => {
    seen.push(input.NextToken);
    const page = pages[input.NextToken ?? 'first'];
    if (!page) throw new Error(`unexpected NextToken ${input.NextToken}`);
    return page;
  };
}

const planArn = (id: string) => `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-plan:${id}`;

describe('listBackupPlans', () => {
  it('reads every plan, its rules and every selection with its full criteria', async () => {
    const planTokens: Array<string | undefined> = [];
    backupMock.on(ListBackupPlansCommand).callsFake(
      pagesByToken(
        {
          first: {
            BackupPlansList: [{ BackupPlanId: 'plan-1', BackupPlanArn: planArn('plan-1'), BackupPlanName: 'critical-hourly', VersionId: 'v1', CreationDate: new Date('2026-01-01T00:00:00Z') }],
            NextToken: 'plans-2',
          },
          'plans-2': { BackupPlansList: [{ BackupPlanId: 'plan-2', BackupPlanArn: planArn('plan-2'), BackupPlanName: 'daily', VersionId: 'v7' }] },
        },
        planTokens,
      ),
    );
    backupMock.on(GetBackupPlanCommand).callsFake((input: { BackupPlanId: string }) => ({
      BackupPlanId: input.BackupPlanId,
      BackupPlanArn: planArn(input.BackupPlanId),
      VersionId: 'v1',
      CreationDate: new Date('2026-01-01T00:00:00Z'),
      BackupPlan: {
        BackupPlanName: input.BackupPlanId === 'plan-1' ? 'critical-hourly' : 'daily',
        Rules: [
          {
            RuleName: 'hourly',
            RuleId: 'rule-1',
            TargetBackupVaultName: 'payments-vault',
            ScheduleExpression: 'cron(0 * ? * * *)',
            ScheduleExpressionTimezone: 'Etc/UTC',
            StartWindowMinutes: 60,
            CompletionWindowMinutes: 180,
            Lifecycle: { DeleteAfterDays: 2555, MoveToColdStorageAfterDays: 30 },
            CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${ACCOUNT}:backup-vault:dr`, Lifecycle: { DeleteAfterDays: 365 } }],
            EnableContinuousBackup: false,
          },
        ],
      },
    }));
    const selectionTokens: Array<string | undefined> = [];
    backupMock.on(ListBackupSelectionsCommand).callsFake((input: { BackupPlanId: string; NextToken?: string }) => {
      selectionTokens.push(`${input.BackupPlanId}:${input.NextToken ?? ''}`);
      if (input.BackupPlanId === 'plan-2') return { BackupSelectionsList: [] };
      return input.NextToken
        ? { BackupSelectionsList: [{ SelectionId: 'sel-b', SelectionName: 'by-arn', BackupPlanId: 'plan-1', IamRoleArn: 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole' }] }
        : { BackupSelectionsList: [{ SelectionId: 'sel-a', SelectionName: 'by-tag', BackupPlanId: 'plan-1' }], NextToken: 'sel-2' };
    });
    backupMock.on(GetBackupSelectionCommand, { SelectionId: 'sel-a' }).resolves({
      BackupPlanId: 'plan-1',
      SelectionId: 'sel-a',
      CreationDate: new Date('2026-01-02T00:00:00Z'),
      BackupSelection: {
        SelectionName: 'by-tag',
        IamRoleArn: 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole',
        Resources: [],
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'DataClassification', ConditionValue: 'critical' }],
        NotResources: [],
        Conditions: { StringEquals: [], StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/stage', ConditionValue: 'test' }], StringLike: [], StringNotLike: [] },
      },
    });
    backupMock.on(GetBackupSelectionCommand, { SelectionId: 'sel-b' }).resolves({
      BackupPlanId: 'plan-1',
      SelectionId: 'sel-b',
      BackupSelection: {
        SelectionName: 'by-arn',
        IamRoleArn: 'arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole',
        Resources: ['arn:aws:dynamodb:*:*:table/orders*'],
        NotResources: ['arn:aws:dynamodb:*:*:table/orders-tmp'],
      },
    });

    const plans = await listBackupPlans(client, scope);
    expect(planTokens).toEqual([undefined, 'plans-2']);
    expect(selectionTokens.sort()).toEqual(['plan-1:', 'plan-1:sel-2', 'plan-2:']);
    expect(plans).toHaveLength(2);
    const [critical, daily] = plans ?? [];
    expect(critical).toMatchObject({
      BackupPlanId: 'plan-1',
      BackupPlanArn: planArn('plan-1'),
      CreationDate: '2026-01-01T00:00:00.000Z',
      BackupPlan: { BackupPlanName: 'critical-hourly', Rules: [{ RuleName: 'hourly', Lifecycle: { DeleteAfterDays: 2555 } }] },
    });
    expect(critical?.Selections).toEqual([
      {
        SelectionId: 'sel-a',
        CreationDate: '2026-01-02T00:00:00.000Z',
        BackupSelection: expect.objectContaining({
          SelectionName: 'by-tag',
          ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'DataClassification', ConditionValue: 'critical' }],
          Conditions: expect.objectContaining({ StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/stage', ConditionValue: 'test' }] }),
        }),
      },
      { SelectionId: 'sel-b', BackupSelection: expect.objectContaining({ Resources: ['arn:aws:dynamodb:*:*:table/orders*'] }) },
    ]);
    expect(daily?.Selections).toEqual([]);
    expect(scope.errors.list()).toEqual([]);
  });

  it('keeps a plan whose selections are throttled, without Selections (not observed), and records it', async () => {
    backupMock.on(ListBackupPlansCommand).resolves({ BackupPlansList: [{ BackupPlanId: 'plan-1', BackupPlanArn: planArn('plan-1') }] });
    backupMock.on(GetBackupPlanCommand).resolves({
      BackupPlanId: 'plan-1',
      BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default' }] },
    });
    backupMock.on(ListBackupSelectionsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const plans = await listBackupPlans(client, scope);
    expect(plans?.[0]?.Selections).toBeUndefined();
    expect(scope.errors.list()).toEqual([
      { service: 'backup', operation: 'ListBackupSelections', resource: planArn('plan-1'), code: 'ThrottlingException', message: 'Rate exceeded', accountId: ACCOUNT, region: 'eu-west-1' },
    ]);
  });

  it('returns undefined (not observed) when the plans cannot be listed', async () => {
    backupMock.on(ListBackupPlansCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: backup:ListBackupPlans', 403));
    expect(await listBackupPlans(client, scope)).toBeUndefined();
    expect(scope.errors.list()[0]).toMatchObject({ operation: 'ListBackupPlans', code: 'AccessDeniedException' });
  });
});

describe('vaults and protected resources', () => {
  it('lists vaults over pages with their lock fields as ISO dates', async () => {
    const tokens: Array<string | undefined> = [];
    backupMock.on(ListBackupVaultsCommand).callsFake(
      pagesByToken(
        {
          first: {
            BackupVaultList: [
              {
                BackupVaultName: 'payments-vault',
                BackupVaultArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:payments-vault`,
                VaultType: 'BACKUP_VAULT',
                VaultState: 'AVAILABLE',
                CreationDate: new Date('2025-03-01T10:00:00Z'),
                EncryptionKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
                NumberOfRecoveryPoints: 42,
                Locked: true,
                MinRetentionDays: 7,
                MaxRetentionDays: 3650,
                LockDate: new Date('2025-03-04T10:00:00Z'),
                EncryptionKeyType: 'CUSTOMER_MANAGED_KMS_KEY',
              },
            ],
            NextToken: 'v2',
          },
          v2: {
            BackupVaultList: [
              { BackupVaultName: 'lag', BackupVaultArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:lag`, VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', Locked: true },
            ],
          },
        },
        tokens,
      ),
    );
    const vaults = await listBackupVaults(client, scope);
    expect(tokens).toEqual([undefined, 'v2']);
    expect(vaults?.map((v) => [v.BackupVaultName, v.Locked, v.LockDate, v.VaultType])).toEqual([
      ['payments-vault', true, '2025-03-04T10:00:00.000Z', 'BACKUP_VAULT'],
      ['lag', true, undefined, 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'],
    ]);
  });

  it('lists protected resources over pages', async () => {
    backupMock.on(ListProtectedResourcesCommand).callsFake(
      pagesByToken({
        first: {
          Results: [
            {
              ResourceArn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
              ResourceType: 'DynamoDB',
              LastBackupTime: new Date('2026-11-21T05:10:00Z'),
              ResourceName: 'orders',
              LastBackupVaultArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:payments-vault`,
              LastRecoveryPointArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:recovery-point:2e5f1c8a-0000-4d1b-9c3e-0123456789ab`,
            },
          ],
          NextToken: 'p2',
        },
        p2: { Results: [{ ResourceArn: 'arn:aws:s3:::payments-ledger', ResourceType: 'S3', LastBackupTime: new Date('2026-11-20T05:00:00Z') }] },
      }),
    );
    const resources = await listProtectedResources(client, scope);
    expect(resources?.map((r) => [r.ResourceArn, r.LastBackupTime])).toEqual([
      [`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`, '2026-11-21T05:10:00.000Z'],
      ['arn:aws:s3:::payments-ledger', '2026-11-20T05:00:00.000Z'],
    ]);
  });

  it('drops a record without the fields the estate needs and records it', async () => {
    backupMock.on(ListBackupVaultsCommand).resolves({ BackupVaultList: [{ BackupVaultName: 'no-arn' }] });
    expect(await listBackupVaults(client, scope)).toEqual([]);
    expect(scope.errors.list()[0]).toMatchObject({ operation: 'ListBackupVaults', code: 'UnexpectedResponse' });
  });
});

describe('listRestoreTestingPlans', () => {
  it('reads plans and selections (Get for each) over pages', async () => {
    const plan = (name: string) => ({
      RestoreTestingPlanName: name,
      RestoreTestingPlanArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:restore-testing-plan:${name}-8d0f2b`,
      ScheduleExpression: 'cron(0 1 ? * SUN *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowHours: 24,
      CreationTime: new Date('2026-02-01T00:00:00Z'),
    });
    backupMock.on(ListRestoreTestingPlansCommand).callsFake(
      pagesByToken({ first: { RestoreTestingPlans: [plan('weekly_critical')], NextToken: 'rt2' }, rt2: { RestoreTestingPlans: [plan('monthly_all')] } }),
    );
    backupMock.on(GetRestoreTestingPlanCommand).callsFake((input: { RestoreTestingPlanName: string }) => ({
      RestoreTestingPlan: {
        ...plan(input.RestoreTestingPlanName),
        CreatorRequestId: 'req',
        RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7 },
      },
    }));
    const selectionTokens: string[] = [];
    backupMock.on(ListRestoreTestingSelectionsCommand).callsFake((input: { RestoreTestingPlanName: string; NextToken?: string }) => {
      selectionTokens.push(`${input.RestoreTestingPlanName}:${input.NextToken ?? ''}`);
      if (input.RestoreTestingPlanName !== 'weekly_critical') return { RestoreTestingSelections: [] };
      return input.NextToken
        ? { RestoreTestingSelections: [{ RestoreTestingSelectionName: 'rds_sel', ProtectedResourceType: 'RDS', RestoreTestingPlanName: 'weekly_critical' }] }
        : { RestoreTestingSelections: [{ RestoreTestingSelectionName: 'ddb_sel', ProtectedResourceType: 'DynamoDB', RestoreTestingPlanName: 'weekly_critical' }], NextToken: 's2' };
    });
    backupMock.on(GetRestoreTestingSelectionCommand).callsFake((input: { RestoreTestingSelectionName: string }) => ({
      RestoreTestingSelection: {
        RestoreTestingPlanName: 'weekly_critical',
        RestoreTestingSelectionName: input.RestoreTestingSelectionName,
        ProtectedResourceType: input.RestoreTestingSelectionName === 'ddb_sel' ? 'DynamoDB' : 'RDS',
        ProtectedResourceArns: ['*'],
        ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/DataClassification', Value: 'critical' }], StringNotEquals: [] },
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`,
        ValidationWindowHours: 4,
        CreationTime: new Date('2026-02-01T00:00:00Z'),
      },
    }));
    const plans = await listRestoreTestingPlans(client, scope);
    expect(selectionTokens.sort()).toEqual(['monthly_all:', 'weekly_critical:', 'weekly_critical:s2']);
    expect(plans?.map((p) => p.RestoreTestingPlanName)).toEqual(['weekly_critical', 'monthly_all']);
    expect(plans?.[0]?.RecoveryPointSelection).toMatchObject({ Algorithm: 'LATEST_WITHIN_WINDOW', SelectionWindowDays: 7 });
    expect(plans?.[0]?.Selections?.map((s) => [s.RestoreTestingSelectionName, s.ProtectedResourceType, s.ValidationWindowHours])).toEqual([
      ['ddb_sel', 'DynamoDB', 4],
      ['rds_sel', 'RDS', 4],
    ]);
    expect(plans?.[0]?.Selections?.[0]?.ProtectedResourceConditions?.StringEquals).toEqual([{ Key: 'aws:ResourceTag/DataClassification', Value: 'critical' }]);
    expect(plans?.[1]?.Selections).toEqual([]);
  });

  it('keeps the list entry when GetRestoreTestingPlan is refused', async () => {
    backupMock.on(ListRestoreTestingPlansCommand).resolves({
      RestoreTestingPlans: [
        {
          RestoreTestingPlanName: 'p',
          RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:222222222222:restore-testing-plan:p-1',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          CreationTime: new Date('2026-03-01T00:00:00Z'),
        },
      ],
    });
    backupMock.on(GetRestoreTestingPlanCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    backupMock.on(ListRestoreTestingSelectionsCommand).resolves({ RestoreTestingSelections: [] });
    const plans = await listRestoreTestingPlans(client, scope);
    expect(plans).toEqual([
      {
        RestoreTestingPlanName: 'p',
        RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:222222222222:restore-testing-plan:p-1',
        ScheduleExpression: 'cron(0 5 ? * * *)',
        CreationTime: '2026-03-01T00:00:00.000Z',
        Selections: [],
      },
    ]);
    expect(scope.errors.list()[0]).toMatchObject({ operation: 'GetRestoreTestingPlan', code: 'AccessDeniedException' });
  });
});

describe('Region settings and frameworks', () => {
  it('reads the opt-in preferences', async () => {
    backupMock.on(DescribeRegionSettingsCommand).resolves({
      ResourceTypeOptInPreference: { Aurora: true, DynamoDB: true, EBS: true, EFS: true, RDS: true, S3: false },
      ResourceTypeManagementPreference: { DynamoDB: true, EFS: true },
    });
    expect(await describeRegionSettings(client, scope)).toEqual({
      ResourceTypeOptInPreference: { Aurora: true, DynamoDB: true, EBS: true, EFS: true, RDS: true, S3: false },
      ResourceTypeManagementPreference: { DynamoDB: true, EFS: true },
    });
  });

  it('describes every framework over pages', async () => {
    backupMock.on(ListFrameworksCommand).callsFake(
      pagesByToken({
        first: { Frameworks: [{ FrameworkName: 'dora', FrameworkArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:framework:dora-1`, NumberOfControls: 2, DeploymentStatus: 'COMPLETED' }], NextToken: 'f2' },
        f2: { Frameworks: [{ FrameworkName: 'nist', FrameworkArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:framework:nist-1` }] },
      }),
    );
    backupMock.on(DescribeFrameworkCommand).callsFake((input: { FrameworkName: string }) => ({
      FrameworkName: input.FrameworkName,
      FrameworkArn: `arn:aws:backup:eu-west-1:${ACCOUNT}:framework:${input.FrameworkName}-1`,
      FrameworkControls: [
        { ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', ControlInputParameters: [], ControlScope: { ComplianceResourceTypes: ['DynamoDB'] } },
        { ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET', ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '720' }] },
      ],
      CreationTime: new Date('2026-01-01T00:00:00Z'),
      DeploymentStatus: 'COMPLETED',
      FrameworkStatus: 'ACTIVE',
    }));
    const frameworks = await listFrameworks(client, scope);
    expect(frameworks?.map((f) => f.FrameworkName)).toEqual(['dora', 'nist']);
    expect(frameworks?.[0]).toMatchObject({ FrameworkStatus: 'ACTIVE', CreationTime: '2026-01-01T00:00:00.000Z' });
  });

  it('records a throttled ListFrameworks once and leaves frameworks absent', async () => {
    backupMock.on(ListFrameworksCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect(await listFrameworks(client, scope)).toBeUndefined();
    expect(scope.errors.list()).toEqual([expect.objectContaining({ operation: 'ListFrameworks', code: 'ThrottlingException' })]);
  });
});
