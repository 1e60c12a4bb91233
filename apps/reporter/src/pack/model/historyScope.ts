/**
 * What the ledger's job history says about a period: fully seen, partly seen, or not seen at all. A period the
 * ledger never saw has unknown jobs, not zero jobs, so job-based DORA rows must say "not evaluated", never
 * "not met" (house rule: missing evidence evaluates to not evaluated).
 */
import type { HistoryCoverage } from '@vaultscope/ledger';
import type { PackPeriod } from './period.js';

/** How much of an interval the ledger's history covers. */
export type HistoryState = 'full' | 'partial' | 'none';

/** The history's reach over the period (up to `coveredUntil`) and over the twelve months before its end. */
export interface HistoryScope {
  state: HistoryState;
  /** Where the ledger's history starts and ends (absent for an empty ledger). */
  from?: string;
  until?: string;
  /** The twelve months to the end of the period (Art. 11(6), RTS Art. 40) lie entirely inside the history. */
  yearCovered: boolean;
  /** One plain sentence for the PDF when the period is not fully covered. */
  note?: string;
}

const YEAR = 365 * 86_400_000;
const day = (iso: string): string => iso.slice(0, 10);

/** The twelve-month window the annual rows look at: `[to - 365 days, to)`. */
export function yearWindow(period: PackPeriod): { from: string; to: string } {
  return { from: new Date(Math.max(0, Date.parse(period.to) - YEAR)).toISOString(), to: period.to };
}

/** Compares the period `[period.from, coveredUntil)` with the ledger's history. */
export function historyScope(period: PackPeriod, coveredUntil: string, history: HistoryCoverage): HistoryScope {
  const { from, until } = history;
  const span = { ...(from ? { from } : {}), ...(until ? { until } : {}) };
  const yearCovered = from !== undefined && from <= yearWindow(period).from;
  if (!from || !until || from >= coveredUntil || until <= period.from) {
    const note = from
      ? `The job history in the ledger runs from ${day(from)} to ${until ? day(until) : '—'}: it holds nothing for this period, so job-based evidence is not evaluated.`
      : 'The ledger holds no job history, so job-based evidence is not evaluated.';
    return { state: 'none', ...span, yearCovered, note };
  }
  const lateStart = from > period.from;
  const earlyEnd = until < coveredUntil;
  if (!lateStart && !earlyEnd) return { state: 'full', ...span, yearCovered };
  const parts = [lateStart ? `starts only on ${day(from)}` : '', earlyEnd ? `ends with the last collection on ${until.slice(0, 16).replace('T', ' ')} UTC` : '']
    .filter(Boolean)
    .join(' and ');
  return { state: 'partial', ...span, yearCovered, note: `The job history in the ledger ${parts}: this period is only partly covered, and its job figures are a lower bound.` };
}
