/**
 * Figures over a period's jobs, gathered while the jobs stream past on their way into the CSVs: memory grows
 * with days, accounts and distinct failure reasons, never with the number of jobs.
 */
import {
  addToCounts,
  arnParts,
  emptyJobCounts,
  isAirGappedType,
  isFault,
  isLockedState,
  isSucceeded,
  isUnsuccessful,
  jobOutcome,
  successRate,
  type BackupJob,
  type CopyJob,
  type JobCounts,
  type JobOutcome,
} from '@vaultscope/core';
import type { PackPeriod } from './period.js';
import { pdfText } from '../text.js';

/** Jobs by outcome, as `countJobs` in core counts them. */
export type OutcomeCounts = Omit<JobCounts, 'successRate'>;

/** One day of the daily chart. */
export interface DailyCount {
  day: string;
  completed: number;
  failed: number;
  other: number;
}

export interface AccountCounts {
  accountId: string;
  counts: OutcomeCounts;
  successRate: number | null;
}

export interface BackupStats {
  counts: OutcomeCounts;
  successRate: number | null;
  daily: DailyCount[];
  byAccount: AccountCounts[];
  failureReasons: { reason: string; count: number }[];
}

export interface CopyStats {
  counts: OutcomeCounts;
  successRate: number | null;
  /** Completed copies whose destination vault is in another Region / account than the source. */
  crossRegion: number;
  crossAccount: number;
  toLockedVault: number;
  toAirGappedVault: number;
  destinations: { accountId: string; region: string; completed: number; failed: number }[];
  daily: DailyCount[];
}

/**
 * Counts a job and names its bar in the daily chart: succeeded, unsuccessful (failed, expired, aborted or
 * partial: core's `isUnsuccessful`), or other (not finished).
 */
function tally(c: OutcomeCounts, outcome: JobOutcome): 'completed' | 'failed' | 'other' {
  addToCounts(c, outcome);
  return isSucceeded(outcome) ? 'completed' : isUnsuccessful(outcome) ? 'failed' : 'other';
}

/** Every day of the period, so the chart has no silent gaps. */
function daysOf(period: PackPeriod): string[] {
  const days: string[] = [];
  for (let t = Date.parse(period.from); t < Date.parse(period.to); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

class DailyTally {
  private readonly days = new Map<string, DailyCount>();
  add(creationDate: string, outcome: 'completed' | 'failed' | 'other'): void {
    // AWS timestamps are UTC (`…Z`): the day is the first ten characters; anything else is parsed.
    const day = creationDate.endsWith('Z') && creationDate[10] === 'T' ? creationDate.slice(0, 10) : new Date(Date.parse(creationDate)).toISOString().slice(0, 10);
    let d = this.days.get(day);
    if (!d) this.days.set(day, (d = { day, completed: 0, failed: 0, other: 0 }));
    d[outcome]++;
  }
  result(period: PackPeriod): DailyCount[] {
    return daysOf(period).map((day) => this.days.get(day) ?? { day, completed: 0, failed: 0, other: 0 });
  }
}

const MAX_REASONS = 10_000;

/** Accumulates backup-job figures. */
export class BackupStatsCollector {
  private readonly counts = emptyJobCounts();
  private readonly daily = new DailyTally();
  private readonly accounts = new Map<string, OutcomeCounts>();
  private readonly reasons = new Map<string, number>();

  add(job: BackupJob): void {
    const outcome = jobOutcome(job.State, job.MessageCategory);
    this.daily.add(job.CreationDate, tally(this.counts, outcome));
    let acct = this.accounts.get(job.AccountId);
    if (!acct) this.accounts.set(job.AccountId, (acct = emptyJobCounts()));
    addToCounts(acct, outcome);
    if (isFault(outcome)) {
      const message = pdfText(job.StatusMessage ?? '').slice(0, 160);
      let reason = `${job.State}${job.MessageCategory ? ` (${job.MessageCategory})` : ''}${message ? `: ${message}` : ''}`;
      // Bounded however many distinct messages a hostile or noisy account produces.
      if (!this.reasons.has(reason) && this.reasons.size >= MAX_REASONS) reason = `${job.State}: other reasons`;
      this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    }
  }

  result(period: PackPeriod): BackupStats {
    return {
      counts: this.counts,
      successRate: successRate(this.counts),
      daily: this.daily.result(period),
      byAccount: [...this.accounts]
        .map(([accountId, counts]) => ({ accountId, counts, successRate: successRate(counts) }))
        .sort((a, b) => a.accountId.localeCompare(b.accountId)),
      failureReasons: [...this.reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
        .slice(0, 10),
    };
  }
}

/** Where a copy went relative to where it came from. */
export function copyDirection(job: CopyJob): { sourceAccount: string; sourceRegion: string; destAccount: string; destRegion: string; crossRegion: boolean; crossAccount: boolean } {
  const src = arnParts(job.SourceBackupVaultArn ?? job.SourceRecoveryPointArn ?? job.ResourceArn);
  const dst = arnParts(job.DestinationBackupVaultArn ?? job.DestinationRecoveryPointArn ?? '');
  const sourceAccount = src.accountId || job.AccountId;
  const sourceRegion = src.region || job.Region || '';
  return {
    sourceAccount,
    sourceRegion,
    destAccount: dst.accountId,
    destRegion: dst.region,
    crossRegion: Boolean(dst.region) && dst.region !== sourceRegion,
    crossAccount: Boolean(dst.accountId) && dst.accountId !== sourceAccount,
  };
}

/** Accumulates copy-job figures. */
export class CopyStatsCollector {
  private readonly counts = emptyJobCounts();
  private readonly daily = new DailyTally();
  private readonly destinations = new Map<string, { accountId: string; region: string; completed: number; failed: number }>();
  private crossRegion = 0;
  private crossAccount = 0;
  private toLockedVault = 0;
  private toAirGappedVault = 0;

  add(job: CopyJob): void {
    const outcome = tally(this.counts, jobOutcome(job.State, job.MessageCategory));
    this.daily.add(job.CreationDate, outcome);
    const dir = copyDirection(job);
    const key = `${dir.destAccount}|${dir.destRegion}`;
    let dest = this.destinations.get(key);
    if (!dest) this.destinations.set(key, (dest = { accountId: dir.destAccount, region: dir.destRegion, completed: 0, failed: 0 }));
    if (outcome === 'completed') {
      dest.completed++;
      if (dir.crossRegion) this.crossRegion++;
      if (dir.crossAccount) this.crossAccount++;
      if (isLockedState(job.DestinationVaultLockState)) this.toLockedVault++;
      if (isAirGappedType(job.DestinationVaultType)) this.toAirGappedVault++;
    } else if (outcome === 'failed') dest.failed++;
  }

  result(period: PackPeriod): CopyStats {
    return {
      counts: this.counts,
      successRate: successRate(this.counts),
      crossRegion: this.crossRegion,
      crossAccount: this.crossAccount,
      toLockedVault: this.toLockedVault,
      toAirGappedVault: this.toAirGappedVault,
      destinations: [...this.destinations.values()].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region)),
      daily: this.daily.result(period),
    };
  }
}
