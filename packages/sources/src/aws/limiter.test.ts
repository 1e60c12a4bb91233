import { describe, expect, it } from 'vitest';
import { CallGovernor, limitsFor } from './governor.js';
import { mapLimit, RateLimiter, Semaphore } from './limiter.js';
import type { Handler } from './middleware.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A handler that takes a tick per call, and the most calls it ever had in flight at once. */
function peakOfCalls(): { next: Handler; peak: () => number } {
  let active = 0;
  let peak = 0;
  const next: Handler = async () => {
    active += 1;
    peak = Math.max(peak, active);
    await tick();
    active -= 1;
    return { output: {} };
  };
  return { next, peak: () => peak };
}

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
    expect(limitsFor(1)).toEqual({ global: 1, perAccount: 1, perRegion: 1, perApi: 1, credentials: 1 });
    expect(limitsFor(16)).toEqual({ global: 16, perAccount: 8, perRegion: 4, perApi: 4, credentials: 4 });
  });

  it('bounds in-flight calls per API and counts every call', async () => {
    const governor = new CallGovernor({ global: 10, perAccount: 10, perRegion: 10, perApi: 2, credentials: 1 });
    const { next, peak } = peakOfCalls();
    const handler = governor.middleware('backup', '111111111111', 'eu-west-1')(next, { commandName: 'ListBackupVaultsCommand' });
    await Promise.all(Array.from({ length: 7 }, () => handler({ input: {} })));
    expect(peak()).toBe(2);
    expect(governor.apiCalls).toBe(7);
  });

  it('bounds in-flight calls globally across accounts', async () => {
    const governor = new CallGovernor({ global: 3, perAccount: 3, perRegion: 3, perApi: 3, credentials: 1 });
    const { next, peak } = peakOfCalls();
    const handlers = ['111111111111', '222222222222', '333333333333', '444444444444'].map((account) =>
      governor.middleware('s3', account, 'eu-west-1')(next, { commandName: 'GetBucketTaggingCommand' }),
    );
    await Promise.all(handlers.flatMap((h) => [h({ input: {} }), h({ input: {} })]));
    expect(peak()).toBe(3);
  });

  it('forgets the slots of an account, Region and API once no call holds or waits for them, and keeps the bound meanwhile', async () => {
    const governor = new CallGovernor({ global: 10, perAccount: 10, perRegion: 10, perApi: 1, credentials: 1 });
    const { next, peak } = peakOfCalls();
    const handler = governor.middleware('backup', '111111111111', 'eu-west-1')(next, { commandName: 'ListBackupVaultsCommand' });
    const first = handler({ input: {} });
    expect(governor.keysInUse).toBe(3); // API, Region and account of the call in flight
    // Calls arriving while the first holds the one slot, and after it released it, share one semaphore: one at a time.
    const more = Array.from({ length: 4 }, () => handler({ input: {} }));
    await first;
    await Promise.all([...more, handler({ input: {} })]);
    expect(peak()).toBe(1);
    expect(governor.keysInUse).toBe(0);
    // Many accounts × Regions: nothing is kept after their calls.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => governor.middleware('s3', String(100000000000 + i), 'eu-west-1')(next, { commandName: 'GetBucketTaggingCommand' })({ input: {} })),
    );
    expect(governor.keysInUse).toBe(0);
    expect(governor.apiCalls).toBe(56);
  });

  it('releases its slots when a call fails', async () => {
    const governor = new CallGovernor(limitsFor(1));
    const failing = governor.middleware('s3', '111111111111', 'eu-west-1')(async () => Promise.reject(new Error('boom')), { commandName: 'ListBucketsCommand' });
    await expect(failing({ input: {} })).rejects.toThrow('boom');
    const ok = governor.middleware('s3', '111111111111', 'eu-west-1')(async () => ({ output: 1 }), { commandName: 'ListBucketsCommand' });
    await expect(ok({ input: {} })).resolves.toEqual({ output: 1 });
  });

  it('keeps DynamoDB ListTagsOfResource to 10 calls per second per account, and nothing else', async () => {
    // A fake clock that moves only when the governor sleeps: start times are exact, no wall time involved.
    let now = 0;
    const timing = { clock: () => now, sleep: async (ms: number) => void (now += ms) };
    const governor = new CallGovernor(limitsFor(16), undefined, timing);
    const started: Record<string, number[]> = {};
    const handlerFor = (account: string, region: string, commandName: string) =>
      governor.middleware('dynamodb', account, region)(async () => {
        (started[`${account}/${commandName}`] ??= []).push(now);
        return { output: {} };
      }, { commandName });
    // One account, two Regions, sequentially (as one Region's table loop would): 25 tag reads.
    for (let i = 0; i < 25; i += 1) await handlerFor('111111111111', i % 2 ? 'eu-west-1' : 'eu-central-1', 'ListTagsOfResourceCommand')({ input: {} });
    const tags = started['111111111111/ListTagsOfResourceCommand'] ?? [];
    expect(tags).toHaveLength(25);
    const gaps = tags.slice(1).map((t, i) => t - (tags[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    // 25 starts take 2.4 s: never more than 10 within any one second.
    expect((tags.at(-1) as number) - (tags[0] as number)).toBe(2400);
    for (const t of tags) expect(tags.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(10);

    // Another account has its own budget, and other DynamoDB operations are not rate-limited.
    const before = now;
    await handlerFor('222222222222', 'eu-west-1', 'ListTagsOfResourceCommand')({ input: {} });
    for (let i = 0; i < 20; i += 1) await handlerFor('111111111111', 'eu-west-1', 'DescribeTableCommand')({ input: {} });
    expect(now).toBe(before);
    expect(governor.apiCalls).toBe(46);
  });

  it('runs credential fetches in their own lane: a refresh inside a held slot does not wait for it', async () => {
    const governor = new CallGovernor(limitsFor(1));
    const assumeRole = governor.middleware('sts', '111111111111', 'eu-west-1', 'credentials')(async () => ({ output: 'credentials' }), { commandName: 'AssumeRoleCommand' });
    // The governed call holds the only slot while it resolves credentials (as the SDK's signer does).
    const governed = governor.middleware('backup', '222222222222', 'eu-west-1')(async (args) => ({ output: await assumeRole(args) }), { commandName: 'ListBackupVaultsCommand' });
    const outcome = await Promise.race([governed({ input: {} }), new Promise((r) => setTimeout(() => r('hung'), 1000))]);
    expect(outcome).toEqual({ output: { output: 'credentials' } });
    expect(governor.apiCalls).toBe(2);
  });
});
