import { readFileSync } from 'node:fs';
/**
 * Verdicts on configurations real organizations run, end to end through `evaluate` (issue 9). Each table row cites
 * the AWS documentation page whose behaviour it encodes.
 */
import { describe, expect, it } from 'vitest';
import type { Asset, BackupPlan, BackupSelection, Estate, RegionObservation } from './estate/schema.js';
import { evaluate } from './evaluate.js';
import { parsePolicy } from './policy/parse.js';
import type { Posture, PostureAsset } from './posture/schema.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ACCT = '222222222222';
const REGION = 'eu-west-1';
// The bundled default policy ships with @vaultscope/sources (core parses text, it reads no files).
const { policy } = parsePolicy(readFileSync(new URL('../../sources/assets/default-policy.yaml', import.meta.url), 'utf8'), 'default policy');
const ago = (hours: number): string => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const vaultArn = (name: string, region = REGION, account = ACCT): string => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;

// Explicit tags, so the verdicts do not depend on the policy's name heuristics or service defaults.
const CRITICAL = { DataClassification: 'critical', BackupRequired: 'true' };
const STANDARD = { DataClassification: 'standard', BackupRequired: 'true' };

const instance = (id: string, tags: Record<string, string>, volumes: string[]): Asset => ({
  arn: `arn:aws:ec2:${REGION}:${ACCT}:instance/${id}`, resourceType: 'EC2', name: id, tags, attributes: { attachedVolumeIds: volumes },
});
const volume = (id: string, tags: Record<string, string>, attachedInstanceId?: string): Asset => ({
  arn: `arn:aws:ec2:${REGION}:${ACCT}:volume/${id}`, resourceType: 'EBS', name: id, tags, attributes: attachedInstanceId ? { attachedInstanceId } : {},
});

const plan = (selection: BackupSelection, rule: Partial<BackupPlan['BackupPlan']['Rules'][number]> = {}, id = 'daily'): BackupPlan => ({
  BackupPlanId: id,
  BackupPlan: { BackupPlanName: id, Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 3650 }, ...rule }] },
  Selections: [{ SelectionId: `${id}-sel`, BackupSelection: selection }],
});

function estate(obs: Partial<RegionObservation>, jobs: Estate['jobs'] = { backup: [], copy: [], restore: [] }): Estate {
  return {
    format: 'vaultscope.estate/v1',
    capturedAt: NOW.toISOString(),
    accounts: [{ Id: ACCT, Name: 'ops', State: 'ACTIVE' }],
    regions: [{ accountId: ACCT, region: REGION, assets: [], backupPlans: [], backupVaults: [{ BackupVaultName: 'Default', BackupVaultArn: vaultArn('Default'), Locked: false }], protectedResources: [], restoreTestingPlans: [], ...obs }],
    jobs,
  };
}

const assetOf = (p: Posture, name: string): PostureAsset => {
  const a = p.assets.find((x) => x.name === name);
  if (!a) throw new Error(`no asset ${name}`);
  return a;
};
const findingsOf = (p: Posture, name: string, check?: string) =>
  p.findings.filter((f) => /[/:]([^/:]+)$/.exec(f.resourceArn ?? '')?.[1] === name && (!check || f.check === check));

describe('EBS volumes covered through their EC2 instance', () => {
  // aws-reference §7.0/§7.5: an EC2 backup is an AMI whose snapshots cover every attached volume (Developer Guide,
  // "Resource ARNs": the EC2 recovery point is arn:aws:ec2:region::image/ami-*); selection semantics (instance ARN,
  // tag, instance/*, service pattern, opt-in, NotResources) from "Assign resources with AWS CLI".
  const web = instance('i-0web', { Name: 'web', backup: 'daily', ...STANDARD }, ['vol-0root', 'vol-0data']);
  const volumes = [volume('vol-0root', STANDARD, 'i-0web'), volume('vol-0data', STANDARD)]; // data volume known only from the instance side
  const protectedInstance = [{ ResourceArn: web.arn, ResourceType: 'EC2', LastBackupTime: ago(5) }];

  const rows: Array<{ name: string; selection: BackupSelection; optIn?: Record<string, boolean>; state: string; optInRequired?: string }> = [
    { name: 'instance ARN', selection: { SelectionName: 's', Resources: [web.arn] }, state: 'PROTECTED' },
    { name: 'instance tag (ListOfTags)', selection: { SelectionName: 's', ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }, state: 'PROTECTED' },
    { name: 'instance/* pattern, even with EC2 not opted in', selection: { SelectionName: 's', Resources: ['arn:aws:ec2:*:*:instance/*'] }, optIn: { EC2: false, EBS: false }, state: 'PROTECTED' },
    { name: 'service pattern arn:aws:ec2:* with EC2 opted in', selection: { SelectionName: 's', Resources: ['arn:aws:ec2:*'] }, optIn: { EC2: true, EBS: false }, state: 'PROTECTED' },
    { name: 'service pattern arn:aws:ec2:* with EC2 not opted in', selection: { SelectionName: 's', Resources: ['arn:aws:ec2:*'] }, optIn: { EC2: false, EBS: false }, state: 'OPT_IN_BLOCKED', optInRequired: 'EC2' },
    { name: 'instance excluded by NotResources', selection: { SelectionName: 's', Resources: ['arn:aws:ec2:*:*:instance/*'], NotResources: [web.arn] }, state: 'UNPROTECTED' },
    { name: 'a selection of other instances', selection: { SelectionName: 's', Resources: [`arn:aws:ec2:${REGION}:${ACCT}:instance/i-0other`] }, state: 'UNPROTECTED' },
  ];

  it.each(rows)('volume state when the plan selects by $name', ({ selection, optIn, state, optInRequired }) => {
    const p = evaluate(
      estate({ assets: [web, ...volumes], backupPlans: [plan(selection)], protectedResources: protectedInstance, ...(optIn ? { regionSettings: { ResourceTypeOptInPreference: optIn } } : {}) }),
      policy,
      NOW,
    );
    for (const name of ['vol-0root', 'vol-0data']) {
      const v = assetOf(p, name);
      expect(v.coverage.state).toBe(state);
      const notInPlan = findingsOf(p, name, 'backup.not-in-plan');
      if (state === 'PROTECTED') {
        expect(v.coverage.coveredThrough).toEqual({ arn: web.arn, resourceType: 'EC2', name: 'i-0web' });
        expect(v.coverage.selectedBy[0]).toMatchObject({ planName: 'daily', through: web.arn });
        expect(v.coverage.lastRecoveryPointAt).toBe(ago(5));
        expect(notInPlan).toEqual([]);
      } else {
        expect(v.coverage.coveredThrough).toBeUndefined();
        expect(notInPlan).toHaveLength(1);
      }
      if (optInRequired) {
        expect(v.coverage.optInRequired).toBe(optInRequired);
        expect(notInPlan[0]?.remediation).toContain(`--resource-type-opt-in-preference ${optInRequired}=true`);
      }
      if (state === 'UNPROTECTED') {
        expect(notInPlan[0]?.message).toContain('nor is its instance i-0web');
        expect(notInPlan[0]?.remediation).toContain(web.arn); // the fix selects the instance, which covers every volume
      }
    }
  });

  it("judges the volume by the instance's recovery point: an old AMI makes the volume STALE", () => {
    const p = evaluate(estate({ assets: [web, ...volumes], backupPlans: [plan({ SelectionName: 's', Resources: [web.arn] })], protectedResources: [{ ResourceArn: web.arn, LastBackupTime: ago(60) }] }), policy, NOW);
    expect(assetOf(p, 'vol-0root').coverage.state).toBe('STALE');
    expect(findingsOf(p, 'vol-0root', 'backup.recovery-point-stale')).toHaveLength(1);
  });

  it('leaves a detached volume, and a volume of an unobserved instance, UNPROTECTED', () => {
    const p = evaluate(
      estate({ assets: [web, volume('vol-0loose', STANDARD), volume('vol-0orphan', STANDARD, 'i-0gone')], backupPlans: [plan({ SelectionName: 's', Resources: ['arn:aws:ec2:*:*:instance/*'] })], protectedResources: protectedInstance }),
      policy,
      NOW,
    );
    expect(assetOf(p, 'vol-0loose').coverage.state).toBe('UNPROTECTED');
    expect(assetOf(p, 'vol-0orphan').coverage.state).toBe('UNPROTECTED');
    expect(assetOf(p, 'i-0web').coverage.state).toBe('PROTECTED');
  });

  it("reads the instance's job failures as the volume's", () => {
    const failed = { AccountId: ACCT, BackupJobId: 'job-1', ResourceArn: web.arn, ResourceType: 'EC2', CreationDate: ago(20), State: 'FAILED', StatusMessage: 'snapshot quota exceeded' };
    const p = evaluate(estate({ assets: [web, ...volumes], backupPlans: [plan({ SelectionName: 's', Resources: [web.arn] })], protectedResources: protectedInstance }, { backup: [failed], copy: [], restore: [] }), policy, NOW);
    expect(findingsOf(p, 'vol-0data', 'backup.job-failures')[0]?.message).toContain('snapshot quota exceeded');
  });
});

describe('copies AWS cannot make', () => {
  // "Feature availability" by resource: DynamoDB copies only with AWS Backup advanced features.
  const table: Asset = { arn: `arn:aws:dynamodb:${REGION}:${ACCT}:table/ledger`, resourceType: 'DynamoDB', name: 'ledger', tags: CRITICAL, attributes: { pointInTimeRecovery: 'ENABLED' } };
  const copying = plan({ SelectionName: 's', Resources: ['arn:aws:dynamodb:*:*:table/*'] }, {
    ScheduleExpression: 'cron(0 * ? * * *)',
    CopyActions: [{ DestinationBackupVaultArn: vaultArn('dr', 'eu-central-1') }, { DestinationBackupVaultArn: vaultArn('central', REGION, '999999999999') }],
  });
  const run = (management?: Record<string, boolean>) =>
    evaluate(estate({ assets: [table], backupPlans: [copying], protectedResources: [{ ResourceArn: table.arn, LastBackupTime: ago(0.5) }], ...(management ? { regionSettings: { ResourceTypeManagementPreference: management } } : {}) }), policy, NOW);

  it('does not credit CopyActions to a table without advanced backup, and says how to turn it on', () => {
    const p = run({ DynamoDB: false });
    const cov = assetOf(p, 'ledger').coverage;
    expect(cov.copyRegions).toEqual([]);
    expect(cov.copyAccounts).toEqual([]);
    expect(cov.copiesNotMade?.map((c) => c.destination)).toEqual([vaultArn('dr', 'eu-central-1'), vaultArn('central', REGION, '999999999999')]);
    for (const check of ['backup.no-cross-region-copy', 'backup.no-cross-account-copy']) {
      const [f] = findingsOf(p, 'ledger', check);
      expect(f?.message).toContain('without AWS Backup advanced features');
      expect(f?.remediation).toBe(`aws backup update-region-settings --region ${REGION} --resource-type-management-preference DynamoDB=true`);
    }
  });

  it('credits them with advanced backup on', () => {
    const p = run({ DynamoDB: true });
    expect(assetOf(p, 'ledger').coverage.copyRegions).toEqual(['eu-central-1']);
    expect(assetOf(p, 'ledger').coverage.copiesNotMade).toBeUndefined();
    expect(findingsOf(p, 'ledger', 'backup.no-cross-region-copy')).toEqual([]);
  });

  it('does not pass the copy checks when the setting was not observed', () => {
    const p = run();
    expect(findingsOf(p, 'ledger', 'backup.no-cross-region-copy')).toEqual([]);
    expect(p.notEvaluated.some((n) => n.check === 'backup.no-cross-region-copy' && /advanced backup features/.test(n.reason))).toBe(true);
  });

  it('does not credit any copy to an RDS Multi-AZ DB cluster (footnote 3)', () => {
    const maz: Asset = { arn: `arn:aws:rds:${REGION}:${ACCT}:cluster:orders-maz`, resourceType: 'RDS', name: 'orders-maz', tags: CRITICAL };
    const p = evaluate(estate({ assets: [maz], backupPlans: [{ ...copying, Selections: [{ SelectionId: 's', BackupSelection: { SelectionName: 's', Resources: [maz.arn] } }] }], protectedResources: [{ ResourceArn: maz.arn, LastBackupTime: ago(0.5) }] }), policy, NOW);
    expect(assetOf(p, 'orders-maz').coverage.copyRegions).toEqual([]);
    expect(findingsOf(p, 'orders-maz', 'backup.no-cross-region-copy')[0]?.message).toContain('Multi-AZ DB clusters do not support any copy operations');
  });
});

describe('segregation per resource type with an air-gapped rule target', () => {
  // BackupRule.TargetLogicallyAirGappedBackupVaultArn (API reference) and "Primary backups to logically air-gapped vaults".
  const lag = vaultArn('lag');
  const vaults = [{ BackupVaultName: 'Default', BackupVaultArn: vaultArn('Default'), Locked: false }, { BackupVaultName: 'lag', BackupVaultArn: lag, VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', Locked: true }];
  const bucket: Asset = { arn: 'arn:aws:s3:::ledger-archive', resourceType: 'S3', name: 'ledger-archive', tags: CRITICAL, attributes: { versioning: 'Enabled' } };
  const disk: Asset = { arn: `arn:aws:ec2:${REGION}:${ACCT}:volume/vol-0db`, resourceType: 'EBS', name: 'vol-0db', tags: CRITICAL };
  const lagPlan = plan({ SelectionName: 's', Resources: [bucket.arn, disk.arn] }, { TargetLogicallyAirGappedBackupVaultArn: lag });
  const recent = [{ ResourceArn: bucket.arn, LastBackupTime: ago(0.5) }, { ResourceArn: disk.arn, LastBackupTime: ago(0.5) }];
  const run = (jobs: Estate['jobs']) => evaluate(estate({ assets: [bucket, disk], backupPlans: [lagPlan], backupVaults: vaults, protectedResources: recent }, jobs), policy, NOW);

  it('credits a fully managed type (S3) directly, an EBS volume only once a copy into the vault completed', () => {
    const p = run({ backup: [], copy: [], restore: [] });
    expect(assetOf(p, 'ledger-archive').coverage.vaults.find((v) => v.arn === lag)?.reach).toBe('backup');
    expect(findingsOf(p, 'ledger-archive', 'backup.vault-not-locked')).toEqual([]);
    expect(assetOf(p, 'vol-0db').coverage.vaults.find((v) => v.arn === lag)?.reach).toBe('copy');
    expect(findingsOf(p, 'vol-0db', 'backup.vault-not-locked')[0]?.message).toContain('reaches air-gapped lag only by copy, and no copy into it completed');
  });

  it('takes a completed copy job into the air-gapped vault (DestinationVaultType) as the evidence', () => {
    const copy = { AccountId: ACCT, CopyJobId: 'c-1', ResourceArn: disk.arn, CreationDate: ago(20), CompletionDate: ago(19), State: 'COMPLETED', DestinationBackupVaultArn: lag, DestinationVaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', DestinationVaultLockState: 'LOCKED' };
    const p = run({ backup: [], copy: [copy], restore: [] });
    expect(assetOf(p, 'vol-0db').coverage.vaults.find((v) => v.arn === lag)?.observed).toMatchObject({ via: 'copy', jobId: 'c-1', vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' });
    expect(findingsOf(p, 'vol-0db', 'backup.vault-not-locked')).toEqual([]);
  });

  it('says not evaluated when copy jobs were not observed', () => {
    const p = run({ backup: [], restore: [] });
    expect(findingsOf(p, 'vol-0db', 'backup.vault-not-locked')).toEqual([]);
    expect(p.notEvaluated.some((n) => n.check === 'backup.vault-not-locked' && /only by copy/.test(n.reason))).toBe(true);
  });

  it('uses a backup job landing in a LOCKED vault as evidence when the vault itself was not observed', () => {
    const unseen = plan({ SelectionName: 's', Resources: [disk.arn] }, { TargetBackupVaultName: 'elsewhere' });
    const job = { AccountId: ACCT, BackupJobId: 'b-1', ResourceArn: disk.arn, CreationDate: ago(2), CompletionDate: ago(1), State: 'COMPLETED', BackupVaultArn: vaultArn('elsewhere'), VaultType: 'BACKUP_VAULT', VaultLockState: 'LOCKED' };
    const p = evaluate(estate({ assets: [disk], backupPlans: [unseen], protectedResources: recent }, { backup: [job], copy: [], restore: [] }), policy, NOW);
    expect(findingsOf(p, 'vol-0db', 'backup.vault-not-locked')).toEqual([]);
    expect(p.notEvaluated.some((n) => n.check === 'backup.vault-not-locked')).toBe(false);
    expect(assetOf(p, 'vol-0db').coverage.vaults[0]?.observed?.lockState).toBe('LOCKED');
  });
});

describe('Region opt-in for shared ARN formats', () => {
  // "Assign resources with AWS CLI", Shared resource types.
  it('blocks an FSx file system named by file-system/* in a Region without FSx opt-in, with its one-line fix', () => {
    const fsx: Asset = { arn: `arn:aws:fsx:${REGION}:${ACCT}:file-system/fs-0abc`, resourceType: 'FSx', name: 'fs-0abc', tags: CRITICAL, attributes: { fileSystemType: 'OPENZFS' } };
    const p = evaluate(estate({ assets: [fsx], backupPlans: [plan({ SelectionName: 's', Resources: ['arn:aws:fsx:*:*:file-system/*'] })], regionSettings: { ResourceTypeOptInPreference: { FSx: false, EFS: true } } }), policy, NOW);
    expect(assetOf(p, 'fs-0abc').coverage).toMatchObject({ state: 'OPT_IN_BLOCKED', optInRequired: 'FSx' });
    expect(findingsOf(p, 'fs-0abc', 'backup.not-in-plan')[0]?.remediation).toBe(`aws backup update-region-settings --region ${REGION} --resource-type-opt-in-preference FSx=true`);
  });
});

describe('restore-test eligibility', () => {
  // RestoreTestingRecoveryPointSelection IncludeVaults / ExcludeVaults (API reference).
  const table: Asset = { arn: `arn:aws:dynamodb:${REGION}:${ACCT}:table/payments`, resourceType: 'DynamoDB', name: 'payments', tags: CRITICAL, attributes: { pointInTimeRecovery: 'ENABLED' } };
  const testing = (exclude: string[]): NonNullable<RegionObservation['restoreTestingPlans']> => [
    {
      RestoreTestingPlanName: 'weekly',
      RestoreTestingPlanArn: `arn:aws:backup:${REGION}:${ACCT}:restore-testing-plan:weekly-1`,
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', RecoveryPointTypes: ['SNAPSHOT'], IncludeVaults: ['*'], ExcludeVaults: exclude },
      Selections: [{ RestoreTestingSelectionName: 'tables', ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: ['*'] }],
    },
  ];
  const run = (exclude: string[]) =>
    evaluate(estate({ assets: [table], backupPlans: [plan({ SelectionName: 's', Resources: [table.arn] })], protectedResources: [{ ResourceArn: table.arn, LastBackupTime: ago(0.5), LastBackupVaultArn: vaultArn('Default') }], restoreTestingPlans: testing(exclude) }), policy, NOW);

  it('names a table whose recovery points sit only in the excluded Default vault as never testable', () => {
    const p = run([vaultArn('Default')]);
    const cov = assetOf(p, 'payments').coverage;
    expect(cov.restoreTested).toBe(false);
    expect(cov.restoreTestIneligible).toMatchObject({ planName: 'weekly', selectionName: 'tables', vaults: [vaultArn('Default')] });
    const [f] = findingsOf(p, 'payments', 'restore.not-tested');
    expect(f?.message).toContain('plan weekly can never pick its recovery points');
    expect(f?.remediation).toContain('update-restore-testing-plan');
    expect(f?.remediation).toContain('"ExcludeVaults":[]');
  });

  it('counts it as restore-tested when its vault is eligible', () => {
    const p = run([]);
    expect(assetOf(p, 'payments').coverage.restoreTested).toBe(true);
    expect(assetOf(p, 'payments').coverage.restoreTestIneligible).toBeUndefined();
  });
});
