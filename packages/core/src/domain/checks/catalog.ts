/**
 * The check catalogue: what each check id means, how severe it is per class, and which DORA provisions its
 * evidence speaks to (Regulation (EU) 2022/2554 and RTS 2024/1774).
 */
import type { Tier } from '../../policy/schema.js';
import type { CheckId, Severity } from '../../posture/schema.js';
import { SEVERITIES } from '../../posture/vocabulary.js';

/** One check's fixed facts. */
export interface CheckDefinition {
  title: string;
  /** Severity for a critical asset; each lower class is one step milder. */
  baseSeverity: Severity;
  dora: string[];
}

export const CHECKS: Record<CheckId, CheckDefinition> = {
  'backup.not-in-plan': { title: 'Backup-required asset in no backup plan', baseSeverity: 'critical', dora: ['Art. 12(1)(a)'] },
  'backup.selected-never-protected': { title: 'Selected by a plan but never backed up', baseSeverity: 'critical', dora: ['Art. 12(1)', 'Art. 12(2)'] },
  'backup.recovery-point-stale': { title: 'Last recovery point older than the RPO', baseSeverity: 'high', dora: ['Art. 12(1)', 'Art. 12(6)'] },
  'backup.frequency-exceeds-rpo': { title: 'Backup frequency cannot meet the RPO', baseSeverity: 'high', dora: ['Art. 12(1)(a)', 'Art. 12(6)'] },
  'backup.retention-below-policy': { title: 'Retention shorter than the class policy', baseSeverity: 'medium', dora: ['Art. 12(1)(a)'] },
  'backup.no-cross-region-copy': { title: 'No copy in another Region', baseSeverity: 'high', dora: ['Art. 12(3)'] },
  'backup.no-cross-account-copy': { title: 'No copy in another account', baseSeverity: 'high', dora: ['Art. 12(3)'] },
  'backup.vault-not-locked': { title: 'Backups not held in a locked or air-gapped vault', baseSeverity: 'medium', dora: ['Art. 12(3)'] },
  'backup.job-failures': { title: 'Backup or copy jobs failed', baseSeverity: 'high', dora: ['Art. 12(1)', 'Art. 12(2)'] },
  'dynamodb.pitr-disabled': { title: 'DynamoDB point-in-time recovery off', baseSeverity: 'medium', dora: ['Art. 12(1)(a)', 'Art. 12(6)'] },
  's3.versioning-disabled': { title: 'S3 bucket selected for backup without versioning', baseSeverity: 'high', dora: ['Art. 12(1)', 'Art. 12(2)'] },
  'restore.not-tested': { title: 'Restore not tested', baseSeverity: 'high', dora: ['Art. 12(2)', 'Art. 11(6)', 'RTS Art. 25', 'RTS Art. 40'] },
  'restore.test-failed': { title: 'Restore test failed', baseSeverity: 'high', dora: ['Art. 12(2)', 'Art. 12(7)', 'Art. 11(6)'] },
  'restore.time-exceeds-rto': { title: 'Restore took longer than the RTO', baseSeverity: 'high', dora: ['Art. 12(6)', 'Art. 11(6)'] },
  'discovery.incomplete': { title: 'Discovery incomplete', baseSeverity: 'medium', dora: ['Art. 8(1)', 'Art. 12(1)(a)'] },
};

const TIER_STEP: Record<Tier, number> = { critical: 0, important: 1, standard: 2, archival: 3 };

/** Severity of a check on an asset of the given class (undefined tier: the base severity). */
export function severityFor(check: CheckId, tier?: Tier): Severity {
  const base = SEVERITIES.indexOf(CHECKS[check].baseSeverity);
  const step = tier ? TIER_STEP[tier] : 0;
  return SEVERITIES[Math.min(base + step, SEVERITIES.length - 2)] ?? 'low';
}
