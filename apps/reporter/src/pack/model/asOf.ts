/**
 * The estate as it stood at a pack's time base (the period end, or the capture time of an estate observed before
 * it): a pack for November judges coverage, RPO attainment, stale recovery points and findings as of 1 December
 * 00:00 UTC, whenever it is built, and nothing that happened after that instant may show in it.
 *
 * What the observation holds from after the cutoff is taken out: jobs created after it, job outcomes reached after
 * it (such a job was still running at the cutoff), recovery-point times after it (the newest recovery point at the
 * cutoff is then the newest backup job completed before it, from the ledger's history), and assets and vaults
 * created after it. Configuration (plans, selections, vaults) cannot be rolled back from one observation: it is judged as
 * observed, and the pack says so.
 */
import { isCoveredNotProtected, type BackupJob, type CopyJob, type Estate, type Posture, type RestoreJob } from '@vaultscope/core';

/** The instant a pack judges the posture at, and how it got there. */
export interface TimeBase {
  /** ISO-8601 UTC instant the posture is evaluated at. */
  at: string;
  /** `period-end`: the period is over and the estate was observed at or after its end; `observation`: the estate's capture time. */
  kind: 'period-end' | 'observation';
  /** When the estate in hand was observed. */
  observedAt: string;
  /** What was left out of the observation to stand at `at` (for the appendix and tests). */
  removed: { jobs: number; recoveryPointTimes: number; assets: number; outcomesAfter: number };
  /** Gaps at the time base for assets the observation saw backed up later (see `judgedFromJobs`). */
  judgedFromJobs: number;
}

/** Jobs from the ledger's history that the reconstruction may use (created before the cutoff). */
export interface HistoryJobs {
  backup: Iterable<BackupJob>;
  copy: Iterable<CopyJob>;
  restore: Iterable<RestoreJob>;
}

// Compared as instants: estate timestamps may carry a fraction or not, so string order is not quite time order.
const before = (iso: string | undefined, cutoff: string): boolean => iso !== undefined && Date.parse(iso) < Date.parse(cutoff);

/** A job as it stood at the cutoff: one that finished after it was still running then. */
export function asOfBackup(job: BackupJob, cutoff: string, count: () => void): BackupJob {
  if (job.CompletionDate === undefined || before(job.CompletionDate, cutoff)) return job;
  count();
  const running = { ...job, State: 'RUNNING' };
  delete running.CompletionDate;
  return running;
}

export function asOfCopy(job: CopyJob, cutoff: string, count: () => void): CopyJob {
  if (job.CompletionDate === undefined || before(job.CompletionDate, cutoff)) return job;
  count();
  const running = { ...job, State: 'RUNNING' };
  delete running.CompletionDate;
  return running;
}

export function asOfRestore(job: RestoreJob, cutoff: string, count: () => void): RestoreJob {
  if (job.CompletionDate === undefined || before(job.CompletionDate, cutoff)) return job;
  count();
  const running = { ...job, Status: 'RUNNING' };
  for (const key of ['CompletionDate', 'ValidationStatus', 'ValidationStatusMessage', 'DeletionStatus', 'DeletionStatusMessage'] as const) delete running[key];
  return running;
}

/** Merges job lists by id (the later list wins: the ledger's record is the most recent observation of a job). */
function mergeById<T>(a: Iterable<T>, b: Iterable<T>, id: (j: T) => string): T[] {
  const map = new Map<string, T>();
  for (const j of a) map.set(id(j), j);
  for (const j of b) map.set(id(j), j);
  return [...map.values()];
}

/**
 * The estate at `cutoff` (ISO-8601 UTC). When `cutoff` is at or after the
 * capture time the estate is returned as it is. `history` adds the ledger's jobs, so recovery points and job
 * failures before the cutoff are known even when the estate's own 30-day job lists start after them.
 */
export function estateAsOf(
  estate: Estate,
  cutoff: string,
  history?: HistoryJobs,
): { estate: Estate; removed: TimeBase['removed']; laterRecoveryPoints: Set<string> } {
  const removed = { jobs: 0, recoveryPointTimes: 0, assets: 0, outcomesAfter: 0 };
  const laterRecoveryPoints = new Set<string>();
  if (Date.parse(cutoff) >= Date.parse(estate.capturedAt)) return { estate, removed, laterRecoveryPoints };
  const outcome = (): void => {
    removed.outcomesAfter++;
  };
  const keep = <T extends { CreationDate: string }>(jobs: Iterable<T>): T[] => {
    const out: T[] = [];
    for (const j of jobs) {
      if (before(j.CreationDate, cutoff)) out.push(j);
      else removed.jobs++;
    }
    return out;
  };
  const jobs = estate.jobs;
  const backup = keep(mergeById(jobs?.backup ?? [], history?.backup ?? [], (j) => j.BackupJobId)).map((j) => asOfBackup(j, cutoff, outcome));
  const copy = keep(mergeById(jobs?.copy ?? [], history?.copy ?? [], (j) => j.CopyJobId)).map((j) => asOfCopy(j, cutoff, outcome));
  const restore = keep(mergeById(jobs?.restore ?? [], history?.restore ?? [], (j) => j.RestoreJobId)).map((j) => asOfRestore(j, cutoff, outcome));

  const regions = estate.regions.map((obs) => {
    const assets = obs.assets?.filter((a) => {
      if (a.createdAt === undefined || before(a.createdAt, cutoff)) return true;
      removed.assets++;
      return false;
    });
    const protectedResources = obs.protectedResources?.map((p) => {
      if (p.LastBackupTime === undefined || before(p.LastBackupTime, cutoff)) return p;
      // The newest recovery point at the cutoff is the newest backup job completed before it (from the jobs above).
      removed.recoveryPointTimes++;
      laterRecoveryPoints.add(p.ResourceArn);
      const earlier = { ...p };
      delete earlier.LastBackupTime;
      delete earlier.LastRecoveryPointArn;
      return earlier;
    });
    // A vault created after the cutoff did not exist at it.
    const backupVaults = obs.backupVaults?.filter((v) => v.CreationDate === undefined || before(v.CreationDate, cutoff));
    return { ...obs, ...(assets ? { assets } : {}), ...(protectedResources ? { protectedResources } : {}), ...(backupVaults ? { backupVaults } : {}) };
  });
  const since = jobs?.since;
  return {
    estate: {
      ...estate,
      capturedAt: cutoff,
      regions,
      ...(jobs || history ? { jobs: { ...(since ? { since } : {}), backup, copy, restore } } : {}),
    },
    removed,
    laterRecoveryPoints,
  };
}

/**
 * Assets whose newest observed recovery point is after the cutoff but whose job history shows none within the RPO
 * before it: judged from the jobs (a gap at the cutoff, as the evidence stands), and counted so the pack can say
 * that the observation itself saw them protected later. Continuous backups and recovery points made outside AWS
 * Backup jobs leave no job, so this count is what an auditor should look at first.
 */
export function judgedFromJobs(posture: Posture, laterRecoveryPoints: ReadonlySet<string>): number {
  let n = 0;
  for (const a of posture.assets) if (laterRecoveryPoints.has(a.arn) && isCoveredNotProtected(a.coverage.state)) n++;
  return n;
}

/**
 * The time base of a pack: the period end when the period is over and the estate was observed at or after it, else
 * the capture time (a period still running is judged as observed).
 */
export function timeBaseAt(coveredUntil: string, capturedAt: string, complete = true): { at: string; kind: TimeBase['kind'] } {
  const end = new Date(Date.parse(coveredUntil)).toISOString();
  if (complete && Date.parse(capturedAt) >= Date.parse(coveredUntil)) return { at: end, kind: 'period-end' };
  return { at: new Date(Math.min(Date.parse(capturedAt), Date.parse(coveredUntil))).toISOString(), kind: 'observation' };
}

/** `as of 2026-11-01 00:00 UTC (period end)` — the words every posture figure carries. */
export function timeBaseLabel(t: Pick<TimeBase, 'at' | 'kind'>): string {
  const at = `${t.at.slice(0, 16).replace('T', ' ')} UTC`;
  return t.kind === 'period-end' ? `as of ${at} (period end)` : `as of ${at} (the observation; the period had not ended)`;
}
