import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Asset, Estate } from '../../estate/schema.js';
import { evaluate } from '../../evaluate.js';
import { parsePolicy } from '../../policy/parse.js';
import type { Coverage, VaultRef } from '../../posture/schema.js';
import { judgeRule, type FrameworkInput } from './evaluateFrameworks.js';
import { IN_PLAN_CONTROLS, NIST_800_53_R5, PITR_CONTROLS } from './nist80053r5.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ago = (h: number): string => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const ARN = 'arn:aws:dynamodb:eu-west-1:222222222222:table/orders';
const match = { planId: 'p', planName: 'daily', selectionId: 's', selectionName: 'tables', clause: 'Resources *', rules: ['daily'] };
const vault = (lock: VaultRef['lock'], airGapped = false): VaultRef => ({ name: `v-${lock}`, lock, airGapped });

function input(over: {
  selected?: boolean;
  observed?: boolean;
  optInBlocked?: boolean;
  evidence?: boolean;
  last?: string;
  pitr?: 'ENABLED' | 'DISABLED';
  vaults?: readonly VaultRef[];
}): FrameworkInput {
  const coverage: Coverage = {
    state: 'PROTECTED',
    selectedBy: over.selected ? [match] : [],
    ...(over.last ? { lastRecoveryPointAt: over.last } : {}),
    copyRegions: [],
    copyAccounts: [],
    vaults: [...(over.vaults ?? [])],
  };
  return {
    asset: { arn: ARN, resourceType: 'DynamoDB', ...(over.pitr ? { attributes: { pointInTimeRecovery: over.pitr } } : {}) },
    region: 'eu-west-1',
    coverage: { coverage, selectionsObserved: over.observed ?? true, optInBlocked: over.optInBlocked ?? false, recoveryEvidence: over.evidence ?? true },
    now: NOW,
  };
}

// Each case cites the AWS Config managed rule's page, which states when the rule is NON_COMPLIANT.
describe('framework rule verdicts (AWS Config managed rules)', () => {
  it.each([
    // https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-in-backup-plan.html: NON_COMPLIANT if not present in any AWS Backup plan
    ['in-plan: selected by a plan', 'in-plan', { selected: true }, 'pass', undefined],
    ['in-plan: in no plan', 'in-plan', {}, 'fail', 'selected by no backup plan'],
    ['in-plan: selection reaches it but the type is not opted in', 'in-plan', { optInBlocked: true }, 'fail', 'not opted in to AWS Backup in eu-west-1'],
    ['in-plan: selections not observed is no verdict', 'in-plan', { observed: false }, 'not-evaluated', 'not observed'],
    // https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-protected-by-backup-plan.html: NON_COMPLIANT if not protected by a backup plan
    ['protected-by-plan: in no plan', 'protected-by-plan', {}, 'fail', 'selected by no backup plan'],
    // https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-last-backup-recovery-point-created.html: recoveryPointAgeValue default 1, unit days
    ['recovery point 23 h old passes', 'recovery-point', { selected: true, last: ago(23) }, 'pass', undefined],
    ['recovery point 25 h old fails', 'recovery-point', { selected: true, last: ago(25) }, 'fail', 'allowed: 1 day'],
    ['no recovery point fails', 'recovery-point', { selected: true }, 'fail', 'no recovery point'],
    ['no recovery evidence observed is no verdict', 'recovery-point', { selected: true, evidence: false }, 'not-evaluated', 'neither protected resources nor backup jobs'],
    // https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html: NON_COMPLIANT if PITR is not enabled
    ['PITR enabled', 'pitr', { pitr: 'ENABLED' }, 'pass', undefined],
    ['PITR disabled', 'pitr', { pitr: 'DISABLED' }, 'fail', 'point-in-time recovery is off'],
    ['PITR not read', 'pitr', {}, 'not-evaluated', 'not observed'],
    // https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-resources-protected-by-backup-plan.html: backupVaultLockCheck 'True' checks the resource is backed up in a locked vault
    ['vault lock: compliance-mode vault', 'vault-lock', { selected: true, vaults: [vault('none'), vault('compliance')] }, 'pass', undefined],
    ['vault lock: governance-mode vault', 'vault-lock', { selected: true, vaults: [vault('governance')] }, 'pass', undefined],
    ['vault lock: logically air-gapped vault', 'vault-lock', { selected: true, vaults: [vault('none', true)] }, 'pass', undefined],
    ['vault lock: only unlocked vaults', 'vault-lock', { selected: true, vaults: [vault('none')] }, 'fail', 'has a Vault Lock'],
    ['vault lock: vault not observed', 'vault-lock', { selected: true, vaults: [vault('unknown')] }, 'not-evaluated', 'vault(s) not observed'],
    ['vault lock: in no plan', 'vault-lock', {}, 'fail', 'so in no locked vault'],
  ] as const)('%s', (_d, kind, over, verdict, reason) => {
    const v = judgeRule(kind, input(over));
    expect(v.verdict).toBe(verdict);
    if (reason) expect(v.verdict !== 'pass' && v.reason).toContain(reason);
  });
});

describe('NIST 800-53 Rev. 5 catalogue', () => {
  const rule = (id: string) => NIST_800_53_R5.rules.find((r) => r.id === id);

  it('maps the pack\'s rules to the controls AWS\'s conformance pack lists', () => {
    // Operational Best Practices for NIST 800-53 rev 5 (operational-best-practices-for-nist-800-53_rev_5.html).
    for (const id of ['dynamodb-in-backup-plan', 'rds-in-backup-plan', 'ebs-in-backup-plan', 'efs-in-backup-plan']) {
      expect(rule(id)?.controls).toEqual(IN_PLAN_CONTROLS);
      expect(rule(id)?.source).toContain('conformance pack');
    }
    expect(rule('dynamodb-pitr-enabled')?.controls).toEqual(PITR_CONTROLS);
    expect(IN_PLAN_CONTROLS).toEqual(expect.arrayContaining(['CP-9(a)', 'CP-9(b)', 'CP-9(c)', 'CP-10']));
  });

  it('has the in-plan, protected-by-plan, recovery-point, PITR and vault-lock rules for every type the issue names', () => {
    for (const prefix of ['dynamodb', 'rds', 'aurora', 'ebs', 'efs', 's3']) {
      expect(rule(`${prefix}-resources-protected-by-backup-plan`)).toBeDefined();
      expect(rule(`${prefix}-last-backup-recovery-point-created`)).toBeDefined();
    }
    // AWS has no aurora-in-backup-plan or s3-in-backup-plan managed rule: the protected-by rule stands for it.
    expect(rule('s3-in-backup-plan')).toBeUndefined();
    expect(rule('backup-vault-lock')?.resourceTypes).toEqual(['DynamoDB', 'RDS', 'Aurora', 'EBS', 'EFS', 'S3']);
    expect(rule('dynamodb-in-backup-plan')).toMatchObject({ severity: 'medium', title: 'DynamoDB tables should be in a backup plan' });
  });
});

describe('frameworks in the posture', () => {
  // The bundled default policy ships with @vaultscope/sources (core parses text, it reads no files).
  const { policy } = parsePolicy(readFileSync(new URL('../../../../sources/assets/default-policy.yaml', import.meta.url), 'utf8'), 'default policy');
  const table = (name: string, tags: Record<string, string>): Asset => ({
    arn: `arn:aws:dynamodb:eu-west-1:222222222222:table/${name}`,
    resourceType: 'DynamoDB',
    name,
    tags,
    attributes: { pointInTimeRecovery: 'DISABLED' },
  });
  const estate: Estate = {
    format: 'vaultscope.estate/v1',
    capturedAt: NOW.toISOString(),
    accounts: [{ Id: '222222222222', Name: 'prod', State: 'ACTIVE' }],
    regions: [
      {
        accountId: '222222222222',
        region: 'eu-west-1',
        assets: [table('orders', { DataClassification: 'critical' }), table('scratch', { BackupRequired: 'false' })],
        backupPlans: [],
        backupVaults: [],
        protectedResources: [],
      },
    ],
    jobs: { backup: [], copy: [], restore: [] },
  };
  const posture = evaluate(estate, policy, NOW);
  const fw = posture.frameworks?.find((f) => f.id === 'nist-800-53-r5');
  const inPlan = fw?.rules.find((r) => r.id === 'dynamodb-in-backup-plan');

  it('applies the DynamoDB rule to every table, even one the policy does not require a backup of', () => {
    expect(inPlan?.failing.map((r) => r.arn.split('/')[1]).sort()).toEqual(['orders', 'scratch']);
    expect(inPlan?.passing).toEqual([]);
    expect(posture.assets.find((a) => a.name === 'scratch')?.classification.backupRequired).toBe(false);
    expect(inPlan?.remediation).toContain('aws backup create-backup-selection');
    expect(inPlan?.remediation).toContain('aws dynamodb create-backup');
  });

  it('gives findings their framework references', () => {
    const notInPlan = posture.findings.find((f) => f.check === 'backup.not-in-plan' && f.resourceArn?.endsWith('/orders'));
    expect(notInPlan?.frameworks).toEqual(['nist-800-53-r5/dynamodb-in-backup-plan', 'nist-800-53-r5/dynamodb-resources-protected-by-backup-plan']);
    const pitr = posture.findings.find((f) => f.check === 'dynamodb.pitr-disabled');
    expect(pitr?.frameworks).toEqual(['nist-800-53-r5/dynamodb-pitr-enabled']);
  });

  it('lists only rules of types the estate can have and no rule without controls', () => {
    expect(fw?.rules.every((r) => r.controls.length > 0 && r.configRules.length > 0)).toBe(true);
    expect(fw?.rules.find((r) => r.id === 's3-resources-protected-by-backup-plan')?.failing).toEqual([]);
  });
});
