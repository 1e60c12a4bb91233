/**
 * Enumeration of schedule runs: per local day, the matching wall times, converted to instants (DST choices in
 * parse.ts); from them the next runs and the longest gap between runs over a year.
 */
import { zoneFor } from './zoneTimeline.js';
import { DAY_MS, HOUR_MS, MAX_YEAR, MINUTE_MS, parseScheduleExpression, type CronFields, type CronSchedule } from './parse.js';

const GAP_HORIZON_DAYS = 400;
/** Fixed start for gap evaluation so results are reproducible; 2024 is a leap year, so Feb 29 is inside the horizon. */
const DEFAULT_GAP_FROM = new Date(Date.UTC(2024, 0, 1));

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** AWS weekday (1=SUN … 7=SAT) of day d, given the weekday of the 1st. */
function weekdayOf(firstWeekday: number, d: number): number {
  return ((firstWeekday - 1 + d - 1) % 7) + 1;
}

function nearestWeekday(n: number, dim: number, firstWeekday: number): number | undefined {
  if (n > dim) return undefined;
  const wd = weekdayOf(firstWeekday, n);
  if (wd === 7) return n === 1 ? 3 : n - 1;
  if (wd === 1) return n === dim ? n - 2 : n + 1;
  return n;
}

function matchingDays(fields: CronFields, y: number, m: number): boolean[] {
  const dim = daysInMonth(y, m);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 1;
  const ok = new Array<boolean>(dim + 1).fill(false);
  const dom = fields.dayOfMonth;
  const dow = fields.dayOfWeek;
  if (dom) {
    for (const d of dom.days) if (d <= dim) ok[d] = true;
    if (dom.last) ok[dim] = true;
    if (dom.lastWeekday) {
      const wd = weekdayOf(first, dim);
      ok[wd === 7 ? dim - 1 : wd === 1 ? dim - 2 : dim] = true;
    }
    for (const n of dom.nearestWeekday) {
      const d = nearestWeekday(n, dim, first);
      if (d !== undefined) ok[d] = true;
    }
  }
  if (dow) {
    for (let d = 1; d <= dim; d++) {
      const wd = weekdayOf(first, d);
      if (
        dow.days.includes(wd) ||
        (d + 7 > dim && dow.lastOfMonth.includes(wd)) ||
        dow.nth.some((x) => x.weekday === wd && x.n === Math.ceil(d / 7))
      ) {
        ok[d] = true;
      }
    }
  }
  return ok;
}

type CronOnly = Extract<CronSchedule, { kind: 'cron' }>;

/** Calls `visit` with each run strictly after `fromMs`, in order, until it returns false or runs run out. */
function scanRuns(schedule: CronOnly, fromMs: number, visit: (ms: number) => boolean): void {
  const { fields } = schedule;
  const zone = zoneFor(schedule.timezone);
  // Start a local day early: the local date of `from` is an estimate near DST changes.
  const start = new Date(fromMs + zone.offsetAt(fromMs) - DAY_MS);
  const y0 = start.getUTCFullYear();
  const m0 = start.getUTCMonth() + 1;
  const d0 = start.getUTCDate();
  const years = fields.years ?? null;
  const lastYear = years ? (years[years.length - 1] ?? 0) : MAX_YEAR;
  let last = fromMs;
  for (let y = y0; y <= lastYear; y++) {
    if (years && !years.includes(y)) continue;
    for (const m of fields.months) {
      if (y === y0 && m < m0) continue;
      const ok = matchingDays(fields, y, m);
      for (let d = y === y0 && m === m0 ? d0 : 1; d < ok.length; d++) {
        if (!ok[d]) continue;
        const dayStart = Date.UTC(y, m - 1, d);
        const fixed = zone.fixedOffsetForDay(dayStart);
        for (const h of fields.hours) {
          for (const min of fields.minutes) {
            const local = dayStart + h * HOUR_MS + min * MINUTE_MS;
            const at = fixed === undefined ? zone.toUtc(local) : local - fixed;
            // `<= last` also drops skipped wall times that collapsed onto the same jump instant.
            if (at <= last) continue;
            last = at;
            if (!visit(at)) return;
          }
        }
      }
    }
  }
}

/** The next `count` runs strictly after `from` (rate() runs are anchored at the Unix epoch, UTC). */
export function nextRuns(schedule: CronSchedule, from: Date, count: number): Date[] {
  const out: Date[] = [];
  if (count <= 0) return out;
  if (schedule.kind === 'rate') {
    const every = schedule.everyMinutes * MINUTE_MS;
    const first = Math.floor(from.getTime() / every) * every + every;
    for (let i = 0; i < count; i++) out.push(new Date(first + i * every));
    return out;
  }
  scanRuns(schedule, from.getTime(), (ms) => {
    out.push(new Date(ms));
    return out.length < count;
  });
  return out;
}

/**
 * Longest gap in hours between consecutive runs over a representative horizon (at least 400 days, so
 * monthly/L/#/leap-year patterns are seen); Infinity if it runs fewer than twice.
 * The horizon starts at the first run after `from` (default 2024-01-01T00:00Z, fixed so results are reproducible) and
 * ends with the first run more than 400 days later; a rule that stops running before that also yields Infinity.
 */
export function longestGapHours(schedule: CronSchedule, from: Date = DEFAULT_GAP_FROM): number {
  if (schedule.kind === 'rate') return schedule.everyMinutes / 60;
  let previous: number | undefined;
  let horizonEnd = Infinity;
  let longest = 0;
  let reachedEnd = false;
  scanRuns(schedule, from.getTime(), (ms) => {
    if (previous === undefined) horizonEnd = ms + GAP_HORIZON_DAYS * DAY_MS;
    else longest = Math.max(longest, ms - previous);
    previous = ms;
    // One run past the horizon closes the last gap (a yearly or leap-day rule still yields a gap).
    reachedEnd = ms > horizonEnd;
    return !reachedEnd;
  });
  // A rule that stops running (fewer than two runs, or its Year field ends) leaves an unbounded gap.
  return reachedEnd ? longest / 60 / MINUTE_MS : Infinity;
}

const GAP_CACHE_LIMIT = 512;
const gapCache = new Map<string, number>();

/**
 * Memoised longestGapHours of an expression in a timezone (default UTC), over the horizon starting at the
 * UTC day of `from` (default: the fixed reproducible start), so that a rule whose Year field has ended
 * counts as never running again; throws ScheduleError.
 */
export function scheduleGapHours(expression: string, timezone?: string, from?: Date): number {
  const day = from === undefined ? undefined : new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS);
  const key = `${timezone ?? ''}\u0000${expression}\u0000${day?.getTime() ?? ''}`;
  const cached = gapCache.get(key);
  if (cached !== undefined) return cached;
  const gap = longestGapHours(parseScheduleExpression(expression, timezone), day);
  if (gapCache.size >= GAP_CACHE_LIMIT) {
    const oldest = gapCache.keys().next();
    if (!oldest.done) gapCache.delete(oldest.value);
  }
  gapCache.set(key, gap);
  return gap;
}
