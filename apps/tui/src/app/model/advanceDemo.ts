/**
 * Keeps the demo organization alive without letting it drift. The estate as first generated is shifted forward
 * by the time that has passed (`shiftEstate`), so its posture — coverage, findings, restore tests — stays the
 * one the reporter describes; on top of that, running jobs keep progressing (a job that reaches 100 % starts
 * its next run) and new backup jobs appear, run and complete for assets that are already protected, so the
 * animation never changes a figure the posture is made of. Pure and deterministic: the same base, start,
 * `now` and protected set always give the same estate, so a test can pin the clock.
 */
import { isInProgress, jobOutcome, type BackupJob, type CopyJob, type Estate, type RestoreJob } from '@vaultscope/core';
import { shiftEstate } from './shiftEstate.js';

/** A new demo backup job starts every this many milliseconds. */
export const DEMO_JOB_EVERY_MS = 60_000;
/** A finished demo job stays listed this long, then falls away (so the job totals do not grow without end). */
export const DEMO_JOB_KEPT_MS = 15 * 60_000;
/** The longest a demo job runs (at the slowest rate, 4 % a minute). */
const LONGEST_RUN_MS = 25 * 60_000;

/** FNV-1a: a small, stable hash so that every choice below follows from ids and times alone. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Percent per minute of a job: 4..12, so a run takes 8–25 minutes. */
const rateOf = (id: string): number => 4 + (stableHash(id) % 9);

/**
 * Where a job that was `startPercent` done at `from` stands at `now`. Jobs that were running when the demo was
 * generated never finish (their outcome would change the posture): at 100 % they start their next run. In its
 * first run a job keeps its creation time; a later run was created when it began.
 */
function cycle(id: string, createdAt: string, startPercent: number, from: number, now: number): { percent: number; createdAt: string } {
  const perMinute = rateOf(id);
  const total = startPercent + (Math.max(0, now - from) / 60_000) * perMinute;
  if (total < 100) return { percent: total, createdAt };
  const percent = total % 100;
  return { percent, createdAt: iso(now - (percent / perMinute) * 60_000) };
}

/**
 * A copy of `object` without `keys` (a finished job has no progress; a new job has no outcome yet). Typed as
 * `T`: the keys removed are optional fields, and `Omit` would lose the known fields of AWS's loose shapes.
 */
function omit<T extends object>(object: T, ...keys: (keyof T)[]): T {
  const copy = { ...object };
  for (const key of keys) Reflect.deleteProperty(copy, key);
  return copy;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const startPercentOf = (value: string | undefined): number => {
  const n = Number.parseFloat(value ?? '0');
  return Number.isFinite(n) ? Math.min(99, Math.max(0, n)) : 0;
};

// These take the job as generated (not shifted): a running job ages with the clock like a real one.
function advanceBackup(job: BackupJob, baseAt: number, now: number): BackupJob {
  const c = cycle(job.BackupJobId, job.CreationDate, startPercentOf(job.PercentDone), baseAt, now);
  return { ...job, State: 'RUNNING', CreationDate: c.createdAt, PercentDone: c.percent.toFixed(1) };
}

function advanceCopy(job: CopyJob, baseAt: number, now: number): CopyJob {
  return { ...job, State: 'RUNNING', CreationDate: cycle(job.CopyJobId, job.CreationDate, 0, baseAt, now).createdAt };
}

function advanceRestore(job: RestoreJob, baseAt: number, now: number): RestoreJob {
  const c = cycle(job.RestoreJobId, job.CreationDate, startPercentOf(job.PercentDone), baseAt, now);
  return { ...job, Status: 'RUNNING', CreationDate: c.createdAt, PercentDone: c.percent.toFixed(1) };
}

/** `shifted` with the jobs that were running in `base` (same index) advanced instead of shifted. */
function advanceRunning<J>(base: readonly J[] | undefined, shifted: readonly J[] | undefined, isRunning: (job: J) => boolean, advance: (job: J) => J): J[] | undefined {
  if (!base || !shifted) return undefined;
  return shifted.map((job, i) => {
    const original = base[i] as J;
    return isRunning(original) ? advance(original) : job;
  });
}

/**
 * Templates for new jobs: one backup job per protected resource. A successful backup of an asset that already
 * meets its RPO changes no coverage state and no finding.
 */
function templates(base: Estate, protectedArns: ReadonlySet<string>): BackupJob[] {
  const seen = new Map<string, BackupJob>();
  for (const job of base.jobs?.backup ?? []) if (protectedArns.has(job.ResourceArn) && !seen.has(job.ResourceArn)) seen.set(job.ResourceArn, job);
  return [...seen.values()].sort((a, b) => (a.ResourceArn < b.ResourceArn ? -1 : 1));
}

/** The `k`-th new demo job as it stands at `now`, or undefined once it has finished long enough ago. */
function newJob(template: BackupJob, k: number, startedAt: number, now: number): BackupJob | undefined {
  const id = `demo-live-${k.toString().padStart(6, '0')}-${stableHash(`${template.ResourceArn}|${k}`).toString(16).padStart(8, '0')}`;
  const rest = omit(template, 'CompletionDate', 'StatusMessage', 'MessageCategory', 'BackupSizeInBytes', 'PercentDone', 'RecoveryPointArn', 'StartBy');
  const perMinute = rateOf(id);
  const percent = ((now - startedAt) / 60_000) * perMinute;
  if (percent < 100) return { ...rest, BackupJobId: id, CreationDate: iso(startedAt), State: 'RUNNING', PercentDone: percent.toFixed(1) };
  const finishedAt = startedAt + (100 / perMinute) * 60_000;
  if (now - finishedAt > DEMO_JOB_KEPT_MS) return undefined;
  return {
    ...rest,
    BackupJobId: id,
    CreationDate: iso(startedAt),
    CompletionDate: iso(finishedAt),
    State: 'COMPLETED',
    MessageCategory: 'SUCCESS',
    BackupSizeInBytes: template.BackupSizeInBytes ?? 1_000_000 * (1 + (stableHash(id) % 5000)),
  };
}

/**
 * The demo estate `now`, for a base estate generated at `baseAt` (both in ms). `protectedArns` are the assets
 * the base posture found protected: new jobs are made only for them.
 */
export function advanceDemo(base: Estate, baseAt: number, now: number, protectedArns: ReadonlySet<string> = new Set()): Estate {
  // Whole seconds, so shifted timestamps keep their second-resolution form.
  const elapsed = Math.floor(Math.max(0, now - baseAt) / 1000) * 1000;
  const shifted = shiftEstate(base, elapsed);
  const jobs = shifted.jobs ?? {};
  const baseJobs = base.jobs ?? {};
  const backup = advanceRunning(baseJobs.backup, jobs.backup, (j) => isInProgress(jobOutcome(j.State)), (j) => advanceBackup(j, baseAt, now)) ?? [];
  const copy = advanceRunning(baseJobs.copy, jobs.copy, (j) => isInProgress(jobOutcome(j.State)), (j) => advanceCopy(j, baseAt, now));
  const restore = advanceRunning(baseJobs.restore, jobs.restore, (j) => isInProgress(jobOutcome(j.Status)), (j) => advanceRestore(j, baseAt, now));
  const pool = templates(base, protectedArns);
  const count = Math.floor(elapsed / DEMO_JOB_EVERY_MS);
  if (pool.length) {
    const oldest = Math.max(1, Math.ceil((elapsed - LONGEST_RUN_MS - DEMO_JOB_KEPT_MS) / DEMO_JOB_EVERY_MS));
    for (let k = oldest; k <= count; k++) {
      const template = pool[stableHash(`pick|${k}`) % pool.length] as BackupJob;
      const job = newJob(template, k, baseAt + k * DEMO_JOB_EVERY_MS, now);
      if (job) backup.push(job);
    }
  }
  return {
    ...shifted,
    capturedAt: iso(now),
    jobs: { ...jobs, backup, ...(copy ? { copy } : {}), ...(restore ? { restore } : {}) },
  };
}
