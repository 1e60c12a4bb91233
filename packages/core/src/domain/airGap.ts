/**
 * How an asset's backups reach a logically air-gapped vault, per resource type.
 *
 * AWS Backup API reference, BackupRule.TargetLogicallyAirGappedBackupVaultArn: "If provided, supported fully
 * managed resources back up directly to logically air-gapped vault, while other supported resources create a
 * temporary (billable) snapshot in backup vault, then copy it to logically air-gapped vault. Unsupported resources
 * only back up to the specified backup vault." The Developer Guide page "Primary backups to logically air-gapped
 * vaults" names EFS, S3 and DynamoDB with advanced features as fully managed, EBS/EC2, Aurora and FSx as reaching
 * the vault by copy, says resources encrypted with AWS managed keys are not copied, and that an unsupported
 * resource's job "completes successfully" with MessageCategory `LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED`.
 *
 * So a rule's air-gapped target isolates a fully managed type by design; any other type is isolated only once a copy
 * into the air-gapped vault has actually completed, which only job evidence can show.
 */
import type { BackupJob, CopyJob } from '../estate/schema.js';
import { isSucceeded, jobOutcome } from './jobs.js';
import { isAirGappedType, isLockedState } from './vaults.js';

/** `backup`: the backup itself lands in the air-gapped vault; `copy`: only a later copy does; `none`: never. */
export type AirGapReach = 'backup' | 'copy' | 'none';

export const LAG_NOT_SUPPORTED = 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT_NOT_SUPPORTED';

/**
 * Types with full AWS Backup management: their recovery points are `arn:aws:backup:…:recovery-point:*` (Developer
 * Guide, "Resource ARNs": EFS, S3, DynamoDB with advanced features, Timestream, CloudFormation, SAP HANA on EC2,
 * VMware virtual machines, Aurora DSQL).
 */
const FULLY_MANAGED: ReadonlySet<string> = new Set(['EFS', 'S3', 'Timestream', 'CloudFormation', 'SAP HANA on Amazon EC2', 'VirtualMachine', 'DSQL']);

/** Whether AWS Backup fully manages this type's backups (DynamoDB only with advanced features turned on). */
export function isFullyManaged(resourceType: string, dynamodbAdvanced: boolean | undefined): boolean {
  return resourceType === 'DynamoDB' ? dynamodbAdvanced === true : FULLY_MANAGED.has(resourceType);
}

/** How a rule's `TargetLogicallyAirGappedBackupVaultArn` is reached by an asset of this type. */
export function airGapReach(resourceType: string, dynamodbAdvanced: boolean | undefined): AirGapReach {
  // DynamoDB backups without advanced features are DynamoDB's own: they never leave the table's service.
  if (resourceType === 'DynamoDB' && dynamodbAdvanced === false) return 'none';
  return isFullyManaged(resourceType, dynamodbAdvanced) ? 'backup' : 'copy';
}

/** What the newest completed job into a vault says about that vault (job attributes, when AWS returned them). */
export interface VaultObservation {
  via: 'backup' | 'copy';
  jobId: string;
  at: string;
  vaultType?: string;
  lockState?: string;
}

/**
 * The vaults an asset's completed backup and copy jobs wrote to, newest job per vault, with `VaultType` /
 * `VaultLockState` (backup jobs) and `DestinationVaultType` / `DestinationVaultLockState` (copy jobs).
 * `lagRefused` is set when the newest completed backup job says the air-gapped vault does not support the resource.
 */
export function observedVaults(
  backups: readonly BackupJob[] | undefined,
  copies: readonly CopyJob[] | undefined,
  windowStart: string,
): { byVault: Map<string, VaultObservation>; lagRefused: boolean } {
  const byVault = new Map<string, VaultObservation>();
  let newestBackup: BackupJob | undefined;
  const keep = (arn: string, o: VaultObservation): void => {
    const seen = byVault.get(arn);
    if (!seen || o.at > seen.at) byVault.set(arn, o);
  };
  for (const j of backups ?? []) {
    if (!isSucceeded(jobOutcome(j.State, j.MessageCategory)) || j.CreationDate < windowStart) continue;
    if (!newestBackup || j.CreationDate > newestBackup.CreationDate) newestBackup = j;
    if (!j.BackupVaultArn) continue;
    keep(j.BackupVaultArn, {
      via: 'backup',
      jobId: j.BackupJobId,
      at: j.CompletionDate ?? j.CreationDate,
      ...(j.VaultType ? { vaultType: j.VaultType } : {}),
      ...(j.VaultLockState ? { lockState: j.VaultLockState } : {}),
    });
  }
  for (const j of copies ?? []) {
    if (!isSucceeded(jobOutcome(j.State, j.MessageCategory)) || j.CreationDate < windowStart || !j.DestinationBackupVaultArn) continue;
    keep(j.DestinationBackupVaultArn, {
      via: 'copy',
      jobId: j.CopyJobId,
      at: j.CompletionDate ?? j.CreationDate,
      ...(j.DestinationVaultType ? { vaultType: j.DestinationVaultType } : {}),
      ...(j.DestinationVaultLockState ? { lockState: j.DestinationVaultLockState } : {}),
    });
  }
  return { byVault, lagRefused: newestBackup?.MessageCategory === LAG_NOT_SUPPORTED };
}

/** Whether a job observation proves immutability: it landed in a locked or air-gapped vault. */
export function observationImmutable(o: VaultObservation | undefined): boolean {
  return o !== undefined && (isLockedState(o.lockState) || isAirGappedType(o.vaultType));
}
