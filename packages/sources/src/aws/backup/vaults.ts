/** Backup vaults (lock state, lock date, min/max retention, vault type) and protected resources. */
import { paginateListBackupVaults, paginateListProtectedResources, type BackupClient } from '@aws-sdk/client-backup';
import { backupVaultSchema, protectedResourceSchema, type BackupVault, type ProtectedResource } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, toPlain } from '../shapes.js';
import { conformAll } from '../validate.js';

const SERVICE = 'backup';

/** Every vault of the Region (ListBackupVaults carries Locked, LockDate, retention and type: no Describe needed). */
export async function listBackupVaults(client: BackupClient, scope: RegionScope): Promise<BackupVault[] | undefined> {
  const vaults = await scope.errors.attempt({ service: SERVICE, operation: 'ListBackupVaults' }, () =>
    allPages(paginateListBackupVaults({ client }, { MaxResults: 1000 }), (p) => p.BackupVaultList),
  );
  if (!vaults) return undefined;
  return conformAll(backupVaultSchema, toPlain(vaults), scope.errors, (v) => ({
    service: SERVICE,
    operation: 'ListBackupVaults',
    resource: String((v as { BackupVaultArn?: unknown }).BackupVaultArn ?? ''),
  }));
}

/** Resources AWS Backup has successfully backed up (evidence of protection, not of plan coverage). */
export async function listProtectedResources(client: BackupClient, scope: RegionScope): Promise<ProtectedResource[] | undefined> {
  const results = await scope.errors.attempt({ service: SERVICE, operation: 'ListProtectedResources' }, () =>
    allPages(paginateListProtectedResources({ client }, { MaxResults: 1000 }), (p) => p.Results),
  );
  if (!results) return undefined;
  return conformAll(protectedResourceSchema, toPlain(results), scope.errors, (r) => ({
    service: SERVICE,
    operation: 'ListProtectedResources',
    resource: String((r as { ResourceArn?: unknown }).ResourceArn ?? ''),
  }));
}
