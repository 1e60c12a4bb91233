/**
 * The messages between the UI thread and the source worker's process. Everything is plain data, copied across
 * the channel in V8's serialization; row order travels as an Int32Array.
 */
import type { SourceSpec } from '@vaultscope/sources';
import type { Column, Row, Screen, Segment, ViewModel } from '../views/screen.js';
import type { DataMeta } from './viewData.js';

/** The first argument of a source process given the UI's command line (the rest follow it). */
export const COMMAND_LINE_ARG = '--command-line';

/** What the worker is started with (its first message: it is started before the options are parsed). */
export interface SourceWorkerInput {
  spec: SourceSpec;
  policyPath?: string;
  seed?: number;
  /** Where the first screens of a snapshot are kept between runs (viewCache.ts); none: not kept. */
  cacheDir?: string;
  aws?: { profile?: string; regions?: string[]; roleName?: string; accounts?: string[]; excludeAccounts?: string[]; concurrency?: number };
}

/** A view without its rows. */
export interface ViewHead {
  kind: ViewModel['kind'];
  title: string;
  header: readonly (readonly Segment[])[];
  tabs?: { labels: readonly string[]; active: number };
  columns: readonly Column[];
  empty: string;
}

export type ToWorker =
  /** The source and options: the first message, before any other. */
  | { type: 'start'; input: SourceWorkerInput }
  /** Observe the source at `now` (one at a time; the UI's refresher sees to it). */
  | { type: 'refresh'; id: number; now: number }
  /** The screens the UI shows (the whole set: any other view is forgotten on both sides). */
  | { type: 'want'; screens: readonly { key: string; screen: Screen }[] };

export type FromWorker =
  /**
   * Part of a view for the next `commit`. `reset`: the rows start anew with `rows` (more parts may follow);
   * `order`: the rows are the previous ones rearranged — entry i is an index into the previous rows, or -(k+1)
   * for `rows[k]`; neither: `rows` continue a reset view. `done` marks the last part.
   */
  | { type: 'view'; key: string; crumb: string; head: ViewHead; reset: boolean; order?: Int32Array; same?: boolean; rows: Row[]; done: boolean }
  /** The views sent so far are complete for this data; `refresh` names the request this answers, if any. */
  | { type: 'commit'; meta: DataMeta; refresh?: number }
  /** The source has not changed since the last refresh (a snapshot file not rewritten). */
  | { type: 'unchanged'; refresh: number }
  | { type: 'failed'; refresh: number; error: { name: string; message: string } };
