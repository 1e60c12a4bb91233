/**
 * Backup-rule cadences and the scheduled runs they produce. Daily and weekly rules are timed relative to the
 * capture time (their last run finished a few hours before it), so the demo looks live whatever `now` is and
 * a healthy asset never looks stale only because of the hour it was generated at.
 */
import { berlinOffsetHours, DAY, HOUR, latestOnGrid, weekdayName } from './time.js';

/** How often a rule runs. `hour` is the UTC hour of day; `berlin` writes the cron in Europe/Berlin local time. */
export type Cadence =
  | { kind: 'hourly' }
  | { kind: 'every4h' }
  | { kind: 'daily'; hour: number; berlin?: boolean }
  | { kind: 'weekly'; hour: number; daysBeforeNow: number };

/** The clock every generator reads: capture time, history start and the hour-of-day anchors. */
export interface DemoClock {
  now: number;
  /** Start of the job history (now − 90 days). */
  since: number;
  /** UTC hour of day `h` hours before the capture hour. */
  hoursBefore(h: number): number;
}

export const HISTORY_DAYS = 90;
/** The policy's evaluation window: failures inside it are findings, older ones are history. */
export const WINDOW_DAYS = 30;

/** Creates the clock for a capture instant. */
export function createClock(now: number): DemoClock {
  const hour = Math.floor((now % DAY) / HOUR);
  return { now, since: now - HISTORY_DAYS * DAY, hoursBefore: (h) => (((hour - h) % 24) + 24) % 24 };
}

function weeklyAnchor(c: { hour: number; daysBeforeNow: number }, now: number): number {
  return latestOnGrid(now - c.daysBeforeNow * DAY, DAY, c.hour * HOUR);
}

/** The rule's ScheduleExpression (and timezone) as AWS stores it. */
export function cronFor(c: Cadence, now: number): { ScheduleExpression: string; ScheduleExpressionTimezone?: string } {
  switch (c.kind) {
    case 'hourly':
      return { ScheduleExpression: 'cron(0 * ? * * *)' };
    case 'every4h':
      return { ScheduleExpression: 'cron(0 0/4 ? * * *)' };
    case 'daily':
      return c.berlin
        ? { ScheduleExpression: `cron(0 ${(c.hour + berlinOffsetHours(now)) % 24} ? * * *)`, ScheduleExpressionTimezone: 'Europe/Berlin' }
        : { ScheduleExpression: `cron(0 ${c.hour} ? * * *)` };
    case 'weekly':
      return { ScheduleExpression: `cron(0 ${c.hour} ? * ${weekdayName(weeklyAnchor(c, now))} *)` };
  }
}

/** Interval between runs in milliseconds. */
export function periodOf(c: Cadence): number {
  return c.kind === 'hourly' ? HOUR : c.kind === 'every4h' ? 4 * HOUR : c.kind === 'daily' ? DAY : 7 * DAY;
}

/**
 * Scheduled run instants in [from, now], ascending. Sub-daily rules yield only their last two runs: the demo
 * keeps one job per day of history and shows the sub-daily cadence where it matters, at the capture time.
 */
export function scheduledRuns(c: Cadence, from: number, now: number): number[] {
  const out: number[] = [];
  if (c.kind === 'hourly' || c.kind === 'every4h') {
    const last = latestOnGrid(now, periodOf(c));
    for (const t of [last - periodOf(c), last]) if (t >= from) out.push(t);
    return out;
  }
  const last = c.kind === 'daily' ? latestOnGrid(now, DAY, c.hour * HOUR) : weeklyAnchor(c, now);
  const step = periodOf(c);
  const nowOffset = berlinOffsetHours(now);
  for (let t = last; t >= from; t -= step) {
    // A Europe/Berlin wall-clock rule moves by an hour in UTC across daylight-saving changes.
    const at = c.kind === 'daily' && c.berlin ? t + (nowOffset - berlinOffsetHours(t)) * HOUR : t;
    if (at >= from && at <= now) out.push(at);
  }
  return out.reverse();
}
