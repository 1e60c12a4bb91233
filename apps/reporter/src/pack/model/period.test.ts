import { describe, expect, it } from 'vitest';
import { isOpenPeriod, monthToPack, parsePeriod, periodCoverage, previousMonth } from './period.js';

describe('periods', () => {
  it('reads a month as [first day, first day of the next month)', () => {
    expect(parsePeriod('2026-10')).toEqual({
      label: '2026-10', from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', firstDay: '2026-10-01', lastDay: '2026-10-31',
    });
    expect(parsePeriod('2026-12').to).toBe('2027-01-01T00:00:00.000Z');
    expect(parsePeriod('2028-02').lastDay).toBe('2028-02-29');
  });

  it('reads FROM..TO with both days included', () => {
    expect(parsePeriod('2026-10-05..2026-10-05')).toMatchObject({ from: '2026-10-05T00:00:00.000Z', to: '2026-10-06T00:00:00.000Z' });
  });

  it.each(['2026-13', '2026-1', 'October', '2026-10-32..2026-11-01', '2026-11-02..2026-11-01', '2026-02-30..2026-03-01'])('rejects %j', (v) => {
    expect(() => parsePeriod(v)).toThrow(/--period/);
  });

  it('finds the previous month in a time zone', () => {
    expect(previousMonth(new Date('2026-11-01T06:00:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    // 23:30 UTC on 31 October is already 1 November in Berlin.
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toBe('2026-10');
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-09');
  });

  it('knows whether a period has ended', () => {
    expect(isOpenPeriod(parsePeriod('2026-11'), new Date('2026-11-20T00:00:00Z'))).toBe(true);
    expect(isOpenPeriod(parsePeriod('2026-10'), new Date('2026-11-01T00:00:00Z'))).toBe(false);
  });

  it('says how far a pack made now covers the period, and whether it is complete', () => {
    expect(periodCoverage(parsePeriod('2026-12'), new Date('2026-12-01T10:00:00Z'))).toEqual({ coveredUntil: '2026-12-01T10:00:00.000Z', complete: false });
    expect(periodCoverage(parsePeriod('2026-11'), new Date('2026-12-01T00:00:00Z'))).toEqual({ coveredUntil: '2026-12-01T00:00:00.000Z', complete: true });
  });

  it('schedules a month for packing only once it has ended in UTC', () => {
    expect(monthToPack(new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toEqual({
      period: '2026-10',
      notEnded: { period: '2026-11', endsAt: '2026-12-01T00:00:00.000Z' },
    });
    expect(monthToPack(new Date('2026-12-01T00:00:00Z'), 'Europe/Berlin')).toEqual({ period: '2026-11' });
    expect(monthToPack(new Date('2026-12-01T02:00:00Z'), 'America/New_York')).toEqual({ period: '2026-10' });
    expect(monthToPack(new Date('2026-12-01T02:00:00Z'))).toEqual({ period: '2026-11' });
  });
});
