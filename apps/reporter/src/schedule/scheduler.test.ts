/**
 * The scheduler under fake timers, with the real node-cron: catch-up of a missing pack on start, one cycle at a
 * time, the scheduled run at its cron time, and a stop that waits for the running cycle.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type CycleOutcome, type SchedulerDeps } from './scheduler.js';

interface Harness {
  deps: SchedulerDeps;
  events: { event: string; fields: Record<string, unknown> }[];
  cycles: { period: string; reason: string; finish: () => void; fail: (e: Error) => void }[];
  packs: Set<string>;
}

function harness(initialPacks: string[] = []): Harness {
  const h: Harness = { events: [], cycles: [], packs: new Set(initialPacks), deps: undefined as unknown as SchedulerDeps };
  h.deps = {
    now: () => new Date(),
    packExists: async (period) => h.packs.has(period),
    log: (event, fields = {}) => {
      h.events.push({ event, fields });
    },
    runCycle: (period, reason) =>
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
    const scheduler = new Scheduler({ cron: '0 6 1 * *' }, h.deps);
    await scheduler.start();
    expect(h.cycles.map((c) => [c.period, c.reason])).toEqual([['2026-10', 'catch-up']]);
    h.cycles[0]?.finish();
    await scheduler.idle();
    expect(names(h)).toEqual(['schedule.started', 'schedule.warning', 'catch-up.due', 'cycle.started', 'cycle.finished']);
    expect(String(h.events[1]?.fields.message)).toMatch(/up to 31 days apart but AWS keeps job history for only 30 days/);
    expect(h.events[0]?.fields).toMatchObject({ cron: '0 6 1 * *', timezone: 'UTC', next: '2026-12-01T06:00:00.000Z' });

    // Nothing more until 06:00 on 1 December, then the November pack.
    await vi.advanceTimersByTimeAsync(27 * 86_400_000 + 19 * 3_600_000); // 2026-11-30T05:00Z
    expect(h.cycles).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(25 * 3_600_000 + 1000); // past 2026-12-01T06:00Z
    expect(h.cycles.map((c) => [c.period, c.reason])).toEqual([
      ['2026-10', 'catch-up'],
      ['2026-11', 'scheduled'],
    ]);
    h.cycles[1]?.finish();
    await scheduler.stop();
    expect(names(h).at(-1)).toBe('schedule.stopped');
  });

  it('does not catch up when the pack is there', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness(['2026-10']);
    const scheduler = new Scheduler({ cron: '0 6 1 * *' }, h.deps);
    await scheduler.start();
    expect(h.cycles).toEqual([]);
    await scheduler.stop();
  });

  it('runs one cycle at a time: a run that comes due during a long cycle is skipped and logged', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:30Z'));
    const h = harness(['2026-10']);
    const scheduler = new Scheduler({ cron: '* * * * *' }, h.deps);
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(30_000); // 10:01:00 — first run starts
    expect(h.cycles).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3 * 60_000); // three more minutes while it is still running
    expect(h.cycles).toHaveLength(1);
    expect(await scheduler.tick('once')).toBeUndefined();
    expect(names(h).filter((n) => n === 'cycle.skipped').length).toBeGreaterThanOrEqual(1);
    h.cycles[0]?.finish();
    await scheduler.idle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.cycles).toHaveLength(2);
    h.cycles[1]?.finish();
    await scheduler.stop();
  });

  it('logs a failed cycle and keeps going', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:30Z'));
    const h = harness(['2026-10']);
    const scheduler = new Scheduler({ cron: '* * * * *' }, h.deps);
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(30_000);
    h.cycles[0]?.fail(new Error('AccessDenied \u001b[31m'));
    await scheduler.idle();
    expect(h.events.find((e) => e.event === 'cycle.failed')?.fields).toMatchObject({ reason: 'scheduled', error: 'AccessDenied \u001b[31m' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.cycles).toHaveLength(2);
    h.cycles[1]?.finish();
    await scheduler.stop();
  });

  it('waits for a running cycle when stopped, and starts nothing after', async () => {
    vi.setSystemTime(new Date('2026-11-03T10:00:00Z'));
    const h = harness();
    const scheduler = new Scheduler({ cron: '* * * * *' }, h.deps);
    await scheduler.start();
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
    expect(h.cycles.map((c) => c.period)).toEqual(['2026-10']);
    expect(h.events.find((e) => e.event === 'pack.deferred')?.fields).toMatchObject({ period: '2026-11', why: expect.stringMatching(/has not ended in UTC yet \(it ends 2026-12-01T00:00:00.000Z/) });
    h.cycles[0]?.finish();
    await scheduler.idle();
    // Half an hour later November has ended in UTC too, and is the month packed.
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
    void scheduler.tick('once');
    expect(h.cycles.map((c) => c.period)).toEqual(['2026-10', '2026-11']);
    h.cycles[1]?.finish();
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
    const scheduler = new Scheduler({ cron: '0 6 1 * *', timezone: 'Europe/Berlin' }, h.deps);
    await scheduler.start();
    expect(h.events[0]?.fields).toMatchObject({ timezone: 'Europe/Berlin', next: '2026-12-01T05:00:00.000Z' });
    await scheduler.stop();
  });
});
