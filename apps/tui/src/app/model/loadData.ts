/**
 * The data access layer of the TUI: turns a source into a `load(now)` for the refresher. Each load observes
 * (or advances) the estate, evaluates it under the policy at that time, and indexes it for the views.
 *
 * - demo: generated once, then moved forward in time with its posture unchanged (running jobs progress, new
 *   jobs appear for protected assets);
 * - snapshot: judged as of its capture time, as the reporter's `posture` judges it (a three-day-old file is
 *   not three days staler on screen than in the report); re-read only when the file has changed on disk;
 * - aws: a full collection first, then collections that ask only for jobs since the newest known one (with an
 *   overlap, and from the oldest unfinished job at the latest, since running jobs change state), merged into
 *   the known jobs.
 */
import { stat } from 'node:fs/promises';
import { evaluate, type Estate, type Policy, type Posture } from '@vaultscope/core';
import { loadSource, type SourceSpec } from '@vaultscope/sources';
import type { AwsCollectOptions } from '@vaultscope/sources/aws';
import { advanceDemo } from './advanceDemo.js';
import { mergeEstateJobs, newestJobTime, oldestUnfinishedJobTime } from './mergeJobs.js';
import { buildOrgData, type OrgData } from '../../model/orgData.js';

const JOB_WINDOW_MS = 30 * 86_400_000;
/** Jobs re-asked for on every poll: long enough to see running jobs finish. */
const POLL_OVERLAP_MS = 24 * 3_600_000;

export interface LoaderOptions {
  spec: SourceSpec;
  policy: Policy;
  policyHash?: string;
  /** Seed of the demo organization (the demo's default when absent). */
  seed?: number;
  aws?: Omit<AwsCollectOptions, 'now' | 'since'>;
  /** Shown as the source in the title bar. */
  label: string;
  /**
   * Called when a changed snapshot file is about to be read again: the caller lets go of the data of the old
   * one, so two generations of a large estate are never in memory at once.
   */
  beforeReread?: () => void;
  /** Observes a source (`@vaultscope/sources`' `loadSource`; a fake in tests). */
  loadSource?: typeof loadSource;
}

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

/** Assets the posture found protected: the demo's new jobs are for them alone, so they change no figure. */
const protectedArnsOf = (posture: Posture): ReadonlySet<string> => new Set(posture.assets.filter((a) => a.coverage.state === 'PROTECTED').map((a) => a.arn));

/** Identity of a file's content as far as the file system tells (undefined when it cannot be read). */
async function fileStamp(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/** What one load observes: the estate and its posture (plain data, so it can cross from a worker). */
export interface Observed {
  estate: Estate;
  posture: Posture;
}

/**
 * An `observe(now)`: the estate of the source at `now` (advanced, re-read or polled) and its posture. Holds the
 * source's state between calls (the demo's base, the jobs known from AWS).
 */
export function createObserver(options: LoaderOptions): (now: number) => Promise<Observed> {
  const finish = (estate: Estate, now: number): Observed => ({
    estate,
    posture: evaluate(estate, options.policy, new Date(now), options.policyHash ? { policyHash: options.policyHash } : {}),
  });

  switch (options.spec.kind) {
    case 'demo': {
      const spec = options.spec;
      const load = options.loadSource ?? loadSource;
      const seed = options.seed !== undefined ? { seed: options.seed } : {};
      let base: { estate: Estate; at: number; protectedArns: ReadonlySet<string> } | undefined;
      return async (now) => {
        if (!base) {
          const estate = await load(spec, { now: () => new Date(now), ...seed });
          const first = finish(advanceDemo(estate, now, now), now);
          base = { estate, at: now, protectedArns: protectedArnsOf(first.posture) };
          return first;
        }
        return finish(advanceDemo(base.estate, base.at, now, base.protectedArns), now);
      };
    }
    case 'snapshot': {
      const spec = options.spec;
      const load = options.loadSource ?? loadSource;
      let last: { stamp: string; observed: Observed } | undefined;
      return async (now) => {
        const stamp = await fileStamp(spec.path);
        // Unchanged on disk: the same observation (same object), so nothing downstream needs redoing.
        if (last && stamp !== undefined && stamp === last.stamp) return last.observed;
        if (last) {
          last = undefined;
          options.beforeReread?.();
        }
        const estate = await load(spec, { now: () => new Date(now) });
        const observed = finish(estate, Date.parse(estate.capturedAt));
        last = stamp === undefined ? undefined : { stamp, observed };
        return observed;
      };
    }
    case 'aws': {
      const spec = options.spec;
      const load = options.loadSource ?? loadSource;
      let known: Estate | undefined;
      return async (now) => {
        const since = known ? pollSince(known, now) : undefined;
        const fresh = await load(spec, { now: () => new Date(now), aws: { ...options.aws, ...(since ? { since } : {}) } });
        known = known ? mergeEstateJobs(known, fresh, new Date(now - JOB_WINDOW_MS).toISOString()) : fresh;
        return finish(known, now);
      };
    }
  }
}

/** A `load(now)` for the refresher: observes and indexes for the views, on this thread. */
export function createLoader(options: LoaderOptions): (now: number) => Promise<OrgData> {
  const observe = createObserver(options);
  let last: { observed: Observed; data: OrgData } | undefined;
  return async (now) => {
    const observed = await observe(now);
    if (last?.observed === observed) return last.data;
    last = { observed, data: buildOrgData(observed.estate, observed.posture, options.label) };
    return last.data;
  };
}
