/**
 * Where a job ran, for the CSVs and the exceptions register.
 */
import { arnParts } from '@vaultscope/core';

/** Region of a job: as recorded, else from its vault or resource ARN. */
export function jobRegion(job: { Region?: string; BackupVaultArn?: string; ResourceArn?: string }): string {
  return job.Region ?? (arnParts(job.BackupVaultArn ?? job.ResourceArn ?? '').region || '');
}
