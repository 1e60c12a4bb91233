/**
 * How fresh the data on screen is, said plainly: "captured 12s ago", a STALE marker once refreshing has
 * failed or fallen behind, and what the refresher will do next. Never pretends old data is current.
 */
import { formatSpan } from '../text/format.js';
import type { Segment } from '../views/screen.js';
import type { RefreshStatus } from '../model/refresher.js';

/** Data older than this many refresh intervals is marked stale even without an error. */
const STALE_AFTER_INTERVALS = 3;

export interface Freshness {
  /** For the title bar. */
  title: Segment[];
  /** For the status line, when something is wrong. */
  problem?: Segment;
  stale: boolean;
}

/** Freshness of the data at `now`. `capturedAt` is the estate's capture time. */
export function freshness(status: RefreshStatus, capturedAt: string | undefined, source: string, now: number): Freshness {
  if (!capturedAt) {
    if (status.error) {
      const retry = status.nextAt ? ` · retry in ${formatSpan(status.nextAt - now)}` : '';
      return { title: [{ text: `${source} · no data `, tone: 'bad' }], problem: { text: `load failed: ${status.error}${retry}`, tone: 'bad' }, stale: true };
    }
    return { title: [{ text: `${source} · loading… ` }], stale: false };
  }
  const age = formatSpan(now - Date.parse(capturedAt));
  const behind = status.lastSuccessAt !== undefined && now - status.lastSuccessAt > status.intervalMs * STALE_AFTER_INTERVALS;
  const stale = Boolean(status.error) || behind;
  const title: Segment[] = [{ text: `${source} · captured ${age} ago` }];
  if (status.loading) title.push({ text: ' ⟳' });
  if (stale) title.push({ text: ' STALE', tone: 'bad' });
  title.push({ text: ' ' });
  let problem: Segment | undefined;
  if (status.error) {
    const retry = status.nextAt ? ` · retry in ${formatSpan(Math.max(0, status.nextAt - now))}` : '';
    const times = status.failures > 1 ? ` (${status.failures}×)` : '';
    problem = { text: `refresh failed${times}: ${status.error}${retry} · showing last good data`, tone: 'bad' };
  } else if (behind && status.lastSuccessAt !== undefined) {
    problem = { text: `last refresh ${formatSpan(now - status.lastSuccessAt)} ago`, tone: 'warn' };
  }
  return { title, ...(problem ? { problem } : {}), stale };
}
