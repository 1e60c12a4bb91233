/**
 * A source observed again and again, as a console refreshing every few seconds observes it:
 *
 * - demo: generated as of each instant (to the `DEMO_TICK_MS`). The demo's jobs are derived from what they are
 *   (asset, rule, slot), so a past job keeps its id and times from one observation to the next, running jobs
 *   progress and finish, and new jobs appear on their schedules: nothing is shifted or invented between
 *   observations.
 * - aws: a full collection first, then collections that ask only for jobs since the newest known one (with an
 *   overlap, and from the oldest unfinished job at the latest, since running jobs change state), merged into the
 *   known jobs.
 * - snapshot: the file as it is (callers that want to skip unchanged files check the file themselves).
 */
import type { Estate } from '@vaultscope/core';
import type { AwsCollectOptions } from '../aws/index.js';
import { loadSource, type SourceSpec } from '../source.js';
import { JOB_WINDOW_MS, mergeEstateJobs, pollSince } from './mergeJobs.js';

/** The demo is observed at whole multiples of this: observations within one tick are the same estate object. */
export const DEMO_TICK_MS = 10_000;

/** What a repeated observation needs besides the spec. */
export interface ObserverOptions {
  /** Seed of the demo organization (the demo's default when absent). */
  seed?: number;
  /** AWS options; `now` and `since` are the observer's. */
  aws?: Omit<AwsCollectOptions, 'now' | 'since'>;
  /** Observes a source once (`loadSource`; a fake in tests). */
  loadSource?: typeof loadSource;
}

/** `observe(now)`: the source's estate at `now` (epoch ms). Holds the source's state between calls. */
export type EstateObserver = (now: number) => Promise<Estate>;

/** Creates the observer of a source. */
export function createEstateObserver(spec: SourceSpec, options: ObserverOptions = {}): EstateObserver {
  const load = options.loadSource ?? loadSource;
  switch (spec.kind) {
    case 'demo': {
      const seed = options.seed !== undefined ? { seed: options.seed } : {};
      let last: { at: number; estate: Estate } | undefined;
      return async (now) => {
        const at = Math.floor(now / DEMO_TICK_MS) * DEMO_TICK_MS;
        if (last?.at === at) return last.estate;
        const estate = await load(spec, { now: () => new Date(at), ...seed });
        last = { at, estate };
        return estate;
      };
    }
    case 'snapshot':
      return (now) => load(spec, { now: () => new Date(now) });
    case 'aws': {
      let known: Estate | undefined;
      return async (now) => {
        const since = known ? pollSince(known, now) : undefined;
        const fresh = await load(spec, { now: () => new Date(now), aws: { ...options.aws, ...(since ? { since } : {}) } });
        known = known ? mergeEstateJobs(known, fresh, new Date(now - JOB_WINDOW_MS).toISOString()) : fresh;
        return known;
      };
    }
  }
}
