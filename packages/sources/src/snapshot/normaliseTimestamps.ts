/**
 * Evaluation compares timestamps as strings (cheap on hundreds of thousands of jobs), which is only right when
 * they share one form. Snapshots assembled from AWS CLI output carry offsets (`+00:00`, `+01:00`) and may omit
 * seconds: those are rewritten, in place, to UTC `…Z`; the common canonical form is left alone.
 */
import { isCanonicalUtc, COMPARED_TIMESTAMPS, type Estate } from '@vaultscope/core';

/** A valid zone-less or offset form (the schema checked it): Date does the arithmetic. */
function toCanonical(value: string): string {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}

// Canonical values, nearly all of them, are left untouched: no store into the object.
function fix<T extends object>(obj: T, keys: readonly (keyof T)[]): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = obj[key];
    if (typeof v === 'string' && !isCanonicalUtc(v)) (obj as Record<keyof T, unknown>)[key] = toCanonical(v);
  }
}

/** Rewrites every timestamp that evaluation compares to canonical UTC form. Mutates the estate. */
export function normaliseTimestamps(estate: Estate): Estate {
  const t = COMPARED_TIMESTAMPS;
  fix(estate, t.estate);
  for (const obs of estate.regions) {
    for (const r of obs.protectedResources ?? []) fix(r, t.protectedResource);
    for (const v of obs.backupVaults ?? []) fix(v, t.backupVault);
    for (const a of obs.assets ?? []) fix(a, t.asset);
  }
  const jobs = estate.jobs;
  if (jobs) {
    fix(jobs, t.jobs);
    for (const j of jobs.backup ?? []) fix(j, t.backupJob);
    for (const j of jobs.copy ?? []) fix(j, t.copyJob);
    for (const j of jobs.restore ?? []) fix(j, t.restoreJob);
  }
  return estate;
}
