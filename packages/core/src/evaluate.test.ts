import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Asset, BackupPlan, Estate, RegionObservation } from './estate/schema.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './policy/parse.js';
import type { Posture } from './posture/schema.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ACCT = '222222222222';
const BACKUP_ACCT = '999999999999';
const REGION = 'eu-central-1';
// The bundled default policy ships with @vaultscope/sources (core parses text, it reads no files).
const { policy } = parsePolicy(readFileSync(new URL('../../sources/assets/default-policy.yaml', import.meta.url), 'utf8'), 'default policy');
const ago = (hours: number): string => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const table = (name: string, tags: Record<string, string>, pitr: 'ENABLED' | 'DISABLED' = 'ENABLED'): Asset => ({
  arn: `arn:aws:dynamodb:${REGION}:${ACCT}:table/${name}`,
  resourceType: 'DynamoDB',
  name,
  tags,
  attributes: { pointInTimeRecovery: pitr },
});

/** A plan that satisfies the critical class: continuous + hourly, 7 years, copies to another Region and account. */
const goldPlan = (selection: BackupPlan['Selections']): BackupPlan => ({
  BackupPlanId: 'gold',
  BackupPlan: {
    BackupPlanName: 'gold',
    Rules: [
      {
        RuleName: 'continuous',
        TargetBackupVaultName: 'locked',
        EnableContinuousBackup: true,
        Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [
          { DestinationBackupVaultArn: `arn:aws:backup:eu-west-1:${ACCT}:backup-vault:dr`, Lifecycle: { DeleteAfterDays: 2555 } },
          { DestinationBackupVaultArn: `arn:aws:backup:${REGION}:${BACKUP_ACCT}:backup-vault:central`, Lifecycle: { DeleteAfterDays: 2555 } },
        ],
      },
      { RuleName: 'hourly', TargetBackupVaultName: 'locked', ScheduleExpression: 'cron(0 * ? * * *)', Lifecycle: { DeleteAfterDays: 35 } },
    ],
  },
  Selections: selection,
});

function estateWith(obs: Partial<RegionObservation>, extra: Partial<Estate> = {}): Estate {
  return {
    format: 'vaultscope.estate/v1',
    capturedAt: NOW.toISOString(),
    accounts: [
      { Id: ACCT, Name: 'payments-prod', State: 'ACTIVE' },
      { Id: BACKUP_ACCT, Name: 'backup', State: 'ACTIVE' },
    ],
    regions: [
      {
        accountId: ACCT,
        region: REGION,
        assets: [],
        backupPlans: [],
        backupVaults: [
          { BackupVaultName: 'locked', BackupVaultArn: `arn:aws:backup:${REGION}:${ACCT}:backup-vault:locked`, Locked: true, LockDate: ago(1000) },
          { BackupVaultName: 'open', BackupVaultArn: `arn:aws:backup:${REGION}:${ACCT}:backup-vault:open`, Locked: false },
        ],
        protectedResources: [],
        restoreTestingPlans: [],
        ...obs,
      },
      { accountId: BACKUP_ACCT, region: REGION, assets: [], backupVaults: [{ BackupVaultName: 'central', BackupVaultArn: `arn:aws:backup:${REGION}:${BACKUP_ACCT}:backup-vault:central`, VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' }] },
    ],
    jobs: { backup: [], copy: [], restore: [] },
    ...extra,
  };
}

const checksOf = (posture: Posture, name: string): string[] =>
  posture.findings.filter((f) => f.resourceArn !== undefined && /[/:]([^/:]+)$/.exec(f.resourceArn)?.[1] === name).map((f) => f.check).sort();

const restoreTestingPlan = (arns: string[]): NonNullable<RegionObservation['restoreTestingPlans']>[number] => ({
  RestoreTestingPlanName: 'daily_tests',
  RestoreTestingPlanArn: `arn:aws:backup:${REGION}:${ACCT}:restore-testing-plan:daily_tests-1`,
  Selections: [{ RestoreTestingSelectionName: 'tables', ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: arns }],
});

describe('evaluate', () => {
  it('finds nothing wrong with a critical table that meets every requirement', () => {
    const asset = table('ledger', { DataClassification: 'critical' });
    const estate = estateWith(
      {
        assets: [asset],
        backupPlans: [goldPlan([{ SelectionId: 's1', BackupSelection: { SelectionName: 'all-tables', Resources: ['arn:aws:dynamodb:*:*:table/*'] } }])],
        protectedResources: [{ ResourceArn: asset.arn, LastBackupTime: ago(0.2) }],
        restoreTestingPlans: [restoreTestingPlan(['*'])],
        // DynamoDB copies across Regions and accounts only with AWS Backup advanced features (Feature availability).
        regionSettings: { ResourceTypeManagementPreference: { DynamoDB: true } },
      },
      {
        jobs: {
          backup: [],
          copy: [],
          restore: [
            { AccountId: ACCT, RestoreJobId: 'r1', SourceResourceArn: asset.arn, CreationDate: ago(30), CompletionDate: ago(29.5), Status: 'COMPLETED', ValidationStatus: 'SUCCESSFUL', CreatedBy: { RestoreTestingPlanArn: 'arn:x' } },
          ],
        },
      },
    );
    const posture = evaluate(estate, policy, NOW);
    expect(checksOf(posture, 'ledger')).toEqual([]);
    const a = posture.assets[0]!;
    expect(a.coverage).toMatchObject({
      state: 'PROTECTED',
      selectedBy: [{ planId: 'gold', selectionId: 's1', clause: expect.stringContaining('arn:aws:dynamodb:*:*:table/*'), rules: ['continuous', 'hourly'] }],
      frequencyHours: 1,
      retentionDays: 2555,
      copyRegions: ['eu-west-1'],
      copyAccounts: [BACKUP_ACCT],
      restoreTested: true,
    });
    expect(a.coverage.vaults.find((v) => v.name === 'locked')?.lock).toBe('compliance');
    expect(a.coverage.vaults.find((v) => v.name === 'central')?.airGapped).toBe(true);
    expect(posture.summary.coverage).toMatchObject({ required: 1, covered: 1, protected: 1, coveragePct: 1 });
    expect(posture.summary.restoreTests).toMatchObject({ total: 1, passed: 1, passRate: 1 });
    expect(posture.summary.objectives.rto).toMatchObject({ measured: 1, met: 1 });
  });

  it('credits continuous backup only to the resource types AWS Backup runs it for', () => {
    const daily: BackupPlan = {
      BackupPlanId: 'pitr-daily',
      BackupPlan: {
        BackupPlanName: 'pitr-daily',
        Rules: [{ RuleName: 'daily-pitr', TargetBackupVaultName: 'locked', ScheduleExpression: 'cron(0 5 ? * * *)', EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } }],
      },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'all', Resources: ['*'] } }],
    };
    const db: Asset = { arn: `arn:aws:rds:${REGION}:${ACCT}:db:ledger`, resourceType: 'RDS', name: 'ledger', tags: { DataClassification: 'critical' } };
    const posture = evaluate(estateWith({ assets: [table('orders', { DataClassification: 'critical' }), db], backupPlans: [daily] }), policy, NOW);
    const [orders, ledger] = posture.assets;
    // DynamoDB has no AWS Backup continuous backup: the rule takes a daily snapshot, which misses a 1 h RPO.
    expect(orders!.coverage).toMatchObject({ frequencyHours: 24 });
    expect(orders!.coverage.continuous).toBeUndefined();
    expect(checksOf(posture, 'orders')).toContain('backup.frequency-exceeds-rpo');
    expect(ledger!.coverage).toMatchObject({ continuous: true, frequencyHours: 5 / 60 });
    expect(checksOf(posture, 'ledger')).not.toContain('backup.frequency-exceeds-rpo');
  });

  it('treats a rule whose schedule has ended as never running, judged from the evaluation time', () => {
    const ended: BackupPlan = {
      BackupPlanId: 'ended',
      BackupPlan: { BackupPlanName: 'ended', Rules: [{ RuleName: 'till-2025', TargetBackupVaultName: 'locked', ScheduleExpression: 'cron(0 * ? * * 2024-2025)', Lifecycle: { DeleteAfterDays: 2555 } }] },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'all', Resources: ['*'] } }],
    };
    const posture = evaluate(estateWith({ assets: [table('orders', { DataClassification: 'critical' })], backupPlans: [ended] }), policy, NOW);
    const f = posture.findings.find((x) => x.check === 'backup.frequency-exceeds-rpo');
    expect(f?.message).toContain('no covering rule runs again (ended/till-2025');
    // The same plan in 2024 ran hourly.
    const then = new Date('2024-06-01T00:00:00Z');
    const earlier = evaluate(estateWith({ assets: [table('orders', { DataClassification: 'critical' })], backupPlans: [ended] }), policy, then);
    expect(earlier.assets[0]!.coverage.frequencyHours).toBe(1);
  });

  it('fires the protection checks on a weak plan', () => {
    const asset = table('orders', { DataClassification: 'critical' }, 'DISABLED');
    const weak: BackupPlan = {
      BackupPlanId: 'weak',
      BackupPlan: { BackupPlanName: 'weak', Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'open', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'tagged', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'DataClassification', ConditionValue: 'critical' }] } }],
    };
    const posture = evaluate(estateWith({ assets: [asset], backupPlans: [weak], protectedResources: [{ ResourceArn: asset.arn, LastBackupTime: ago(20) }] }), policy, NOW);
    expect(checksOf(posture, 'orders')).toEqual([
      'backup.frequency-exceeds-rpo',
      'backup.no-cross-account-copy',
      'backup.no-cross-region-copy',
      'backup.recovery-point-stale',
      'backup.retention-below-policy',
      'backup.vault-not-locked',
      'dynamodb.pitr-disabled',
      'restore.not-tested',
    ]);
    expect(posture.assets[0]!.coverage).toMatchObject({ state: 'STALE', frequencyHours: 24, retentionDays: 35 });
    const freq = posture.findings.find((f) => f.check === 'backup.frequency-exceeds-rpo')!;
    expect(freq).toMatchObject({ severity: 'high', dora: ['Art. 12(1)(a)', 'Art. 12(6)'] });
    expect(posture.findings.find((f) => f.check === 'dynamodb.pitr-disabled')!.remediation).toBe(
      "aws dynamodb update-continuous-backups --region eu-central-1 --table-name 'orders' --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
    );
  });

  it('reports a required asset in no plan, and an opt-in-blocked one, as not-in-plan with their states', () => {
    const unprotected = table('customers', {});
    const blocked = table('accounts-prod', { backup: 'yes' });
    const plan: BackupPlan = {
      BackupPlanId: 'p',
      BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'open' }] },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'tag', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes' }] } }],
    };
    const posture = evaluate(
      estateWith({ assets: [unprotected, blocked], backupPlans: [plan], regionSettings: { ResourceTypeOptInPreference: { DynamoDB: false } } }),
      policy,
      NOW,
    );
    expect(posture.assets.map((a) => a.coverage.state)).toEqual(['UNPROTECTED', 'OPT_IN_BLOCKED']);
    expect(checksOf(posture, 'customers')).toContain('backup.not-in-plan');
    expect(checksOf(posture, 'accounts-prod')).toContain('backup.not-in-plan');
    const f = posture.findings.find((x) => x.check === 'backup.not-in-plan' && x.resourceArn === unprotected.arn)!;
    expect(f.severity).toBe('high'); // important class: one step below critical
    expect(f.remediation).toContain("aws backup create-backup-selection --region eu-central-1 --backup-plan-id 'p'");
    expect(posture.summary.coverage).toMatchObject({ required: 2, covered: 0, coveragePct: 0 });
    // Not in any plan is an RPO missed, not an RPO left out of the figure.
    expect(posture.summary.objectives.rpo).toMatchObject({ measured: 2, met: 0, attainment: 0 });
  });

  it('flags a selected bucket without versioning, never protected', () => {
    const bucket: Asset = { arn: 'arn:aws:s3:::kyc-documents', resourceType: 'S3', name: 'kyc-documents', tags: {}, attributes: {} };
    const plan: BackupPlan = {
      BackupPlanId: 'p',
      BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'locked', ScheduleExpression: 'cron(0 */4 ? * * *)' }] },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'buckets', Resources: ['arn:aws:s3:::kyc-*'] } }],
    };
    const posture = evaluate(estateWith({ assets: [bucket], backupPlans: [plan] }), policy, NOW);
    expect(posture.assets[0]!.coverage.state).toBe('SELECTED_NOT_PROTECTED');
    expect(checksOf(posture, 'kyc-documents')).toEqual(expect.arrayContaining(['s3.versioning-disabled', 'backup.selected-never-protected']));
    expect(posture.assets[0]!.coverage.retentionNeverExpires).toBe(true);
    expect(checksOf(posture, 'kyc-documents')).not.toContain('backup.retention-below-policy');
  });

  it('judges job failures and restore tests within the window only', () => {
    const asset = table('payments', { DataClassification: 'important' });
    const job = (id: string, hoursAgo: number, state: string, category?: string) => ({
      AccountId: ACCT, BackupJobId: id, ResourceArn: asset.arn, CreationDate: ago(hoursAgo), State: state, ...(category ? { MessageCategory: category } : {}),
    });
    const test = (id: string, hoursAgo: number, durationH: number, status: string, validation?: string) => ({
      AccountId: ACCT, RestoreJobId: id, SourceResourceArn: asset.arn, CreationDate: ago(hoursAgo), CompletionDate: ago(hoursAgo - durationH),
      Status: status, ...(validation ? { ValidationStatus: validation } : {}), CreatedBy: { RestoreTestingPlanArn: 'arn:x' },
    });
    const estate = estateWith(
      { assets: [asset], restoreTestingPlans: [restoreTestingPlan([asset.arn])] },
      {
        jobs: {
          backup: [job('old', 24 * 40, 'FAILED'), job('ok', 10, 'COMPLETED', 'SUCCESS'), job('issues', 30, 'COMPLETED', 'AccessDenied'), job('exp', 50, 'EXPIRED')],
          copy: [],
          restore: [test('slow', 100, 6, 'COMPLETED', 'SUCCESSFUL'), test('bad', 200, 1, 'COMPLETED', 'FAILED'), test('gone', 24 * 45, 1, 'FAILED')],
        },
      },
    );
    const posture = evaluate(estate, policy, NOW);
    const failures = posture.findings.find((f) => f.check === 'backup.job-failures')!;
    expect(failures.evidence).toMatchObject({ count: 2, latestJobId: 'issues' });
    expect(posture.findings.filter((f) => f.check === 'restore.test-failed').map((f) => f.evidence?.restoreJobId)).toEqual(['bad']);
    expect(posture.findings.filter((f) => f.check === 'restore.time-exceeds-rto').map((f) => f.evidence?.restoreJobId)).toEqual(['slow']);
    expect(checksOf(posture, 'payments')).not.toContain('restore.not-tested'); // "slow" passed validation
    expect(posture.summary.jobs.backup).toMatchObject({ total: 3, completed: 2, completedWithIssues: 1, expired: 1 });
    expect(posture.summary.restoreTests).toMatchObject({ total: 2, passed: 1, failed: 1, passRate: 0.5 });
    expect(posture.summary.objectives.rto).toMatchObject({ measured: 2, met: 1 });
  });

  it('never passes what it could not observe', () => {
    const asset = table('ledger', { DataClassification: 'critical' });
    const plan: BackupPlan = { BackupPlanId: 'p', BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'open' }] } };
    const estate = estateWith({ assets: [asset], backupPlans: [plan], restoreTestingPlans: undefined, protectedResources: undefined }, { jobs: undefined });
    const posture = evaluate(estate, policy, NOW);
    expect(posture.assets[0]!.coverage.state).toBe('UNKNOWN');
    expect(checksOf(posture, 'ledger')).toEqual([]);
    expect(posture.notEvaluated.map((n) => n.check).sort()).toEqual(['backup.job-failures', 'backup.job-failures', 'backup.not-in-plan', 'restore.not-tested']);
    // Zero jobs counted, but the summary says they were not observed rather than that none ran.
    expect(posture.summary.jobs.observed).toEqual({ backup: false, copy: false, restore: false });
  });

  it('applies plans only in their own account and Region, counts EFS automatic backups and orgs/ plans', () => {
    const efs: Asset = { arn: `arn:aws:elasticfilesystem:${REGION}:${ACCT}:file-system/fs-1`, resourceType: 'EFS', name: 'shared-prod', tags: {}, attributes: { efsAutomaticBackups: 'ENABLED' } };
    const other = table('customers', {});
    const orgPlan: BackupPlan = {
      BackupPlanId: 'orgs/1234',
      BackupPlanArn: `arn:aws:backup:${REGION}:${ACCT}:backup-plan:orgs/1234`,
      BackupPlan: { BackupPlanName: 'org-baseline', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'open' }] },
      Selections: [{ SelectionId: 'o', BackupSelection: { SelectionName: 'org', Resources: [`arn:aws:dynamodb:*:*:table/customers`] } }],
    };
    const elsewhere = estateWith({ assets: [efs, other] });
    elsewhere.regions.push({ accountId: ACCT, region: 'eu-west-1', assets: [], backupPlans: [orgPlan] });
    const p1 = evaluate(elsewhere, policy, NOW);
    expect(p1.assets.map((a) => a.coverage.state)).toEqual(['SELECTED_NOT_PROTECTED', 'UNPROTECTED']);
    expect(p1.assets[0]!.coverage).toMatchObject({ selectedBy: [{ planId: 'aws/efs/automatic-backup-plan' }], frequencyHours: 24, retentionDays: 35 });

    const here = estateWith({ assets: [other], backupPlans: [orgPlan] });
    expect(evaluate(here, policy, NOW).assets[0]!.coverage.selectedBy[0]).toMatchObject({ planId: 'orgs/1234', planName: 'org-baseline' });
  });

  it('does not conclude from attributes whose reading was refused', () => {
    const bucket: Asset = { arn: 'arn:aws:s3:::kyc-documents', resourceType: 'S3', name: 'kyc-documents', tags: {}, attributes: {} };
    const efs: Asset = { arn: `arn:aws:elasticfilesystem:${REGION}:${ACCT}:file-system/fs-1`, resourceType: 'EFS', name: 'ledger-exports', tags: { BackupRequired: 'true' } };
    const plan: BackupPlan = {
      BackupPlanId: 'p',
      BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'locked' }] },
      Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 'buckets', Resources: ['arn:aws:s3:::*'] } }],
    };
    const denied = (operation: string, resource: string) => ({ service: 'x', operation, resource, code: 'AccessDenied', message: 'not authorized' });
    const estate = estateWith({
      assets: [bucket, efs],
      backupPlans: [plan],
      errors: [
        // Folded as the AWS source records repeats: the bucket is the second resource of the entry.
        { ...denied('GetBucketVersioning', 'arn:aws:s3:::other'), resources: ['arn:aws:s3:::other', bucket.arn] },
        denied('GetBucketTagging', bucket.arn),
        denied('DescribeBackupPolicy', efs.arn),
      ],
    });
    const posture = evaluate(estate, policy, NOW);
    // Versioning unread is not versioning off; an EFS whose backup policy is unread may have automatic backups.
    expect(checksOf(posture, 'kyc-documents')).not.toContain('s3.versioning-disabled');
    expect(posture.assets[1]!.coverage.state).toBe('UNKNOWN');
    expect(checksOf(posture, 'ledger-exports')).not.toContain('backup.not-in-plan');
    const reasons = posture.notEvaluated.map((n) => `${n.check}: ${n.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        's3.versioning-disabled: versioning not observed (x:GetBucketVersioning AccessDenied)',
        expect.stringMatching(/^classification: tags not observed \(x:GetBucketTagging AccessDenied\)/),
        expect.stringMatching(/^backup.not-in-plan: backupPolicy not observed/),
      ]),
    );
  });

  it('marks a selected asset UNKNOWN, not unprotected, when no recovery evidence was observed', () => {
    const asset = table('ledger', { DataClassification: 'critical' });
    const estate = estateWith(
      { assets: [asset], backupPlans: [goldPlan([{ SelectionId: 's', BackupSelection: { SelectionName: 'all', Resources: ['*'] } }])], protectedResources: undefined },
      { jobs: undefined },
    );
    const posture = evaluate(estate, policy, NOW);
    expect(posture.assets[0]!.coverage).toMatchObject({ state: 'UNKNOWN', selectedBy: [{ planId: 'gold' }] });
    expect(checksOf(posture, 'ledger')).not.toContain('backup.selected-never-protected');
    expect(posture.notEvaluated.map((n) => n.check)).toContain('backup.selected-never-protected');
  });

  it('lists account/Regions that were never observed in notEvaluated', () => {
    const estate = estateWith({});
    estate.accounts.push({ Id: '333333333333', Name: 'sandbox', State: 'ACTIVE' });
    estate.errors = [
      { service: 'sts', operation: 'AssumeRole', code: 'RegionDisabledException', message: 'STS is not activated', accountId: ACCT, region: 'eu-west-1' },
      { service: 'sts', operation: 'AssumeRole', code: 'AccessDenied', message: 'denied', accountId: '333333333333' },
    ];
    const posture = evaluate(estate, policy, NOW);
    expect(posture.notEvaluated).toEqual(
      expect.arrayContaining([
        { check: '*', scope: `${ACCT}/eu-west-1`, reason: 'not observed: sts:AssumeRole RegionDisabledException' },
        { check: '*', scope: '333333333333 (sandbox)', reason: 'not observed: sts:AssumeRole AccessDenied' },
      ]),
    );
    const disabled = posture.findings.find((f) => f.check === 'discovery.incomplete' && f.evidence?.code === 'RegionDisabledException');
    expect(disabled?.remediation).toContain('Activate the STS regional endpoint for eu-west-1');
  });

  it('treats a standalone account as a note, and words each fault\'s remediation by its code', () => {
    const estate = estateWith({
      errors: [
        { service: 'backup', operation: 'ListBackupSelections', code: 'NotImplemented', message: 'not implemented' },
        { service: 'rds', operation: 'DescribeDBInstances', code: 'UnexpectedResponse', message: 'HTML page (HTTP 500)' },
      ],
    });
    estate.errors = [{ service: 'organizations', operation: 'DescribeOrganization', code: 'AWSOrganizationsNotInUseException', message: 'not in an organization', accountId: ACCT }];
    const posture = evaluate(estate, policy, NOW);
    const discovery = posture.findings.filter((f) => f.check === 'discovery.incomplete');
    expect(discovery.map((f) => f.evidence?.code).sort()).toEqual(['NotImplemented', 'UnexpectedResponse']);
    expect(discovery.find((f) => f.evidence?.code === 'NotImplemented')?.remediation).toMatch(/^Nothing to grant/);
    expect(discovery.find((f) => f.evidence?.code === 'UnexpectedResponse')?.remediation).toContain('AWS_ENDPOINT_URL_RDS');
    expect(posture.summary.incompleteDiscovery).toBe(true);
    const alone = estateWith({});
    alone.errors = estate.errors;
    expect(evaluate(alone, policy, NOW).summary.incompleteDiscovery).toBe(false);
  });

  it('turns collection errors and unobserved accounts into discovery.incomplete', () => {
    const estate = estateWith({
      errors: [{ service: 's3', operation: 'GetBucketTagging', resource: 'arn:aws:s3:::b', code: 'AccessDenied', message: 'not authorized' }],
    });
    estate.accounts.push({ Id: '333333333333', Name: 'sandbox', State: 'ACTIVE' });
    estate.errors = [{ service: 'organizations', operation: 'ListTagsForResource', code: 'TooManyRequestsException', message: 'Rate exceeded' }];
    const posture = evaluate(estate, policy, NOW);
    const discovery = posture.findings.filter((f) => f.check === 'discovery.incomplete');
    expect(discovery).toHaveLength(3);
    expect(discovery.map((f) => f.accountId).sort()).toEqual([ACCT, '333333333333', 'organization']);
    expect(posture.summary.incompleteDiscovery).toBe(true);
  });

  it('is deterministic and gives stable finding ids', () => {
    const estate = estateWith({ assets: [table('customers', {})] });
    const a = evaluate(estate, policy, NOW);
    const b = evaluate(structuredClone(estate), policy, NOW);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.findings[0]!.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
