/**
 * The scheduler under fake timers, with the real node-cron: catch-up of missing packs on start (oldest first,
 * within the look-back and the ledger's history), one cycle at a time, the scheduled run at its cron time, retry of
 * a failed cycle after a back-off, and a stop that waits for the running cycle.
 */
import type { HistoryCoverage } from '@vaultscope/ledger';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type CycleOutcome, type ScheduleOptions, type SchedulerDeps } from './scheduler.js';

interface Pending {
  finish: () => void;
  fail: (e: Error) => void;
}

interface Harness {
  deps: SchedulerDeps;
  events: { event: string; fields: Record<string, unknown> }[];
  /** Every pack asked for; each waits until finished or failed. */
  cycles: (Pending & { period: string; reason: string })[];
  collects: Pending[];
  packs: Set<string>;
  history: HistoryCoverage;
  /** Collections finish by themselves unless this is false. */
  autoCollect: boolean;
}

function harness(initialPacks: string[] = [], history: HistoryCoverage = {}): Harness {
  const h: Harness = { events: [], cycles: [], collects: [], packs: new Set(initialPacks), history, autoCollect: true, deps: undefined as unknown as SchedulerDeps };
  h.deps = {
    now: () => new Date(),
    packExists: async (period) => h.packs.has(period),
    history: async () => h.history,
    log: (event, fields = {}) => {
      h.events.push({ event, fields });
    },
    collect: () =>
      h.autoCollect
        ? Promise.resolve('batch 1')
        : new Promise<string>((resolve, reject) => {
            h.collects.push({ finish: () => resolve('batch 1'), fail: reject });
          }),
    pack: (period, reason) =>
      new Promise<CycleOutcome>((resolve, reject) => {
        h.cycles.push({
          period,
          reason,
          finish: () => {
            h.packs.add(period);
            resolve({ period, packed: true });
          },
          fail: reject,
        });
      }),
  };
  return h;
}

const names = (h: Harness): string[] => h.events.map((e) => e.event);
const asked = (h: Harness): string[][] => h.cycles.map((c) => [c.period, c.reason]);
/** Lets pending promise chains (collect → plan → pack) run, without moving the clock. */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(0);
};

async function started(options: ScheduleOptions, h: Harness): Promise<Scheduler> {
  const scheduler = new Scheduler(options, h.deps);
  await scheduler.start();
  await settle();
  return scheduler;
}

describe('Scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('catches up the previous month on start when its pack is missing, then waits for the cron time', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z')); // the machine was down on the 1st
    const h = harness(['2026-09']);
    const scheduler = await started({ cron: '0 6 1 * *' }, h);
    expect(asked(h)).toEqual([['2026-10', 'catch-up']]);
    h.cycles[0]?.finish();
    await scheduler.idle();
    expect(names(h)).toEqual([
      'schedule.started', 'schedule.warning', 'catch-up.checked', 'catch-up.due',
      'cycle.started', 'catch-up.checked', 'pack.started', 'pack.finished', 'cycle.finished',
    ]);
    expect(String(h.events[1]?.fields.message)).toMatch(/up to 31 days apart but AWS keeps job history for only 30 days/);
    expect(h.events[0]?.fields).toMatchObject({ cron: '0 6 1 * *', timezone: 'UTC', catchUpMonths: 12, next: '2026-12-01T06:00:00.000Z' });
    expect(h.events.at(-1)?.fields).toMatchObject({ reason: 'catch-up', packed: ['2026-10'], collected: 'batch 1' });

    // Nothing more until 06:00 on 1 December, then the November pack.
    await vi.advanceTimersByTimeAsync(27 * 86_400_000 + 19 * 3_600_000); // 2026-11-30T05:00Z
    expect(h.cycles).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(25 * 3_600_000 + 1000); // past 2026-12-01T06:00Z
    expect(asked(h)).toEqual([
      ['2026-10', 'catch-up'],
      ['2026-11', 'scheduled'],
    ]);
    h.cycles[1]?.finish();
    await scheduler.stop();
    expect(names(h).at(-1)).toBe('schedule.stopped');
  });

  it('does not start a cycle on start when no pack is due', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness(['2026-10'], { from: '2026-10-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z' });
    const scheduler = await started({ cron: '0 6 1 * *' }, h);
    expect(h.cycles).toEqual([]);
    expect(names(h)).not.toContain('cycle.started');
    await scheduler.stop();
  });

  it('packs every missed month the ledger holds history for, oldest first and one at a time', async () => {
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    // Down since mid-September: September and October were never packed; November's pack is there.
    const h = harness(['2026-11'], { from: '2026-09-10T00:00:00.000Z', until: '2026-12-03T09:00:00.000Z' });
    const scheduler = await started({ cron: '0 6 1 * *' }, h);
    expect(asked(h)).toEqual([['2026-09', 'catch-up']]);
    const checked = h.events.filter((e) => e.event === 'catch-up.checked').at(-1)?.fields;
    expect(checked?.months).toMatchObject({ '2026-08': 'not covered', '2026-09': 'due', '2026-10': 'due', '2026-11': 'present', '2025-12': 'not covered' });
    expect(Object.keys(checked?.months as object)).toHaveLength(12);
    h.cycles[0]?.finish();
    await settle();
    expect(asked(h)).toEqual([['2026-09', 'catch-up'], ['2026-10', 'catch-up']]);
    h.cycles[1]?.finish();
    await scheduler.idle();
    expect(h.events.find((e) => e.event === 'cycle.finished')?.fields).toMatchObject({ packed: ['2026-09', '2026-10'] });
    expect(h.events.filter((e) => e.event === 'pack.started').map((e) => e.fields.why)).toEqual([
      expect.stringMatching(/^missed: /),
      expect.stringMatching(/^missed: /),
    ]);
    await scheduler.stop();
  });

  it('leaves alone a month outside the look-back, and with --catch-up-months 0 packs only the previous month', async () => {
    vi.setSystemTime(new Date('2026-12-03T10:00:00Z'));
    const history = { from: '2026-01-01T00:00:00.000Z', until: '2026-12-03T09:00:00.000Z' };
    const h = harness(['2026-11'], history);
    const scheduler = await started({ cron: '0 6 1 * *', catchUpMonths: 2 }, h);
    expect(asked(h)).toEqual([['2026-10', 'catch-up']]);
    expect(h.events.find((e) => e.event === 'catch-up.checked')?.fields.months).toEqual({ '2026-10': 'due', '2026-11': 'present' });
    h.cycles[0]?.finish();
    await scheduler.stop();

    const none = harness(['2026-11'], history);
    const off = await started({ cron: '0 6 1 * *', catchUpMonths: 0 }, none);
    expect(none.cycles).toEqual([]);
    expect(none.events.find((e) => e.event === 'catch-up.checked')?.fields.months).toEqual({ '2026-11': 'present' });
    await off.stop();
  });

  it('retries a failing pack after a back-off instead of waiting for the next cron time', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness();
    const scheduler = await started({ cron: '0 6 1 * *' }, h);
    h.cycles[0]?.fail(new Error('AccessDenied'));
    await settle();
    const failed = h.events.filter((e) => e.event === 'cycle.failed');
    expect(failed.at(-1)?.fields).toMatchObject({ reason: 'catch-up', error: 'AccessDenied', retryAt: '2026-11-03T11:00:00.000Z' });
    expect(h.events.find((e) => e.event === 'pack.failed')?.fields).toMatchObject({ period: '2026-10', error: 'AccessDenied' });

    await vi.advanceTimersByTimeAsync(3_600_000 - 1000);
    expect(h.cycles).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked(h)).toEqual([['2026-10', 'catch-up'], ['2026-10', 'retry']]);
    // A second failure waits twice as long.
    h.cycles[1]?.fail(new Error('Throttled'));
    await settle();
    expect(h.events.filter((e) => e.event === 'cycle.failed').at(-1)?.fields).toMatchObject({ reason: 'retry', retryAt: '2026-11-03T13:00:00.000Z' });
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(asked(h).at(-1)).toEqual(['2026-10', 'retry']);
    h.cycles[2]?.finish();
    await scheduler.idle();
    expect(h.events.at(-1)).toMatchObject({ event: 'cycle.finished', fields: { reason: 'retry', packed: ['2026-10'] } });
    // Once it has worked nothing else is retried.
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(h.cycles).toHaveLength(3);
    await scheduler.stop();
  });

  it('runs one cycle at a time: a run that comes due during a long cycle is skipped and logged', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:30Z'));
    const h = harness(['2026-10']);
    h.autoCollect = false;
    const scheduler = await started({ cron: '* * * * *' }, h);
    await vi.advanceTimersByTimeAsync(30_000); // 10:01:00 — first run starts
    expect(h.collects).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3 * 60_000); // three more minutes while it is still running
    expect(h.collects).toHaveLength(1);
    expect(await scheduler.tick('once')).toBeUndefined();
    expect(names(h).filter((n) => n === 'cycle.skipped').length).toBeGreaterThanOrEqual(1);
    h.collects[0]?.finish();
    await scheduler.idle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.collects).toHaveLength(2);
    h.collects[1]?.finish();
    await scheduler.stop();
  });

  it('logs a failed cycle and keeps going', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:30Z'));
    const h = harness(['2026-10']);
    h.autoCollect = false;
    const scheduler = await started({ cron: '* * * * *' }, h);
    await vi.advanceTimersByTimeAsync(30_000);
    h.collects[0]?.fail(new Error('AccessDenied \u001b[31m'));
    await scheduler.idle();
    expect(h.events.find((e) => e.event === 'cycle.failed')?.fields).toMatchObject({ reason: 'scheduled', error: 'AccessDenied \u001b[31m' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.collects).toHaveLength(2);
    h.collects[1]?.finish();
    await scheduler.stop();
  });

  it('waits for a running cycle when stopped, and starts nothing after', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness();
    const scheduler = await started({ cron: '* * * * *' }, h);
    expect(h.cycles).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(stopped).toBe(false);
    expect(h.cycles).toHaveLength(1);
    h.cycles[0]?.finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(await scheduler.tick('scheduled')).toBeUndefined();
  });

  it('does not pack a month that has not ended in UTC, even when it has in --timezone', async () => {
    // 00:30 on 1 December in Berlin is still 30 November in UTC: November is not over.
    vi.setSystemTime(new Date('2026-11-30T23:30:00Z'));
    const h = harness(['2026-10']);
    const scheduler = new Scheduler({ cron: '0 6 1 * *', timezone: 'Europe/Berlin' }, h.deps);
    void scheduler.tick('once');
    await settle();
    expect(h.cycles).toEqual([]);
    expect(h.events.find((e) => e.event === 'pack.deferred')?.fields).toMatchObject({ period: '2026-11', why: expect.stringMatching(/has not ended in UTC yet \(it ends 2026-12-01T00:00:00.000Z/) });
    await scheduler.idle();
    // Half an hour later November has ended in UTC too, and is the month packed.
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
    void scheduler.tick('once');
    await settle();
    expect(h.cycles.map((c) => c.period)).toEqual(['2026-11']);
    h.cycles[0]?.finish();
    await scheduler.stop();
  });

  it('rejects a bad cron expression or time zone as a user error', () => {
    const h = harness();
    expect(() => new Scheduler({ cron: 'cron(0 5 ? * * *)' }, h.deps)).toThrow(/--cron/);
    expect(() => new Scheduler({ cron: '0 6 1 * *', timezone: 'Mars/Olympus' }, h.deps)).toThrow(/--timezone/);
  });

  it('reads the cron expression in the given time zone', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness(['2026-10']);
    const scheduler = await started({ cron: '0 6 1 * *', timezone: 'Europe/Berlin' }, h);
    expect(h.events[0]?.fields).toMatchObject({ timezone: 'Europe/Berlin', next: '2026-12-01T05:00:00.000Z' });
    await scheduler.stop();
  });
});
