/**
 * What a backup vault's fields mean for protection, said once: its Vault Lock mode at a time, and whether it is
 * logically air-gapped.
 *
 * AWS Backup API reference, `ListBackupVaults` / `DescribeBackupVault` (`BackupVaultListMember`): `Locked` is true
 * when Vault Lock protects the vault; `LockDate` is "the date and time when Backup Vault Lock configuration cannot
 * be changed or deleted" — after it the lock is immutable. The Developer Guide ("AWS Backup Vault Lock") names the
 * two modes: *compliance mode* once the grace time has passed and the lock can no longer be removed, *governance
 * mode* while users with the right IAM permissions can still change or remove it (a lock without a LockDate, or
 * whose LockDate is still ahead). `VaultType` `LOGICALLY_AIR_GAPPED_BACKUP_VAULT` is a logically air-gapped vault
 * (locked in compliance mode by construction, recovery points in an AWS-owned account); job records carry the same
 * facts as `VaultType`/`VaultLockState` (backup jobs) and `DestinationVaultType`/`DestinationVaultLockState` (copy
 * jobs), `VaultLockState` being `LOCKED` or `UNLOCKED`.
 */
import type { BackupVault } from '../estate/schema.js';

/** `VaultType` of a logically air-gapped vault. */
export const LAG_VAULT_TYPE = 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';

/** Vault Lock mode: `compliance` (immutable), `governance` (locked, still removable), `none`. */
export const VAULT_LOCK_MODES = ['compliance', 'governance', 'none'] as const;
export type VaultLockMode = (typeof VAULT_LOCK_MODES)[number];

/** The vault's Vault Lock mode at `at`: compliance once its LockDate has passed, governance before, none if unlocked. */
export function vaultLockMode(vault: Pick<BackupVault, 'Locked' | 'LockDate'>, at: Date | number): VaultLockMode {
  if (!vault.Locked) return 'none';
  const now = typeof at === 'number' ? at : at.getTime();
  return vault.LockDate && Date.parse(vault.LockDate) <= now ? 'compliance' : 'governance';
}

/** Whether a `VaultType` (vault, or a job's `VaultType` / `DestinationVaultType`) is logically air-gapped. */
export const isAirGappedType = (vaultType: string | undefined): boolean => vaultType === LAG_VAULT_TYPE;

/** Whether the vault is logically air-gapped. */
export const isAirGapped = (vault: Pick<BackupVault, 'VaultType'>): boolean => isAirGappedType(vault.VaultType);

/** Whether a job's `VaultLockState` / `DestinationVaultLockState` says the vault was locked. */
export const isLockedState = (lockState: string | undefined): boolean => lockState === 'LOCKED';

/** Whether the vault makes its recovery points immutable: locked in either mode, or air-gapped. */
export function isImmutable(vault: { lock: VaultLockMode | 'unknown'; airGapped: boolean }): boolean {
  return vault.airGapped || vault.lock === 'compliance' || vault.lock === 'governance';
}
