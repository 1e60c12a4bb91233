/**
 * Reporting periods: `YYYY-MM` (a calendar month) or `FROM..TO` (inclusive days, `YYYY-MM-DD`), in UTC.
 */
import { InputError } from '@vaultscope/core';

/** A reporting period: `[from, to)` as instants, plus its first and last day for display. */
export interface PackPeriod {
  /** `2026-10` or `2026-10-01..2026-10-15`. */
  label: string;
  from: string;
  to: string;
  firstDay: string;
  lastDay: string;
}

const DAY = 86_400_000;
const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

function parseDay(text: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || isoDay(t) !== text) throw new InputError(`--period: ${what} "${text}" is not a date (YYYY-MM-DD)`);
  return t;
}

/** Parses `--period`. */
export function parsePeriod(value: string): PackPeriod {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) throw new InputError(`--period: "${value}" is not a month (YYYY-MM)`);
    const from = Date.UTC(Number(month[1]), m - 1, 1);
    const to = Date.UTC(Number(month[1]), m, 1);
    return { label: value, from: new Date(from).toISOString(), to: new Date(to).toISOString(), firstDay: isoDay(from), lastDay: isoDay(to - DAY) };
  }
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (!range) throw new InputError(`--period: expected YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got "${value}"`);
  const from = parseDay(range[1] ?? '', 'start');
  const last = parseDay(range[2] ?? '', 'end');
  if (last < from) throw new InputError(`--period: ${range[2]} is before ${range[1]}`);
  return { label: value, from: new Date(from).toISOString(), to: new Date(last + DAY).toISOString(), firstDay: isoDay(from), lastDay: isoDay(last) };
}

/** `YYYY-MM` of the calendar month before `now`, as seen in `timeZone` (UTC when absent). */
export function previousMonth(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  const prev = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  return `${prev.y}-${String(prev.m).padStart(2, '0')}`;
}

/** The period has not finished at `now`. */
export function isOpenPeriod(period: PackPeriod, now: Date): boolean {
  return Date.parse(period.to) > now.getTime();
}

/** How much of a period a pack made at `now` can cover: up to its end, or up to `now` while it is still running. */
export function periodCoverage(period: PackPeriod, now: Date): { coveredUntil: string; complete: boolean } {
  const complete = !isOpenPeriod(period, now);
  return { coveredUntil: complete ? period.to : now.toISOString(), complete };
}

/**
 * The month a scheduled run packs: the previous month as seen in `timeZone`, but only once it has also ended in
 * UTC (periods are UTC months). Just after local midnight east of UTC it has not: then the month before it, and
 * `notEnded` names the month that has to wait.
 */
export function monthToPack(now: Date, timeZone?: string): { period: string; notEnded?: { period: string; endsAt: string } } {
  const local = previousMonth(now, timeZone);
  const localPeriod = parsePeriod(local);
  if (!isOpenPeriod(localPeriod, now)) return { period: local };
  return { period: previousMonth(now), notEnded: { period: local, endsAt: localPeriod.to } };
}
