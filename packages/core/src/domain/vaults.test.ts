/**
 * Vault Lock mode and air-gapped vaults, against AWS Backup API reference BackupVaultListMember (Locked, LockDate:
 * "the date and time when Backup Vault Lock configuration cannot be changed or deleted", VaultType)
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupVaultListMember.html and the Developer Guide
 * "AWS Backup Vault Lock" (governance and compliance modes) https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
import { describe, expect, it } from 'vitest';
import { isAirGapped, isImmutable, isLockedState, vaultLockMode, type VaultLockMode } from './vaults.js';

const AT = Date.parse('2026-12-01T00:00:00Z');

describe('vaultLockMode', () => {
  const rows: Array<[locked: boolean | undefined, lockDate: string | undefined, mode: VaultLockMode, why: string]> = [
    [undefined, undefined, 'none', 'no Vault Lock'],
    [false, '2025-01-01T00:00:00Z', 'none', 'a LockDate without Locked is not a lock'],
    [true, undefined, 'governance', 'locked without a LockDate: removable by users with the permission'],
    [true, '2026-12-05T00:00:00Z', 'governance', 'LockDate still ahead: the cooling-off time has not ended'],
    [true, '2026-12-01T00:00:00Z', 'compliance', 'LockDate reached: the lock can no longer be changed or deleted'],
    [true, '2025-01-01T00:00:00Z', 'compliance', 'LockDate passed'],
  ];
  it.each(rows)('Locked=%s LockDate=%s → %s: %s', (locked, lockDate, mode) => {
    expect(vaultLockMode({ ...(locked !== undefined ? { Locked: locked } : {}), ...(lockDate ? { LockDate: lockDate } : {}) }, AT)).toBe(mode);
    expect(vaultLockMode({ ...(locked !== undefined ? { Locked: locked } : {}), ...(lockDate ? { LockDate: lockDate } : {}) }, new Date(AT))).toBe(mode);
  });
});

describe('air gap and immutability', () => {
  it('knows the logically air-gapped vault type', () => {
    expect(isAirGapped({ VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' })).toBe(true);
    expect(isAirGapped({ VaultType: 'BACKUP_VAULT' })).toBe(false);
    expect(isAirGapped({})).toBe(false);
  });
  it('reads job VaultLockState', () => {
    expect(isLockedState('LOCKED')).toBe(true);
    expect(isLockedState('UNLOCKED')).toBe(false);
    expect(isLockedState(undefined)).toBe(false);
  });
  it('counts either lock mode or an air gap as immutable, an unobserved vault as not', () => {
    expect(isImmutable({ lock: 'compliance', airGapped: false })).toBe(true);
    expect(isImmutable({ lock: 'governance', airGapped: false })).toBe(true);
    expect(isImmutable({ lock: 'none', airGapped: true })).toBe(true);
    expect(isImmutable({ lock: 'none', airGapped: false })).toBe(false);
    expect(isImmutable({ lock: 'unknown', airGapped: false })).toBe(false);
  });
});
