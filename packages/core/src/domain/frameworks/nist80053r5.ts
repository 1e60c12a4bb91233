/**
 * NIST SP 800-53 Rev. 5 backup rules, as AWS maps them in its "Operational Best Practices for NIST 800-53 rev 5"
 * conformance pack.
 *
 * Sources (cite these when a mapping is questioned):
 * - the pack's template, awslabs/aws-config-rules `aws-config-conformance-packs/Operational-Best-Practices-for-NIST-800-53-rev-5.yaml`:
 *   it deploys `dynamodb-in-backup-plan`, `ebs-in-backup-plan`, `efs-in-backup-plan`, `rds-in-backup-plan` and
 *   `dynamodb-pitr-enabled` (plus `db-instance-backup-enabled` and the S3 versioning/replication rules);
 * - the pack's control table, https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-nist-800-53_rev_5.html
 *   (reproduced rule by rule in cdklabs/cdk-nag `src/packs/nist-800-53-r5.ts`): each of the four "in a backup plan"
 *   rules maps to CP-1(2), CP-2(5), CP-6(a), CP-6(1), CP-6(2), CP-9(a), CP-9(b), CP-9(c), CP-10, CP-10(2), SC-5(2),
 *   SI-13(5); `dynamodb-pitr-enabled` to the same list without CP-6(a) and CP-6(1).
 * - The AWS Config managed rules `<type>-resources-protected-by-backup-plan` (the only backup-plan rule AWS has for
 *   S3 and Aurora; with `backupVaultLockCheck=True` it also requires a locked vault) and
 *   `<type>-last-backup-recovery-point-created` (recoveryPointAgeValue default 1, unit days) are not deployed by
 *   that pack: they are mapped here to the controls the pack gives the "in a backup plan" rules they refine, and
 *   the vault-lock rule to CP-9(d) ("protect the confidentiality, integrity, and availability of backup
 *   information"). `source` on each rule says which case it is.
 *
 * Severity: medium, as the seed rates "DynamoDB tables should be in a backup plan" (NIST 800-53 Revision 5,
 * severity Medium) and AWS Security Hub rates its backup-plan and PITR controls.
 */
import type { CheckId, Severity } from '../../posture/schema.js';

/** What a rule judges of one resource. */
export type FrameworkRuleKind = 'in-plan' | 'protected-by-plan' | 'recovery-point' | 'pitr' | 'vault-lock';

/** One framework rule's fixed facts. */
export interface FrameworkRuleDefinition {
  id: string;
  kind: FrameworkRuleKind;
  title: string;
  resourceTypes: readonly string[];
  severity: Severity;
  controls: readonly string[];
  configRules: readonly string[];
  source: string;
  checks: readonly CheckId[];
}

/** One compliance framework: its rules, in the order its table lists them. */
export interface FrameworkDefinition {
  id: string;
  name: string;
  reference: string;
  rules: readonly FrameworkRuleDefinition[];
}

const PACK = 'AWS Config conformance pack "Operational Best Practices for NIST 800-53 rev 5"';
const REFINED = 'AWS Config managed rule, not in the NIST 800-53 rev 5 pack; mapped to the controls the pack gives the "in a backup plan" rules';

/** Controls of the pack's `<type>-in-backup-plan` rules. */
export const IN_PLAN_CONTROLS: readonly string[] = ['CP-1(2)', 'CP-2(5)', 'CP-6(a)', 'CP-6(1)', 'CP-6(2)', 'CP-9(a)', 'CP-9(b)', 'CP-9(c)', 'CP-10', 'CP-10(2)', 'SC-5(2)', 'SI-13(5)'];
/** Controls of the pack's `dynamodb-pitr-enabled` rule. */
export const PITR_CONTROLS: readonly string[] = ['CP-1(2)', 'CP-2(5)', 'CP-6(2)', 'CP-9(a)', 'CP-9(b)', 'CP-9(c)', 'CP-10', 'CP-10(2)', 'SC-5(2)', 'SI-13(5)'];
/** CP-9(d): the integrity and availability of backup information, which a vault lock protects. */
export const VAULT_LOCK_CONTROLS: readonly string[] = ['CP-9(d)'];

/** The AWS Backup resource types of the rules, with the AWS Config rule-name prefix and a readable noun. */
const TYPES = [
  { type: 'DynamoDB', prefix: 'dynamodb', noun: 'DynamoDB tables', inPack: true },
  { type: 'RDS', prefix: 'rds', noun: 'RDS DB instances', inPack: true },
  { type: 'Aurora', prefix: 'aurora', noun: 'Aurora DB clusters', inPack: false },
  { type: 'EBS', prefix: 'ebs', noun: 'EBS volumes', inPack: true },
  { type: 'EFS', prefix: 'efs', noun: 'EFS file systems', inPack: true },
  { type: 'S3', prefix: 's3', noun: 'S3 buckets', inPack: false },
] as const;

const rules: FrameworkRuleDefinition[] = [];
for (const t of TYPES) {
  if (t.inPack) {
    rules.push({
      id: `${t.prefix}-in-backup-plan`,
      kind: 'in-plan',
      title: `${t.noun} should be in a backup plan`,
      resourceTypes: [t.type],
      severity: 'medium',
      controls: IN_PLAN_CONTROLS,
      configRules: [`${t.prefix}-in-backup-plan`],
      source: PACK,
      checks: ['backup.not-in-plan'],
    });
  }
  rules.push({
    id: `${t.prefix}-resources-protected-by-backup-plan`,
    kind: 'protected-by-plan',
    title: `${t.noun} should be protected by a backup plan`,
    resourceTypes: [t.type],
    severity: 'medium',
    controls: IN_PLAN_CONTROLS,
    configRules: [`${t.prefix}-resources-protected-by-backup-plan`],
    source: REFINED,
    checks: ['backup.not-in-plan'],
  });
  rules.push({
    id: `${t.prefix}-last-backup-recovery-point-created`,
    kind: 'recovery-point',
    title: `${t.noun} should have a recovery point created in the last day`,
    resourceTypes: [t.type],
    severity: 'medium',
    controls: IN_PLAN_CONTROLS,
    configRules: [`${t.prefix}-last-backup-recovery-point-created`],
    source: REFINED,
    checks: ['backup.selected-never-protected', 'backup.recovery-point-stale'],
  });
}
rules.splice(1, 0, {
  id: 'dynamodb-pitr-enabled',
  kind: 'pitr',
  title: 'DynamoDB tables should have point-in-time recovery enabled',
  resourceTypes: ['DynamoDB'],
  severity: 'medium',
  controls: PITR_CONTROLS,
  configRules: ['dynamodb-pitr-enabled'],
  source: PACK,
  checks: ['dynamodb.pitr-disabled'],
});
rules.push({
  id: 'backup-vault-lock',
  kind: 'vault-lock',
  title: 'Backups should be kept in a vault with Vault Lock (or logically air-gapped)',
  resourceTypes: TYPES.map((t) => t.type),
  severity: 'medium',
  controls: VAULT_LOCK_CONTROLS,
  configRules: TYPES.map((t) => `${t.prefix}-resources-protected-by-backup-plan (backupVaultLockCheck=True)`),
  source: 'AWS Config managed rules with backupVaultLockCheck=True, not in the NIST 800-53 rev 5 pack; mapped to CP-9(d)',
  checks: ['backup.vault-not-locked'],
});

/** NIST SP 800-53 Rev. 5, the backup rules. */
export const NIST_800_53_R5: FrameworkDefinition = {
  id: 'nist-800-53-r5',
  name: 'NIST SP 800-53 Rev. 5',
  reference: 'https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-nist-800-53_rev_5.html',
  rules,
};

/** Every framework Vaultscope evaluates, by id. */
export const FRAMEWORKS: readonly FrameworkDefinition[] = [NIST_800_53_R5];
