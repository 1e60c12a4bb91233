/**
 * Incremental job polling of a live organization: a collection asked only for jobs since the last one, merged
 * into the jobs already known (a job seen again replaces its older self, since its state moves on), and jobs
 * older than the window dropped, as AWS itself forgets them after 30 days.
 */
import { isFinalState, type BackupJob, type CopyJob, type Estate, type RestoreJob } from '@vaultscope/core';

function merge<T extends { CreationDate: string }>(older: readonly T[] | undefined, newer: readonly T[] | undefined, id: (job: T) => string, windowStart: string): T[] | undefined {
  if (!older && !newer) return undefined;
  const byId = new Map<string, T>();
  for (const job of older ?? []) if (job.CreationDate >= windowStart) byId.set(id(job), job);
  for (const job of newer ?? []) byId.set(id(job), job);
  return [...byId.values()];
}

/** `next` with its jobs merged into those of `previous`, keeping jobs created at or after `windowStart`. */
export function mergeEstateJobs(previous: Estate, next: Estate, windowStart: string): Estate {
  const backup = merge<BackupJob>(previous.jobs?.backup, next.jobs?.backup, (j) => `${j.AccountId}|${j.BackupJobId}`, windowStart);
  const copy = merge<CopyJob>(previous.jobs?.copy, next.jobs?.copy, (j) => `${j.AccountId}|${j.CopyJobId}`, windowStart);
  const restore = merge<RestoreJob>(previous.jobs?.restore, next.jobs?.restore, (j) => `${j.AccountId}|${j.RestoreJobId}`, windowStart);
  if (!next.jobs && !previous.jobs) return next;
  return {
    ...next,
    jobs: {
      ...next.jobs,
      ...(backup ? { backup } : {}),
      ...(copy ? { copy } : {}),
      ...(restore ? { restore } : {}),
      since: windowStart,
    },
  };
}

/** Newest job creation time in an estate, if any. */
export function newestJobTime(estate: Estate): string | undefined {
  let newest: string | undefined;
  const jobs = estate.jobs;
  for (const list of [jobs?.backup, jobs?.copy, jobs?.restore]) {
    for (const job of list ?? []) if (!newest || job.CreationDate > newest) newest = job.CreationDate;
  }
  return newest;
}

/** The job history AWS keeps, and so the window an incremental poll keeps. */
export const JOB_WINDOW_MS = 30 * 86_400_000;
/** Jobs re-asked for on every poll: long enough to see running jobs finish. */
export const POLL_OVERLAP_MS = 24 * 3_600_000;

/**
 * Where an incremental poll starts: an overlap before the newest known job, and no later than the oldest job
 * still unfinished (a long restore or copy must be asked about again until it ends), never before the window.
 */
export function pollSince(known: Estate, now: number): Date | undefined {
  const newest = newestJobTime(known);
  if (!newest) return undefined;
  let from = Date.parse(newest) - POLL_OVERLAP_MS;
  const unfinished = oldestUnfinishedJobTime(known);
  if (unfinished) from = Math.min(from, Date.parse(unfinished));
  return new Date(Math.max(from, now - JOB_WINDOW_MS));
}

/** Creation time of the oldest job that has not finished (backup/copy `State`, restore `Status`), if any. */
export function oldestUnfinishedJobTime(estate: Estate): string | undefined {
  let oldest: string | undefined;
  const consider = (created: string, state: string): void => {
    // Not final (core's `isFinalState`): the job will change again, so the poll must look back to it.
    if (!isFinalState(state) && (!oldest || created < oldest)) oldest = created;
  };
  const jobs = estate.jobs;
  for (const j of jobs?.backup ?? []) consider(j.CreationDate, j.State);
  for (const j of jobs?.copy ?? []) consider(j.CreationDate, j.State);
  for (const j of jobs?.restore ?? []) consider(j.CreationDate, j.Status);
  return oldest;
}
