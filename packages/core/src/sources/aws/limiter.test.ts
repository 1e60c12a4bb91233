import { describe, expect, it } from 'vitest';
import { CallGovernor, limitsFor } from './governor.js';
import { mapLimit, RateLimiter, Semaphore } from './limiter.js';
import type { Handler } from './middleware.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Semaphore and mapLimit', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n));
      active -= 1;
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
  });

  it('rejects a non-positive limit', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe('RateLimiter', () => {
  it('spaces starts 1000/perSecond ms apart', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RateLimiter(10, () => now, async (ms) => {
      slept.push(ms);
    });
    for (let i = 0; i < 4; i += 1) await limiter.take();
    expect(slept).toEqual([100, 200, 300]);
    now = 1000; // after a pause, no wait
    await limiter.take();
    expect(slept).toHaveLength(3);
  });
});

describe('CallGovernor', () => {
  it('derives limits from --concurrency (1 = strictly sequential)', () => {
    expect(limitsFor(1)).toEqual({ global: 1, perAccount: 1, perRegion: 1, perApi: 1 });
    expect(limitsFor(16)).toEqual({ global: 16, perAccount: 8, perRegion: 4, perApi: 4 });
  });

  it('bounds in-flight calls per API and counts every call', async () => {
    const governor = new CallGovernor({ global: 10, perAccount: 10, perRegion: 10, perApi: 2 });
    let active = 0;
    let peak = 0;
    const next: Handler = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      return { output: {} };
    };
    const handler = governor.middleware('backup', '111111111111', 'eu-west-1')(next, { commandName: 'ListBackupVaultsCommand' });
    await Promise.all(Array.from({ length: 7 }, () => handler({ input: {} })));
    expect(peak).toBe(2);
    expect(governor.apiCalls).toBe(7);
  });

  it('bounds in-flight calls globally across accounts', async () => {
    const governor = new CallGovernor({ global: 3, perAccount: 3, perRegion: 3, perApi: 3 });
    let active = 0;
    let peak = 0;
    const next: Handler = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      return { output: {} };
    };
    const handlers = ['111111111111', '222222222222', '333333333333', '444444444444'].map((account) =>
      governor.middleware('s3', account, 'eu-west-1')(next, { commandName: 'GetBucketTaggingCommand' }),
    );
    await Promise.all(handlers.flatMap((h) => [h({ input: {} }), h({ input: {} })]));
    expect(peak).toBe(3);
  });

  it('releases its slots when a call fails', async () => {
    const governor = new CallGovernor({ global: 1, perAccount: 1, perRegion: 1, perApi: 1 });
    const failing = governor.middleware('s3', '111111111111', 'eu-west-1')(async () => Promise.reject(new Error('boom')), { commandName: 'ListBucketsCommand' });
    await expect(failing({ input: {} })).rejects.toThrow('boom');
    const ok = governor.middleware('s3', '111111111111', 'eu-west-1')(async () => ({ output: 1 }), { commandName: 'ListBucketsCommand' });
    await expect(ok({ input: {} })).resolves.toEqual({ output: 1 });
  });
});
