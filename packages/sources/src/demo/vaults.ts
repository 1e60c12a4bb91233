/**
 * Backup vaults per account and Region (ListBackupVaults shape): compliance-mode and governance-mode Vault Locks,
 * unlocked vaults, and the central account's logically air-gapped vaults.
 */
import type { BackupVault } from '@vaultscope/core';
import { vaultArn } from './arns.js';
import { BACKUP_ACCOUNT_ID, DR_REGION, PRIMARY_REGION, type DemoAccount, type DemoRegion } from './organization.js';
import type { Rng } from './random.js';
import { DAY, iso } from './time.js';

export const CRITICAL_VAULT = 'critical-compliance-lock';
export const IMPORTANT_VAULT = 'important-governance-lock';
export const STANDARD_VAULT = 'standard-daily';
export const DR_VAULT = 'dr-compliance-lock';
export const NONPROD_VAULT = 'nonprod-governance-lock';
export const ORG_VAULT = 'org-baseline-vault';
export const SHARED_VAULT = 'platform-shared';
export const ARCHIVE_VAULT = 'archive-compliance-lock';
export const AUDIT_VAULT = 'audit-evidence-vault';
export const EFS_AUTOMATIC_VAULT = 'aws/efs/automatic-backup-vault';
export const DEFAULT_VAULT = 'Default';

/** The central account's logically air-gapped vault in a Region. */
export const airGappedVaultName = (region: string): string => `nordhavn-air-gapped-${region === PRIMARY_REGION ? 'euc1' : region === DR_REGION ? 'eun1' : 'euw1'}`;
export const airGappedVaultArn = (region: string): string => vaultArn(region, BACKUP_ACCOUNT_ID, airGappedVaultName(region));

type Lock = { kind: 'none' } | { kind: 'compliance'; lockedDaysAgo: number; min: number; max: number } | { kind: 'governance'; lockInDays?: number; min: number; max: number };

interface VaultSpec {
  name: string;
  lock: Lock;
  airGapped?: boolean;
}

const none: Lock = { kind: 'none' };

function specsFor(account: DemoAccount, region: DemoRegion): VaultSpec[] {
  const workload = region !== DR_REGION;
  switch (account.role) {
    case 'prod':
      if (!workload) return [{ name: DR_VAULT, lock: { kind: 'compliance', lockedDaysAgo: 380, min: 30, max: 3650 } }, { name: DEFAULT_VAULT, lock: none }];
      return [
        { name: CRITICAL_VAULT, lock: { kind: 'compliance', lockedDaysAgo: 400, min: 35, max: 3650 } },
        // cards-prod re-created its lock last week: still inside the cooling-off period, so governance mode.
        { name: IMPORTANT_VAULT, lock: { kind: 'governance', ...(account.name === 'cards-prod' ? { lockInDays: 2 } : {}), min: 14, max: 1825 } },
        { name: STANDARD_VAULT, lock: none },
        { name: DEFAULT_VAULT, lock: none },
      ];
    case 'backup':
      return [{ name: airGappedVaultName(region), lock: { kind: 'compliance', lockedDaysAgo: 300, min: 30, max: 3650 }, airGapped: true }, { name: DEFAULT_VAULT, lock: none }];
    case 'nonprod':
      return region === PRIMARY_REGION
        ? [{ name: NONPROD_VAULT, lock: { kind: 'governance', min: 7, max: 1095 } }, { name: ORG_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }]
        : [{ name: ORG_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }];
    case 'dev':
      return [{ name: ORG_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }];
    case 'shared':
      return region === PRIMARY_REGION
        ? [{ name: SHARED_VAULT, lock: none }, { name: EFS_AUTOMATIC_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }]
        : [{ name: SHARED_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }];
    case 'security':
      return region === PRIMARY_REGION
        ? [{ name: AUDIT_VAULT, lock: none }, { name: STANDARD_VAULT, lock: none }, { name: DEFAULT_VAULT, lock: none }]
        : [{ name: DEFAULT_VAULT, lock: none }];
    case 'log-archive':
      return [{ name: ARCHIVE_VAULT, lock: { kind: 'compliance', lockedDaysAgo: 700, min: 365, max: 3650 } }, { name: DEFAULT_VAULT, lock: none }];
    case 'management':
    case 'network':
    case 'sandbox':
      return region === PRIMARY_REGION ? [{ name: DEFAULT_VAULT, lock: none }] : [];
  }
}

/** The vaults of one account in one Region. */
export function buildVaults(account: DemoAccount, region: DemoRegion, rng: Rng, now: number): BackupVault[] {
  return specsFor(account, region).map((spec) => {
    const createdDaysAgo = Math.min(account.joinedDaysAgo - 5, 420 + rng.int(0, 300));
    const customerKey = !spec.airGapped && spec.name !== DEFAULT_VAULT && !spec.name.startsWith('aws/');
    const vault: BackupVault = {
      BackupVaultName: spec.name,
      BackupVaultArn: vaultArn(region, account.id, spec.name),
      VaultType: spec.airGapped ? 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' : 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      CreationDate: iso(now - createdDaysAgo * DAY),
      EncryptionKeyType: spec.airGapped ? 'AWS_OWNED_KMS_KEY' : customerKey ? 'CUSTOMER_MANAGED_KMS_KEY' : 'AWS_OWNED_KMS_KEY',
      ...(customerKey ? { EncryptionKeyArn: `arn:aws:kms:${region}:${account.id}:key/${rng.uuid()}` } : {}),
      NumberOfRecoveryPoints: 0,
      Locked: spec.lock.kind !== 'none',
    };
    if (spec.lock.kind === 'compliance') {
      vault.LockDate = iso(now - Math.min(spec.lock.lockedDaysAgo, createdDaysAgo - 3) * DAY);
    } else if (spec.lock.kind === 'governance' && spec.lock.lockInDays !== undefined) {
      vault.LockDate = iso(now + spec.lock.lockInDays * DAY);
    }
    if (spec.lock.kind !== 'none') {
      vault.MinRetentionDays = spec.lock.min;
      vault.MaxRetentionDays = spec.lock.max;
    }
    return vault;
  });
}

/** `VaultLockState` as jobs report it. */
export const lockState = (vault: BackupVault): string => (vault.Locked ? 'LOCKED' : 'UNLOCKED');
