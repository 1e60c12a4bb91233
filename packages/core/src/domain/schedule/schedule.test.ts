import { describe, expect, it } from 'vitest';
import { ScheduleError, parseScheduleExpression, type CronSchedule } from './parse.js';
import { longestGapHours, nextRuns, scheduleGapHours } from './runs.js';

const runs = (expression: string, from: string, count: number, timezone?: string): string[] =>
  nextRuns(parseScheduleExpression(expression, timezone), new Date(from), count).map((d) => d.toISOString());

const DAY = 24;

describe('longestGapHours', () => {
  const rows: Array<[expression: string, timezone: string | undefined, hours: number]> = [
    ['cron(0 5 ? * * *)', undefined, 24], // AWS default rule: daily 05:00 UTC
    ['cron(15 * ? * * *)', undefined, 1], // AWS doc: hourly at :15
    ['cron(0 */12 ? * * *)', undefined, 12],
    ['cron(0 12 * * ? *)', undefined, 24], // AWS doc: daily at noon, `*` in Day-of-month
    ['cron(0 1,13 ? * * *)', undefined, 12],
    ['cron(0 5 ? * SUN *)', undefined, 7 * DAY],
    ['cron(0 5 ? * 1 *)', undefined, 7 * DAY],
    ['cron(0 5 ? * 2-6 *)', undefined, 3 * DAY], // weekdays: Friday → Monday
    ['cron(0 5 ? * MON-FRI *)', undefined, 3 * DAY],
    ['cron(0 5 ? * FRI-MON *)', undefined, 4 * DAY], // wrapping range: Mon → Fri
    ['cron(0 0 ? * L *)', undefined, 7 * DAY], // `L` alone in Day-of-week = Saturday
    ['cron(0 5 1 * ? *)', undefined, 31 * DAY], // monthly
    ['cron(0 5 L * ? *)', undefined, 31 * DAY], // last day of month: Jul 31 → Aug 31
    ['cron(0 5 1,15 * ? *)', undefined, 17 * DAY], // 15th → 1st of a 31-day month
    ['cron(0 5 ? * 6#3 *)', undefined, 35 * DAY], // third Friday: Mar 15 → Apr 19 2024
    ['cron(0 5 ? * FRI#3 *)', undefined, 35 * DAY],
    ['cron(0 5 ? * 6L *)', undefined, 35 * DAY], // last Friday: Feb 23 → Mar 29 2024
    ['cron(0 5 1 JAN,JUL ? *)', undefined, 184 * DAY], // Jul 1 → Jan 1
    ['cron(0 5 1 1 ? 2024-2030)', undefined, 366 * DAY], // 2024 is a leap year
    ['cron(0 0 29 2 ? *)', undefined, 1461 * DAY], // leap day: every four years
    ['cron(0 5 1 1 ? 2024)', undefined, Infinity], // runs once
    ['cron(0 5 ? * * 2023)', undefined, Infinity], // never runs after the horizon start
    ['cron(0 0 30 2 ? *)', undefined, Infinity], // February 30th never exists
    ['rate(1 hour)', undefined, 1],
    ['rate(30 minutes)', undefined, 0.5],
    ['rate(7 days)', undefined, 7 * DAY],
    ['cron(0 5 ? * * *)', 'Asia/Kolkata', 24], // fixed offset, no DST
    ['cron(0 5 ? * * *)', 'Europe/Berlin', 25], // the fall-back day is 25 h long
    ['cron(30 2 ? * * *)', 'Europe/Berlin', 25],
    ['cron(0 */12 ? * * *)', 'Europe/Berlin', 13],
    // Fall back repeats 01:30 in New York; we run once, at the first occurrence, so that hour has a 2 h gap.
    ['cron(30 * ? * * *)', 'America/New_York', 2],
    // Lord Howe shifts by 30 minutes: 02:00 after fall back is 24.5 h after 02:00 the day before.
    ['cron(0 2 ? * * *)', 'Australia/Lord_Howe', 24.5],
  ];

  it.each(rows)('%s in %s → %s h', (expression, timezone, hours) => {
    expect(longestGapHours(parseScheduleExpression(expression, timezone))).toBe(hours);
  });

  it('honours an explicit start', () => {
    // From 2025 on, the 2024-2030 New Year rule never sees a leap year gap until 2028.
    const schedule = parseScheduleExpression('cron(0 5 1 1 ? 2024-2030)');
    expect(longestGapHours(schedule, new Date('2025-06-01T00:00:00Z'))).toBe(365 * DAY);
  });
});

describe('nextRuns', () => {
  it.each<[string, string, string | undefined, string[]]>([
    ['cron(0 5 ? * * *)', '2024-01-01T05:00:00Z', undefined, ['2024-01-02T05:00:00.000Z', '2024-01-03T05:00:00.000Z']], // strictly after `from`
    ['cron(15 * ? * * *)', '2024-01-01T23:20:00Z', undefined, ['2024-01-02T00:15:00.000Z', '2024-01-02T01:15:00.000Z']],
    ['cron(10-20/5 3/6 ? * * *)', '2024-01-01T00:00:00Z', undefined, ['2024-01-01T03:10:00.000Z', '2024-01-01T03:15:00.000Z', '2024-01-01T03:20:00.000Z', '2024-01-01T09:10:00.000Z']],
    ['cron(0 0 L * ? *)', '2024-01-31T12:00:00Z', undefined, ['2024-02-29T00:00:00.000Z', '2024-03-31T00:00:00.000Z']],
    ['cron(0 0 L 2 ? *)', '2024-03-01T00:00:00Z', undefined, ['2025-02-28T00:00:00.000Z']],
    // 15W: Jun 15 2024 is a Saturday → Fri 14; Sep 15 2024 is a Sunday → Mon 16
    ['cron(0 0 15W * ? *)', '2024-06-01T00:00:00Z', undefined, ['2024-06-14T00:00:00.000Z', '2024-07-15T00:00:00.000Z', '2024-08-15T00:00:00.000Z', '2024-09-16T00:00:00.000Z']],
    // 1W never leaves the month: Jun 1 2024 is a Saturday → Mon 3
    ['cron(0 0 1W * ? *)', '2024-05-15T00:00:00Z', undefined, ['2024-06-03T00:00:00.000Z']],
    // LW: Mar 31 2024 is a Sunday → Fri 29; Apr 30 is a Tuesday; Jun 30 is a Sunday → Fri 28
    ['cron(0 0 LW * ? *)', '2024-03-01T00:00:00Z', undefined, ['2024-03-29T00:00:00.000Z', '2024-04-30T00:00:00.000Z', '2024-05-31T00:00:00.000Z', '2024-06-28T00:00:00.000Z']],
    ['cron(0 0 ? * 6#3 *)', '2024-01-01T00:00:00Z', undefined, ['2024-01-19T00:00:00.000Z', '2024-02-16T00:00:00.000Z', '2024-03-15T00:00:00.000Z', '2024-04-19T00:00:00.000Z']],
    ['cron(0 0 ? * 6L *)', '2024-01-01T00:00:00Z', undefined, ['2024-01-26T00:00:00.000Z', '2024-02-23T00:00:00.000Z', '2024-03-29T00:00:00.000Z']],
    ['cron(0 0 ? * mon,Wed *)', '2024-01-01T00:00:00Z', undefined, ['2024-01-03T00:00:00.000Z', '2024-01-08T00:00:00.000Z']],
    ['cron(0 6 1 jan-mar/2 ? 2025)', '2024-06-01T00:00:00Z', undefined, ['2025-01-01T06:00:00.000Z', '2025-03-01T06:00:00.000Z']],
    ['cron(0 5 ? * * *)', '2024-01-01T00:00:00Z', 'Asia/Kolkata', ['2024-01-01T23:30:00.000Z']],
    // Spring forward in Berlin (2024-03-31): 02:30 does not exist and runs at the jump, 03:00 CEST = 01:00Z.
    ['cron(30 2 ? * * *)', '2024-03-29T12:00:00Z', 'Europe/Berlin', ['2024-03-30T01:30:00.000Z', '2024-03-31T01:00:00.000Z', '2024-04-01T00:30:00.000Z']],
    // Fall back (2024-10-27): 02:30 happens twice and runs once, at the first (CEST) occurrence.
    ['cron(30 2 ? * * *)', '2024-10-25T12:00:00Z', 'Europe/Berlin', ['2024-10-26T00:30:00.000Z', '2024-10-27T00:30:00.000Z', '2024-10-28T01:30:00.000Z']],
    // Every skipped quarter-hour collapses onto the jump instant, which is also 03:00 itself: one run, not five.
    ['cron(0/15 2-3 ? * * *)', '2024-03-31T00:00:00Z', 'Europe/Berlin', ['2024-03-31T01:00:00.000Z', '2024-03-31T01:15:00.000Z', '2024-03-31T01:30:00.000Z', '2024-03-31T01:45:00.000Z', '2024-04-01T00:00:00.000Z']],
    ['rate(6 hours)', '2024-01-01T01:00:00Z', undefined, ['2024-01-01T06:00:00.000Z', '2024-01-01T12:00:00.000Z']],
  ])('%s after %s (%s)', (expression, from, timezone, expected) => {
    expect(runs(expression, from, expected.length, timezone)).toEqual(expected);
  });

  it('returns fewer runs when the schedule ends, and none for count 0', () => {
    expect(runs('cron(0 5 1 1 ? 2024)', '2023-01-01T00:00:00Z', 3)).toEqual(['2024-01-01T05:00:00.000Z']);
    expect(runs('cron(0 5 ? * * *)', '2024-01-01T00:00:00Z', 0)).toEqual([]);
  });
});

describe('parseScheduleExpression', () => {
  it('parses every field form into sorted sets', () => {
    const s = parseScheduleExpression(' cron(10-20/5 3/6 ? JAN-MAR MON,WED,FRI,6L,2#1 2024,2026-2028) ');
    expect(s).toEqual<CronSchedule>({
      kind: 'cron',
      expression: 'cron(10-20/5 3/6 ? JAN-MAR MON,WED,FRI,6L,2#1 2024,2026-2028)',
      timezone: 'UTC',
      fields: {
        minutes: [10, 15, 20],
        hours: [3, 9, 15, 21],
        dayOfMonth: undefined,
        months: [1, 2, 3],
        dayOfWeek: { days: [2, 4, 6], lastOfMonth: [6], nth: [{ weekday: 2, n: 1 }] },
        years: [2024, 2026, 2027, 2028],
      },
    });
  });

  it('parses Day-of-month specials and wrapping ranges', () => {
    const s = parseScheduleExpression('cron(*/20 22-2 L,LW,15W,1-3 * ? *)', 'Europe/Berlin');
    expect(s.kind === 'cron' && s.fields).toMatchObject({
      minutes: [0, 20, 40],
      hours: [0, 1, 2, 22, 23],
      dayOfMonth: { days: [1, 2, 3], last: true, lastWeekday: true, nearestWeekday: [15] },
      dayOfWeek: undefined,
      years: undefined,
    });
    expect(s.timezone).toBe('Europe/Berlin');
  });

  it.each<[string, string | undefined, string]>([
    ['cron(0 5 * * *)', undefined, 'expression'], // five fields
    ['cron(0 5 ? * * * *)', undefined, 'expression'], // seven fields
    ['0 5 ? * * *', undefined, 'expression'], // no cron(...) wrapper
    ['cron(0 5 1 * 1 *)', undefined, 'Day-of-week'], // both day fields set
    ['cron(0 5 * * * *)', undefined, 'Day-of-week'], // `?` missing
    ['cron(0 5 ? * ? *)', undefined, 'Day-of-month'], // both `?`
    ['cron(? 5 1 * ? *)', undefined, 'Minutes'],
    ['cron(60 5 ? * * *)', undefined, 'Minutes'],
    ['cron(0 24 ? * * *)', undefined, 'Hours'],
    ['cron(0 */0 ? * * *)', undefined, 'Hours'],
    ['cron(0 5 32 * ? *)', undefined, 'Day-of-month'],
    ['cron(0 5 0 * ? *)', undefined, 'Day-of-month'],
    ['cron(0 5 10-1 * ? *)', undefined, 'Day-of-month'], // backwards range in a non-cyclic field
    ['cron(0 5 1,,2 * ? *)', undefined, 'Day-of-month'],
    ['cron(0 5 32W * ? *)', undefined, 'Day-of-month'],
    ['cron(0 5 ? 13 * *)', undefined, 'Month'],
    ['cron(0 5 ? FOO * *)', undefined, 'Month'],
    ['cron(0 5 ? * 0 *)', undefined, 'Day-of-week'], // AWS numbers weekdays 1-7
    ['cron(0 5 ? * 8 *)', undefined, 'Day-of-week'],
    ['cron(0 5 ? * FUNDAY *)', undefined, 'Day-of-week'],
    ['cron(0 5 ? * 6#6 *)', undefined, 'Day-of-week'],
    ['cron(0 5 ? * * 1969)', undefined, 'Year'],
    ['cron(0 5 ? * * 2200)', undefined, 'Year'],
    ['rate(0 hours)', undefined, 'rate'],
    ['rate(5 weeks)', undefined, 'rate'],
    ['cron(0 5 ? * * *)', 'Mars/Olympus', 'timezone'],
  ])('%s (tz %s) is rejected naming %s', (expression, timezone, field) => {
    let error: unknown;
    try {
      parseScheduleExpression(expression, timezone);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScheduleError);
    expect(error).toMatchObject({ name: 'ScheduleError', field });
    expect((error as ScheduleError).message.startsWith(`${field}: `)).toBe(true);
  });
});

describe('scheduleGapHours', () => {
  it('memoises by expression and timezone', () => {
    expect(scheduleGapHours('cron(0 5 ? * * *)')).toBe(24);
    expect(scheduleGapHours('cron(0 5 ? * * *)')).toBe(24);
    expect(scheduleGapHours('cron(0 5 ? * * *)', 'Europe/Berlin')).toBe(25);
    expect(scheduleGapHours('cron(0 5 ? * SUN *)', 'UTC')).toBe(168);
  });

  it('throws ScheduleError for an invalid expression, every time', () => {
    expect(() => scheduleGapHours('cron(0 5 * * * *)')).toThrow(ScheduleError);
    expect(() => scheduleGapHours('cron(0 5 * * * *)')).toThrow(/Day-of-week/);
    expect(() => scheduleGapHours('cron(0 5 ? * * *)', 'Nowhere/Land')).toThrow(ScheduleError);
  });
});
