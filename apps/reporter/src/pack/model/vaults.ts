/**
 * Every backup vault of the estate as the pack lists it (vaults.csv and the segregation section): where it is,
 * its type, Vault Lock mode at the time base, retention bounds and the kind of key that encrypts it.
 */
import { isAirGapped, vaultLockMode, type Estate, type VaultLockMode } from '@vaultscope/core';

/** One vault. */
export interface VaultRow {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  /** `BACKUP_VAULT`, `LOGICALLY_AIR_GAPPED_BACKUP_VAULT`, … as AWS reports it. */
  type?: string;
  lock: VaultLockMode;
  airGapped: boolean;
  lockDate?: string;
  minRetentionDays?: number;
  maxRetentionDays?: number;
  /** `AWS_OWNED_KMS_KEY` or `CUSTOMER_MANAGED_KMS_KEY` as AWS reports it (ListBackupVaults `EncryptionKeyType`). */
  encryptionKeyType?: string;
  encryptionKeyArn?: string;
  recoveryPoints?: number;
}

/**
 * The vaults, sorted by account, Region and name. Vault Lock mode at `at`: compliance once the lock date has
 * passed (the lock can no longer be removed), governance while it still can.
 */
export function vaultRows(estate: Estate, at: Date): VaultRow[] {
  const rows: VaultRow[] = [];
  for (const obs of estate.regions) {
    for (const v of obs.backupVaults ?? []) {
      const keyType = (v as { EncryptionKeyType?: unknown }).EncryptionKeyType;
      rows.push({
        accountId: obs.accountId,
        region: obs.region,
        name: v.BackupVaultName,
        arn: v.BackupVaultArn,
        ...(v.VaultType ? { type: v.VaultType } : {}),
        lock: vaultLockMode(v, at),
        airGapped: isAirGapped(v),
        ...(v.LockDate ? { lockDate: v.LockDate } : {}),
        ...(v.MinRetentionDays !== undefined ? { minRetentionDays: v.MinRetentionDays } : {}),
        ...(v.MaxRetentionDays !== undefined ? { maxRetentionDays: v.MaxRetentionDays } : {}),
        ...(typeof keyType === 'string' && keyType ? { encryptionKeyType: keyType } : {}),
        ...(v.EncryptionKeyArn ? { encryptionKeyArn: v.EncryptionKeyArn } : {}),
        ...(v.NumberOfRecoveryPoints !== undefined ? { recoveryPoints: v.NumberOfRecoveryPoints } : {}),
      });
    }
  }
  return rows.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
}
