/**
 * What the UI thread holds of a refresh: the view models of the screens it shows, their breadcrumb names and a
 * few facts about the data (its source, when it was captured, the time it was judged at). The estate, the
 * posture and their indexes stay with whoever built the views — the source worker, or (tests, benchmarks)
 * this thread through `localViewData`.
 */
import type { OrgData } from './orgData.js';
import { viewOf } from '../views/resolve.js';
import type { Screen, ViewModel } from '../views/screen.js';
import { screenTitle } from '../views/titles.js';

/** Facts about one refresh's data. */
export interface DataMeta {
  /** When the estate was observed (ISO). */
  capturedAt: string;
  /** The time the posture was judged at (ms): now for live sources, the capture time for a snapshot. */
  judgedAt: number;
  /**
   * What is being waited for, while the views sent are those of an estate whose posture is still being evaluated
   * (`evaluating posture of 100,000 assets…`): their posture figures are marked, not shown.
   */
  evaluating?: string;
}

/** The data on the UI thread: a new object whenever anything in it changes. */
export interface ViewData {
  readonly meta: DataMeta;
  /** The view of a screen as built (documents not wrapped), or undefined while it is on its way. */
  view(screen: Screen): ViewModel | undefined;
  /** The breadcrumb name of a screen. */
  title(screen: Screen): string;
}

/** All views of indexed data, built on this thread on first use (tests, benchmarks, no-worker runs). */
export function localViewData(data: OrgData): ViewData {
  return {
    meta: { capturedAt: data.estate.capturedAt, judgedAt: data.now },
    view: (screen) => viewOf(data, screen),
    title: (screen) => screenTitle(data, screen),
  };
}
