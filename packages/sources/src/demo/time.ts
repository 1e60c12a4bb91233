/**
 * Time helpers for fixtures: every timestamp is computed from the injected `now` in epoch milliseconds and
 * written as an ISO-8601 UTC string.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const datePrefixes = new Map<number, number[]>();

/**
 * ISO-8601 UTC string of an epoch-millisecond instant (exactly as Date#toISOString). Fixtures format hundreds of
 * thousands of timestamps: the date part is cached per day and the string is built flat from char codes.
 */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    prefix = [...new Date(day * DAY).toISOString().slice(0, 11)].map((c) => c.charCodeAt(0));
    if (datePrefixes.size > 20_000) datePrefixes.clear();
    datePrefixes.set(day, prefix);
  }
  if (prefix.length !== 11) return new Date(t).toISOString(); // years outside 0000-9999
  const rest = t - day * DAY;
  const h = Math.floor(rest / HOUR);
  const m = Math.floor((rest % HOUR) / MINUTE);
  const s = Math.floor((rest % MINUTE) / 1000);
  const milli = rest % 1000;
  const p = prefix as readonly number[];
  // Explicit arguments: a spread call costs twice as much, and this runs a hundred thousand times per demo.
  return String.fromCharCode(
    p[0] as number, p[1] as number, p[2] as number, p[3] as number, p[4] as number, p[5] as number,
    p[6] as number, p[7] as number, p[8] as number, p[9] as number, p[10] as number,
    48 + Math.floor(h / 10), 48 + (h % 10), 58,
    48 + Math.floor(m / 10), 48 + (m % 10), 58,
    48 + Math.floor(s / 10), 48 + (s % 10), 46,
    48 + Math.floor(milli / 100), 48 + (Math.floor(milli / 10) % 10), 48 + (milli % 10), 90,
  );
}

/** The latest instant ≤ `at` that lies on the grid `anchor + k·period`. */
export function latestOnGrid(at: number, period: number, anchor = 0): number {
  return anchor + Math.floor((at - anchor) / period) * period;
}

/** Last Sunday of a month (UTC date), as epoch ms at 01:00 UTC — the instant EU clocks change. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** UTC offset of Europe/Berlin in hours at an instant (EU rule: CEST from the last Sunday of March to the last of October). */
export function berlinOffsetHours(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt0100Utc(year, 2) && ms < lastSundayAt0100Utc(year, 9) ? 2 : 1;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

/** AWS cron day-of-week name (SUN … SAT) of an instant, in UTC. */
export function weekdayName(ms: number): string {
  return DAY_NAMES[new Date(ms).getUTCDay()] ?? 'SUN';
}
