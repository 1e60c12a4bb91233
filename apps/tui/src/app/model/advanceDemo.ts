/**
 * Keeps the demo organization alive: given the estate as first generated and how much time has passed, running
 * jobs progress (and finish, a few of them badly) and new backup jobs appear. Pure and deterministic: the same
 * base, start and `now` always give the same estate, so a test can pin the clock.
 */
import type { BackupJob, CopyJob, Estate, RestoreJob } from '@vaultscope/core';

/** A new demo backup job starts every this many milliseconds. */
export const DEMO_JOB_EVERY_MS = 20_000;
/** At most this many generated jobs are kept (the oldest fall away, as AWS forgets old jobs). */
const MAX_LIVE_JOBS = 5_000;
const RUNNING = new Set(['CREATED', 'PENDING', 'RUNNING']);

const FAILURES: readonly { state: string; category: string; message: string }[] = [
  { state: 'FAILED', category: 'AccessDenied', message: 'Access denied: the IAM role is not authorized to perform backup:StartBackupJob on the resource.' },
  { state: 'EXPIRED', category: 'EXPIRED', message: 'Backup job expired before it could start within its start window.' },
  { state: 'FAILED', category: 'InvalidParameters', message: 'Insufficient privileges to perform this action. The resource is encrypted with a key the role cannot use.' },
];

/** FNV-1a: a small, stable hash so that every choice below follows from ids and times alone. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Progress {
  running: boolean;
  percent: number;
  finishedAt?: number;
  failure?: (typeof FAILURES)[number];
}

/** Where a job that was `startPercent` done at `from` stands at `now`; about one in ten ends in a failure. */
function progress(id: string, startPercent: number, from: number, now: number): Progress {
  const h = stableHash(id);
  const perMinute = 4 + (h % 9); // 4..12 % per minute: a job takes 8–25 minutes
  const percent = startPercent + (Math.max(0, now - from) / 60_000) * perMinute;
  if (percent < 100) return { running: true, percent };
  const finishedAt = from + ((100 - startPercent) / perMinute) * 60_000;
  const failure = h % 10 === 0 ? FAILURES[(h >>> 4) % FAILURES.length] : undefined;
  return { running: false, percent: 100, finishedAt, ...(failure ? { failure } : {}) };
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

function advanceBackup(job: BackupJob, baseAt: number, now: number): BackupJob {
  if (!RUNNING.has(job.State)) return job;
  const p = progress(job.BackupJobId, startPercentOf(job.PercentDone), baseAt, now);
  if (p.running) return { ...job, State: 'RUNNING', PercentDone: p.percent.toFixed(1) };
  const base = { ...omit(job, 'PercentDone'), CompletionDate: iso(p.finishedAt ?? now) };
  if (p.failure) return { ...base, State: p.failure.state, StatusMessage: p.failure.message, MessageCategory: p.failure.category };
  return { ...base, State: 'COMPLETED', MessageCategory: 'SUCCESS', BackupSizeInBytes: job.BackupSizeInBytes ?? 1_000_000 * (1 + (stableHash(job.BackupJobId) % 5000)) };
}

function advanceCopy(job: CopyJob, baseAt: number, now: number): CopyJob {
  if (!RUNNING.has(job.State)) return job;
  const p = progress(job.CopyJobId, 0, baseAt, now);
  if (p.running) return { ...job, State: 'RUNNING' };
  const base = { ...job, CompletionDate: iso(p.finishedAt ?? now) };
  if (p.failure) return { ...base, State: 'FAILED', StatusMessage: p.failure.message, MessageCategory: p.failure.category };
  return { ...base, State: 'COMPLETED', MessageCategory: 'SUCCESS' };
}

function advanceRestore(job: RestoreJob, baseAt: number, now: number): RestoreJob {
  if (!RUNNING.has(job.Status)) return job;
  const p = progress(job.RestoreJobId, startPercentOf(job.PercentDone), baseAt, now);
  if (p.running) return { ...job, Status: 'RUNNING', PercentDone: p.percent.toFixed(1) };
  const done = { ...job, PercentDone: '100.0', CompletionDate: iso(p.finishedAt ?? now) };
  if (p.failure) return { ...done, Status: 'FAILED', StatusMessage: p.failure.message };
  return { ...done, Status: 'COMPLETED', ...(job.CreatedBy?.RestoreTestingPlanArn ? { ValidationStatus: 'SUCCESSFUL' } : {}) };
}

/** Templates for new jobs: the resources that already have backup jobs, else every observed asset. */
function templates(base: Estate): BackupJob[] {
  const seen = new Map<string, BackupJob>();
  for (const job of base.jobs?.backup ?? []) if (!seen.has(job.ResourceArn)) seen.set(job.ResourceArn, job);
  if (seen.size) return [...seen.values()].sort((a, b) => (a.ResourceArn < b.ResourceArn ? -1 : 1));
  const out: BackupJob[] = [];
  for (const obs of base.regions) {
    for (const asset of obs.assets ?? []) {
      out.push({
        AccountId: obs.accountId,
        Region: obs.region,
        BackupJobId: '',
        ResourceArn: asset.arn,
        ResourceType: asset.resourceType,
        ResourceName: asset.name,
        BackupVaultName: 'Default',
        CreationDate: base.capturedAt,
        State: 'CREATED',
      });
    }
  }
  return out;
}

function newJob(template: BackupJob, k: number, startedAt: number, now: number): BackupJob {
  const id = `demo-live-${k.toString().padStart(6, '0')}-${stableHash(`${template.ResourceArn}|${k}`).toString(16).padStart(8, '0')}`;
  const rest = omit(template, 'CompletionDate', 'StatusMessage', 'MessageCategory', 'BackupSizeInBytes', 'PercentDone', 'RecoveryPointArn');
  return advanceBackup({ ...rest, BackupJobId: id, CreationDate: iso(startedAt), State: 'CREATED', PercentDone: '0.0' }, startedAt, now);
}

/** The demo estate `now`, for a base estate generated at `baseAt` (both in ms). */
export function advanceDemo(base: Estate, baseAt: number, now: number): Estate {
  const elapsed = Math.max(0, now - baseAt);
  const jobs = base.jobs ?? {};
  const backup = (jobs.backup ?? []).map((j) => advanceBackup(j, baseAt, now));
  const pool = templates(base);
  const count = Math.floor(elapsed / DEMO_JOB_EVERY_MS);
  if (pool.length) {
    for (let k = Math.max(1, count - MAX_LIVE_JOBS + 1); k <= count; k++) {
      const template = pool[stableHash(`pick|${k}`) % pool.length] as BackupJob;
      backup.push(newJob(template, k, baseAt + k * DEMO_JOB_EVERY_MS, now));
    }
  }
  return {
    ...base,
    capturedAt: iso(now),
    jobs: {
      ...jobs,
      backup,
      ...(jobs.copy ? { copy: jobs.copy.map((j) => advanceCopy(j, baseAt, now)) } : {}),
      ...(jobs.restore ? { restore: jobs.restore.map((j) => advanceRestore(j, baseAt, now)) } : {}),
    },
  };
}
