import { describe, expect, it } from 'vitest';
import { Refresher, errorLine, type Timers } from './refresher.js';

/** A manual clock: timers fire only when the test advances time. */
class ManualTimers implements Timers {
  time = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.queue.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };
  pending(): number[] {
    return this.queue.map((t) => t.at - this.time);
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.queue.filter((t) => t.at <= this.time);
    this.queue = this.queue.filter((t) => t.at > this.time);
    for (const t of due) t.fn();
    await settle();
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A load whose calls the test resolves or rejects by hand. */
function controlledLoad() {
  const calls: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = (): Promise<number> => new Promise<number>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('Refresher', () => {
  it('loads at start, then every interval', async () => {
    const timers = new ManualTimers();
    const { load, calls } = controlledLoad();
    const r = new Refresher({ load, intervalMs: 5000, timers });
    r.start();
    expect(calls).toHaveLength(1);
    expect(r.snapshot.status.loading).toBe(true);
    calls[0]?.resolve(1);
    await settle();
    expect(r.snapshot.data).toBe(1);
    expect(r.snapshot.status.loading).toBe(false);
    expect(timers.pending()).toEqual([5000]);
    await timers.advance(5000);
    expect(calls).toHaveLength(2);
  });

  it('never runs two loads at once: a refresh during a load is skipped', async () => {
    const timers = new ManualTimers();
    const { load, calls } = controlledLoad();
    const r = new Refresher({ load, intervalMs: 5000, timers });
    r.start();
    await r.refreshNow();
    await r.refreshNow();
    expect(calls).toHaveLength(1);
    expect(r.snapshot.status.skipped).toBe(2);
  });

  it('backs off exponentially on errors, keeps the last good data, and recovers', async () => {
    const timers = new ManualTimers();
    const { load, calls } = controlledLoad();
    const r = new Refresher({ load, intervalMs: 1000, maxBackoffMs: 5000, timers });
    r.start();
    calls[0]?.resolve(7);
    await settle();
    await timers.advance(1000);
    calls[1]?.reject(new Error('ThrottlingException: Rate exceeded\nstack…'));
    await settle();
    expect(r.snapshot.data).toBe(7);
    expect(r.snapshot.status.error).toBe('ThrottlingException: Rate exceeded');
    expect(r.snapshot.status.failures).toBe(1);
    expect(timers.pending()).toEqual([2000]);
    await timers.advance(2000);
    calls[2]?.reject(new Error('again'));
    await settle();
    expect(timers.pending()).toEqual([4000]);
    await timers.advance(4000);
    calls[3]?.reject(new Error('again'));
    await settle();
    expect(timers.pending()).toEqual([5000]);
    await timers.advance(5000);
    calls[4]?.resolve(8);
    await settle();
    expect(r.snapshot.data).toBe(8);
    expect(r.snapshot.status.error).toBeUndefined();
    expect(r.snapshot.status.failures).toBe(0);
    expect(timers.pending()).toEqual([1000]);
  });

  it('starts with a wait when data was preloaded, and notifies subscribers', async () => {
    const timers = new ManualTimers();
    timers.time = 100;
    const { load, calls } = controlledLoad();
    const r = new Refresher({ load, intervalMs: 1000, timers, initial: { data: 1, at: 100 } });
    const seen: (number | undefined)[] = [];
    r.subscribe((s) => seen.push(s.data));
    r.start();
    expect(calls).toHaveLength(0);
    expect(r.snapshot.data).toBe(1);
    await timers.advance(1000);
    calls[0]?.resolve(2);
    await settle();
    expect(seen.at(-1)).toBe(2);
  });

  it('ignores a load that ends after stop', async () => {
    const timers = new ManualTimers();
    const { load, calls } = controlledLoad();
    const r = new Refresher({ load, intervalMs: 1000, timers });
    r.start();
    r.stop();
    calls[0]?.resolve(1);
    await settle();
    expect(r.snapshot.data).toBeUndefined();
    expect(timers.pending()).toEqual([]);
  });

  it('reduces errors to one clean line', () => {
    expect(errorLine(new Error('bad\u001b[31m thing\nat x'))).toBe('bad thing');
    expect(errorLine('plain')).toBe('plain');
  });
});
