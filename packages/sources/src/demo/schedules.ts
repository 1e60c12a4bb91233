/**
 * Backup-rule cadences and the scheduled runs they produce. Every rule has a fixed cron (an hour of the day, a day
 * of the week), so a run's slot is a fact about the rule, not about the capture: the job a slot produces has the
 * same identity and times whenever the demo is observed. The demo's scripted stories are anchored to
 * `DEMO_EPOCH` and recur every `STORY_PERIOD_DAYS`, so they are in the evaluation window at any capture time.
 */
import { berlinOffsetHours, DAY, HOUR } from './time.js';

export type Weekday = 'SUN' | 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT';

/** How often a rule runs. `hour` is the UTC hour of day; `berlin` reads it as a Europe/Berlin wall-clock hour. */
export type Cadence =
  | { kind: 'hourly' }
  | { kind: 'every4h' }
  | { kind: 'daily'; hour: number; berlin?: boolean }
  | { kind: 'weekly'; hour: number; day: Weekday };

/** The clock every generator reads: capture time and history start. */
export interface DemoClock {
  now: number;
  /** Start of the job history (now − 90 days). */
  since: number;
}

export const HISTORY_DAYS = 90;
/** The policy's evaluation window: failures inside it are findings, older ones are history. */
export const WINDOW_DAYS = 30;
/**
 * Sub-daily rules' runs are listed for the last `SUB_DAILY_RECENT_DAYS` and for the `SUB_DAILY_RECENT_DAYS` before
 * each month starts, not for every day: one job per hour per asset over 90 days would make the demo five times
 * its size. Every slot still has its one identity; only the listing is sparse. A pack of any month of the history
 * judges the period end (RPO attainment) from the real hourly runs before it.
 */
export const SUB_DAILY_RECENT_DAYS = 2;

/** The spans [from, to] (ascending, disjoint) in which sub-daily runs are listed, within [since, now]. */
export function subDailySpans(since: number, now: number): [number, number][] {
  const spans: [number, number][] = [];
  const d = new Date(since);
  for (let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); m <= now; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)) {
    spans.push([Math.max(since, m - SUB_DAILY_RECENT_DAYS * DAY), m - 1]);
  }
  spans.push([Math.max(since, now - SUB_DAILY_RECENT_DAYS * DAY), now]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1] + 1) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/**
 * The instant the demo's stories are told from: a story "failing since 9 days ago" failed from 9 days before this
 * instant on, an incident "5 days ago" happened 5 days before it (and again every `STORY_PERIOD_DAYS`). Fixed, so
 * a past job never changes its outcome; 21 November 2026, the day of the default seed.
 */
export const DEMO_EPOCH = Date.UTC(2026, 10, 21);
/** Recurring stories (incidents, refused copies, restore-test failures) come back this often. */
export const STORY_PERIOD_DAYS = 30;

/** Creates the clock for a capture instant. */
export function createClock(now: number): DemoClock {
  return { now, since: now - HISTORY_DAYS * DAY };
}

const DAY_INDEX: Record<Weekday, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

/** The rule's ScheduleExpression (and timezone) as AWS stores it. */
export function cronFor(c: Cadence): { ScheduleExpression: string; ScheduleExpressionTimezone?: string } {
  switch (c.kind) {
    case 'hourly':
      return { ScheduleExpression: 'cron(0 * ? * * *)' };
    case 'every4h':
      return { ScheduleExpression: 'cron(0 0/4 ? * * *)' };
    case 'daily':
      return c.berlin ? { ScheduleExpression: `cron(0 ${c.hour} ? * * *)`, ScheduleExpressionTimezone: 'Europe/Berlin' } : { ScheduleExpression: `cron(0 ${c.hour} ? * * *)` };
    case 'weekly':
      return { ScheduleExpression: `cron(0 ${c.hour} ? * ${c.day} *)` };
  }
}

/** Interval between runs in milliseconds (nominal: a Europe/Berlin rule moves by an hour across clock changes). */
export function periodOf(c: Cadence): number {
  return c.kind === 'hourly' ? HOUR : c.kind === 'every4h' ? 4 * HOUR : c.kind === 'daily' ? DAY : 7 * DAY;
}

/** Whether a rule runs more than once a day. */
export const isSubDaily = (c: Cadence): boolean => c.kind === 'hourly' || c.kind === 'every4h';

/** The slot (UTC epoch ms) of a rule on the UTC day starting at `day`, or undefined when it does not run that day. */
function slotOn(c: Cadence & { kind: 'daily' | 'weekly' }, day: number): number | undefined {
  if (c.kind === 'weekly' && new Date(day).getUTCDay() !== DAY_INDEX[c.day]) return undefined;
  if (c.kind === 'daily' && c.berlin) {
    // The wall-clock hour in Berlin is `hour`; in UTC it is an hour or two earlier, by the season.
    return day + c.hour * HOUR - berlinOffsetHours(day + c.hour * HOUR) * HOUR;
  }
  return day + c.hour * HOUR;
}

/** Every scheduled run instant of a rule in [from, to], ascending. */
export function scheduledRuns(c: Cadence, from: number, to: number): number[] {
  const out: number[] = [];
  if (c.kind === 'hourly' || c.kind === 'every4h') {
    const step = periodOf(c);
    for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
    return out;
  }
  // A day before `from` too: a Berlin rule's UTC slot can fall on the previous UTC day.
  for (let day = Math.floor(from / DAY) * DAY - DAY; day <= to; day += DAY) {
    const at = slotOn(c, day);
    if (at !== undefined && at >= from && at <= to) out.push(at);
  }
  return out;
}

/** `x mod m`, never negative. */
const mod = (x: number, m: number): number => ((x % m) + m) % m;

/**
 * Whether `at` lies in a recurring story window: `[fromDaysAgo, toDaysAgo)` days before `DEMO_EPOCH`, repeated
 * every `STORY_PERIOD_DAYS` (so `(toDaysAgo, fromDaysAgo]` days before any capture time whose phase matches).
 */
export function inRecurringWindow(at: number, toDaysAgo: number, fromDaysAgo: number): boolean {
  const age = mod(DEMO_EPOCH - at, STORY_PERIOD_DAYS * DAY);
  return age >= toDaysAgo * DAY && age < fromDaysAgo * DAY;
}
