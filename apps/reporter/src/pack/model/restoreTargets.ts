/**
 * Where restores of the period landed relative to what they restored (DORA Art. 12(3): restoring onto systems
 * segregated from the source). The target is the restored resource's ARN (`CreatedResourceArn`); the source is
 * the restored resource (`SourceResourceArn`), else the recovery point's vault.
 */
import { arnParts, jobOutcome, type RestoreJob } from '@vaultscope/core';

/** Completed restores of the period by where they landed. */
export interface RestoreTargetStats {
  completed: number;
  /** Completed restores whose target account or Region could be read from both ARNs. */
  located: number;
  otherAccount: number;
  otherRegion: number;
}

/** Where one restore came from and went to; empty strings where an ARN does not say (S3 ARNs carry neither). */
export function restoreDirection(job: RestoreJob): { sourceAccount: string; sourceRegion: string; targetAccount: string; targetRegion: string } {
  const src = arnParts(job.SourceResourceArn ?? '');
  const vault = arnParts(job.BackupVaultArn ?? job.RecoveryPointArn ?? '');
  const dst = arnParts(job.CreatedResourceArn ?? '');
  return {
    sourceAccount: src.accountId || vault.accountId,
    sourceRegion: src.region || vault.region || job.Region || '',
    // A restore runs in the account that owns the job: the target account when the ARN does not say.
    targetAccount: dst.accountId || (job.CreatedResourceArn ? job.AccountId : ''),
    targetRegion: dst.region,
  };
}

/** Accumulates restore targets while the period's restore jobs stream past. */
export class RestoreTargetCollector {
  private readonly stats: RestoreTargetStats = { completed: 0, located: 0, otherAccount: 0, otherRegion: 0 };

  add(job: RestoreJob): void {
    if (jobOutcome(job.Status) !== 'completed') return;
    this.stats.completed++;
    const d = restoreDirection(job);
    if (!(d.sourceAccount && d.targetAccount) && !(d.sourceRegion && d.targetRegion)) return;
    this.stats.located++;
    if (d.sourceAccount && d.targetAccount && d.sourceAccount !== d.targetAccount) this.stats.otherAccount++;
    if (d.sourceRegion && d.targetRegion && d.sourceRegion !== d.targetRegion) this.stats.otherRegion++;
  }

  result(): RestoreTargetStats {
    return { ...this.stats };
  }
}
