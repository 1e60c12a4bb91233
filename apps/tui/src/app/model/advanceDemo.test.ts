import { describe, expect, it } from 'vitest';
import { tinyEstate, NOW } from '../../testing/tinyEstate.js';
import { advanceDemo, DEMO_JOB_EVERY_MS } from './advanceDemo.js';

describe('advanceDemo', () => {
  it('is deterministic for the same base, start and now', () => {
    const base = tinyEstate();
    const a = advanceDemo(base, NOW, NOW + 95_000);
    const b = advanceDemo(base, NOW, NOW + 95_000);
    expect(a).toEqual(b);
  });

  it('changes nothing but the capture time at the start', () => {
    const base = tinyEstate();
    const a = advanceDemo(base, NOW, NOW);
    expect(a.jobs?.backup).toEqual(base.jobs?.backup?.map((j) => (j.State === 'RUNNING' ? { ...j, PercentDone: '40.0' } : j)));
    expect(a.capturedAt).toBe('2026-11-21T06:00:00Z');
  });

  it('moves running jobs forward and finishes them', () => {
    const base = tinyEstate();
    const running = (t: number) => advanceDemo(base, NOW, t).jobs?.backup?.find((j) => j.BackupJobId === 'job-run-1');
    const early = Number(running(NOW + 60_000)?.PercentDone);
    expect(early).toBeGreaterThan(40);
    const later = running(NOW + 2 * 60_000);
    expect(Number(later?.PercentDone)).toBeGreaterThan(early);
    const done = running(NOW + 60 * 60_000);
    expect(['COMPLETED', 'FAILED', 'EXPIRED']).toContain(done?.State);
    expect(done?.CompletionDate).toBeDefined();
    expect(done?.PercentDone).toBeUndefined();
  });

  it('adds a new job every interval, with stable ids', () => {
    const base = tinyEstate();
    const count = (base.jobs?.backup ?? []).length;
    const after = advanceDemo(base, NOW, NOW + 3 * DEMO_JOB_EVERY_MS + 1);
    const live = (after.jobs?.backup ?? []).slice(count);
    expect(live).toHaveLength(3);
    const again = advanceDemo(base, NOW, NOW + 4 * DEMO_JOB_EVERY_MS).jobs?.backup?.slice(count, count + 3);
    expect(again?.map((j) => j.BackupJobId)).toEqual(live.map((j) => j.BackupJobId));
    expect(live[0]?.CreationDate).toBe(new Date(NOW + DEMO_JOB_EVERY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });

  it('does not mutate the base estate', () => {
    const base = tinyEstate();
    const copy = structuredClone(base);
    advanceDemo(base, NOW, NOW + 3_600_000);
    expect(base).toEqual(copy);
  });
});
