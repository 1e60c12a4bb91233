/**
 * Figures over a period's jobs, gathered while the jobs stream past on their way into the CSVs: memory grows
 * with days, accounts and distinct failure reasons, never with the number of jobs.
 */
import { arnParts, type BackupJob, type CopyJob } from '@vaultscope/core';
import type { PackPeriod } from './period.js';
import { pdfText } from '../text.js';

/** Jobs by outcome, as `countJobs` in core counts them. */
export interface OutcomeCounts {
  total: number;
  completed: number;
  completedWithIssues: number;
  failed: number;
  expired: number;
  aborted: number;
  partial: number;
  running: number;
}

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

const emptyCounts = (): OutcomeCounts => ({ total: 0, completed: 0, completedWithIssues: 0, failed: 0, expired: 0, aborted: 0, partial: 0, running: 0 });
const finished = (c: OutcomeCounts): number => c.completed + c.failed + c.expired + c.aborted + c.partial;
/** Completed / finished, or null when nothing finished. */
export const successRate = (c: OutcomeCounts): number | null => (finished(c) === 0 ? null : c.completed / finished(c));

function tally(c: OutcomeCounts, state: string, category: string | undefined): 'completed' | 'failed' | 'other' {
  c.total++;
  switch (state) {
    case 'COMPLETED':
      c.completed++;
      if (category && category !== 'SUCCESS') c.completedWithIssues++;
      return 'completed';
    case 'FAILED':
      c.failed++;
      return 'failed';
    case 'EXPIRED':
      c.expired++;
      return 'failed';
    case 'ABORTED':
    case 'ABORTING':
      c.aborted++;
      return 'failed';
    case 'PARTIAL':
      c.partial++;
      return 'other';
    default:
      c.running++;
      return 'other';
  }
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
  private readonly counts = emptyCounts();
  private readonly daily = new DailyTally();
  private readonly accounts = new Map<string, OutcomeCounts>();
  private readonly reasons = new Map<string, number>();

  add(job: BackupJob): void {
    const outcome = tally(this.counts, job.State, job.MessageCategory);
    this.daily.add(job.CreationDate, outcome);
    let acct = this.accounts.get(job.AccountId);
    if (!acct) this.accounts.set(job.AccountId, (acct = emptyCounts()));
    tally(acct, job.State, job.MessageCategory);
    if (outcome === 'failed' || job.State === 'PARTIAL' || (job.State === 'COMPLETED' && job.MessageCategory && job.MessageCategory !== 'SUCCESS')) {
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
  private readonly counts = emptyCounts();
  private readonly daily = new DailyTally();
  private readonly destinations = new Map<string, { accountId: string; region: string; completed: number; failed: number }>();
  private crossRegion = 0;
  private crossAccount = 0;
  private toLockedVault = 0;
  private toAirGappedVault = 0;

  add(job: CopyJob): void {
    const outcome = tally(this.counts, job.State, job.MessageCategory);
    this.daily.add(job.CreationDate, outcome);
    const dir = copyDirection(job);
    const key = `${dir.destAccount}|${dir.destRegion}`;
    let dest = this.destinations.get(key);
    if (!dest) this.destinations.set(key, (dest = { accountId: dir.destAccount, region: dir.destRegion, completed: 0, failed: 0 }));
    if (outcome === 'completed') {
      dest.completed++;
      if (dir.crossRegion) this.crossRegion++;
      if (dir.crossAccount) this.crossAccount++;
      if (job.DestinationVaultLockState === 'LOCKED') this.toLockedVault++;
      if (job.DestinationVaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') this.toAirGappedVault++;
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
