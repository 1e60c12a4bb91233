/**
 * How backups reach a logically air-gapped vault, per resource type: AWS Backup API reference BackupRule
 * (TargetLogicallyAirGappedBackupVaultArn) and Developer Guide "Primary backups to logically air-gapped vaults"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html); job attributes from the
 * BackupJob and CopyJob API references (VaultType, VaultLockState: LOCKED | UNLOCKED; DestinationVaultType, …).
 */
import { describe, expect, it } from 'vitest';
import type { BackupJob, CopyJob } from '../estate/schema.js';
import { airGapReach, isFullyManaged, observationImmutable, observedVaults, type AirGapReach } from './airGap.js';

const rows: Array<[type: string, advanced: boolean | undefined, reach: AirGapReach, why: string]> = [
  ['EFS', undefined, 'backup', '"Amazon EFS, Amazon S3, Amazon DynamoDB with AWS Backup advanced features … can back up directly"'],
  ['S3', undefined, 'backup', 'same sentence; S3 continuous backup also goes straight to the vault'],
  ['DynamoDB', true, 'backup', 'DynamoDB with advanced features is fully managed'],
  ['DynamoDB', false, 'none', 'without advanced features DynamoDB supports neither full management nor air-gapped vaults'],
  ['DynamoDB', undefined, 'copy', 'setting not observed: credited only on job evidence'],
  ['EBS', undefined, 'copy', '"Amazon EBS/EC2, Amazon Aurora, and Amazon FSx cannot back up directly … copies it"'],
  ['EC2', undefined, 'copy', 'same sentence'],
  ['Aurora', undefined, 'copy', 'same sentence'],
  ['FSx', undefined, 'copy', 'same sentence'],
];

describe('airGapReach', () => {
  it.each(rows)('%s (advanced=%s) → %s: %s', (type, advanced, reach) => {
    expect(airGapReach(type, advanced)).toBe(reach);
    expect(isFullyManaged(type, advanced)).toBe(reach === 'backup');
  });
});

const WINDOW = '2026-11-01T00:00:00Z';
const LAG = 'arn:aws:backup:eu-west-1:111122223333:backup-vault:lag';
const STD = 'arn:aws:backup:eu-west-1:111122223333:backup-vault:Default';
const backup = (id: string, at: string, extra: Partial<BackupJob> = {}): BackupJob => ({
  AccountId: '111122223333', BackupJobId: id, ResourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', CreationDate: at, CompletionDate: at, State: 'COMPLETED', BackupVaultArn: STD, ...extra,
});
const copy = (id: string, at: string, extra: Partial<CopyJob> = {}): CopyJob => ({
  AccountId: '111122223333', CopyJobId: id, ResourceArn: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', CreationDate: at, CompletionDate: at, State: 'COMPLETED', DestinationBackupVaultArn: LAG, ...extra,
});

describe('observedVaults', () => {
  it('keeps the newest completed job per vault, with the vault attributes AWS returned', () => {
    const { byVault, lagRefused } = observedVaults(
      [backup('b1', '2026-11-10T05:00:00Z', { VaultType: 'BACKUP_VAULT', VaultLockState: 'UNLOCKED' }), backup('b2', '2026-11-11T05:00:00Z', { VaultType: 'BACKUP_VAULT', VaultLockState: 'LOCKED' })],
      [copy('c1', '2026-11-11T06:00:00Z', { DestinationVaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT', DestinationVaultLockState: 'LOCKED' }), copy('c0', '2026-11-12T06:00:00Z', { State: 'FAILED' })],
      WINDOW,
    );
    expect(lagRefused).toBe(false);
    expect(byVault.get(STD)).toEqual({ via: 'backup', jobId: 'b2', at: '2026-11-11T05:00:00Z', vaultType: 'BACKUP_VAULT', lockState: 'LOCKED' });
    expect(byVault.get(LAG)).toMatchObject({ via: 'copy', jobId: 'c1', vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' });
    expect(observationImmutable(byVault.get(STD))).toBe(true);
    expect(observationImmutable(byVault.get(LAG))).toBe(true);
  });

  it('ignores jobs before the window and treats an unlocked standard vault as no evidence', () => {
    const { byVault } = observedVaults([backup('old', '2026-10-01T00:00:00Z', { VaultLockState: 'LOCKED' }), backup('b', '2026-11-02T00:00:00Z', { VaultType: 'BACKUP_VAULT', VaultLockState: 'UNLOCKED' })], [], WINDOW);
    expect(byVault.get(STD)?.jobId).toBe('b');
    expect(observationImmutable(byVault.get(STD))).toBe(false);
  });

  it('notices the newest backup landing outside the air-gapped vault with LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED', () => {
    // "the backup job completes with a MessageCategory of LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED"
    const { lagRefused } = observedVaults([backup('b', '2026-11-02T00:00:00Z', { MessageCategory: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED' })], [], WINDOW);
    expect(lagRefused).toBe(true);
  });
});
