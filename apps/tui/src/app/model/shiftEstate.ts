/**
 * Moves every timestamp that evaluation compares forward by the same amount. Evaluation only looks at times
 * relative to its clock, so an estate shifted by Δ and evaluated at `now + Δ` has the same posture as the
 * original at `now`: the demo uses this to stay the organization the reporter describes, however long it runs.
 * The fields are core's `COMPARED_TIMESTAMPS`, the timestamps evaluation compares.
 */
import { COMPARED_TIMESTAMPS as T, type Estate } from '@vaultscope/core';

/** `iso` moved by `deltaMs`, in the same form (with milliseconds only if it had them). */
export function shiftIso(iso: string, deltaMs: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const out = new Date(ms + deltaMs).toISOString();
  return /\.\d+Z$/.test(iso) ? out : out.replace(/\.\d{3}Z$/, 'Z');
}

/** A copy of `object` with the named timestamp fields shifted (the object itself when nothing changes). */
function shifted<T extends object>(object: T, deltaMs: number, keys: readonly (keyof T)[]): T {
  let copy: T | undefined;
  for (const key of keys) {
    const value = object[key];
    if (typeof value !== 'string') continue;
    copy ??= { ...object };
    (copy as Record<keyof T, unknown>)[key] = shiftIso(value, deltaMs);
  }
  return copy ?? object;
}

/** `estate` with every compared timestamp `deltaMs` later. Does not mutate its input. */
export function shiftEstate(estate: Estate, deltaMs: number): Estate {
  if (deltaMs === 0) return estate;
  const jobs = estate.jobs;
  return {
    ...shifted(estate, deltaMs, T.estate),
    regions: estate.regions.map((obs) => ({
      ...obs,
      ...(obs.protectedResources ? { protectedResources: obs.protectedResources.map((r) => shifted(r, deltaMs, T.protectedResource)) } : {}),
      ...(obs.backupVaults ? { backupVaults: obs.backupVaults.map((v) => shifted(v, deltaMs, T.backupVault)) } : {}),
      ...(obs.assets ? { assets: obs.assets.map((a) => shifted(a, deltaMs, T.asset)) } : {}),
    })),
    ...(jobs
      ? {
          jobs: {
            ...shifted(jobs, deltaMs, T.jobs),
            ...(jobs.backup ? { backup: jobs.backup.map((j) => shifted(j, deltaMs, T.backupJob)) } : {}),
            ...(jobs.copy ? { copy: jobs.copy.map((j) => shifted(j, deltaMs, T.copyJob)) } : {}),
            ...(jobs.restore ? { restore: jobs.restore.map((j) => shifted(j, deltaMs, T.restoreJob)) } : {}),
          },
        }
      : {}),
  };
}
