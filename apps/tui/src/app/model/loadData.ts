/**
 * The data access layer of the TUI: turns a source into a `load(now)` for the refresher. Each load observes
 * (or advances) the estate, evaluates it under the policy at that time, and indexes it for the views.
 *
 * - demo: observed as of each instant by `@vaultscope/sources`' observer (its past jobs keep their ids and times,
 *   running jobs progress, new jobs appear on their schedules), judged as of that instant;
 * - snapshot: judged as of its capture time, as the reporter's `posture` judges it (a three-day-old file is
 *   not three days staler on screen than in the report); re-read only when the file has changed on disk;
 * - aws: polled incrementally by the same observer (jobs since the newest known one, merged into the known jobs).
 */
import { stat } from 'node:fs/promises';
import { evaluate, type Estate, type Policy, type Posture } from '@vaultscope/core';
import { createEstateObserver, type EstateBeforeJobs, type loadSource, type SourceSpec } from '@vaultscope/sources';
import type { AwsCollectOptions } from '@vaultscope/sources/aws';
import { buildOrgData, type OrgData } from '../../model/orgData.js';
import { traceMemory } from '../../model/memoryTrace.js';
import { shareStrings } from './shareStrings.js';

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
  /**
   * Called when a snapshot file has been read and parsed, before it is evaluated: its text (hundreds of MB at
   * 100,000 assets) is garbage from then on, and the caller may collect it.
   */
  afterRead?: () => void;
  /**
   * Called with a snapshot's estate as soon as it is read and parsed, before anything else is done with it (its
   * strings shared, its posture evaluated): what the estate alone tells can be shown meanwhile. `judgedAt`: the
   * time its posture will be judged at.
   */
  onRead?: (estate: Estate, judgedAt: number) => void;
  /**
   * Called while a snapshot file is read, once its accounts and Regions are (a 100,000-asset file's first 23 %;
   * its jobs are the rest): not checked yet, for showing what they tell meanwhile. `judgedAt` as for `onRead`.
   */
  onReadBeforeJobs?: (start: EstateBeforeJobs, judgedAt: number) => void;
  /** Observes a source (`@vaultscope/sources`' `loadSource`; a fake in tests). */
  loadSource?: typeof loadSource;
}

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
 * An `observe(now)`: the estate of the source at `now` (generated, re-read or polled) and its posture. Holds the
 * source's state between calls (the last demo observation, the jobs known from AWS).
 */
export function createObserver(options: LoaderOptions): (now: number) => Promise<Observed> {
  const finish = (estate: Estate, now: number): Observed => ({
    estate,
    posture: evaluate(estate, options.policy, new Date(now), options.policyHash ? { policyHash: options.policyHash } : {}),
  });

  switch (options.spec.kind) {
    case 'demo': {
      const observe = createEstateObserver(options.spec, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.loadSource ? { loadSource: options.loadSource } : {}) });
      let last: { estate: Estate; observed: Observed } | undefined;
      return async (now) => {
        const estate = await observe(now);
        // The same observation (within one demo tick): the same object, so nothing downstream needs redoing.
        if (last?.estate === estate) return last.observed;
        last = { estate, observed: finish(estate, Date.parse(estate.capturedAt)) };
        return last.observed;
      };
    }
    case 'snapshot': {
      const spec = options.spec;
      // The snapshot loader (and the estate schema it builds) is loaded only for a snapshot: the bundled app's demo
      // start never reads it (scripts/bundle.mjs).
      const onBeforeJobs = options.onReadBeforeJobs;
      const load =
        options.loadSource ??
        (async (s: typeof spec) =>
          (await import('@vaultscope/sources/snapshot')).loadEstateFileInPieces(s.path, onBeforeJobs ? { onBeforeJobs: (start) => onBeforeJobs(start, Date.parse(start.capturedAt)) } : {}));
      let last: { stamp: string; observed: Observed } | undefined;
      return async (now) => {
        const stamp = await fileStamp(spec.path);
        // Unchanged on disk: the same observation (same object), so nothing downstream needs redoing.
        if (last && stamp !== undefined && stamp === last.stamp) return last.observed;
        if (last) {
          last = undefined;
          options.beforeReread?.();
        }
        const read = await load(spec, { now: () => new Date(now) });
        options.onRead?.(read, Date.parse(read.capturedAt));
        // Kept until the file changes, so its repeated values are made one string each (shareStrings.ts).
        const estate = shareStrings(read);
        options.afterRead?.();
        traceMemory('snapshot read');
        const observed = finish(estate, Date.parse(estate.capturedAt));
        // Read by evaluation only (the last recovery point of each resource, now in the posture), never by a view
        // or `y`: let go while the file is kept (~20 MB at 100,000 assets).
        for (const obs of estate.regions) delete obs.protectedResources;
        last = stamp === undefined ? undefined : { stamp, observed };
        return observed;
      };
    }
    case 'aws': {
      const observe = createEstateObserver(options.spec, { ...(options.aws ? { aws: options.aws } : {}), ...(options.loadSource ? { loadSource: options.loadSource } : {}) });
      return async (now) => finish(await observe(now), now);
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
