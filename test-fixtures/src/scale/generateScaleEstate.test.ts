import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import { evaluate } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import { generateScaleEstate } from './generateScaleEstate.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const count = (e: ReturnType<typeof generateScaleEstate>): number => e.regions.reduce((n, r) => n + (r.assets?.length ?? 0), 0);

describe('generateScaleEstate', () => {
  it('builds exactly the requested sizes and a valid estate', () => {
    const estate = generateScaleEstate({ accounts: 12, assets: 1_234, backupJobs: 5_001, now: NOW });
    expect(estate.accounts).toHaveLength(12);
    expect(estate.regions).toHaveLength(24);
    expect(count(estate)).toBe(1_234);
    expect(estate.jobs?.backup).toHaveLength(5_001);
    expect(estate.jobs?.copy?.length).toBeGreaterThan(0);
    expect(estate.jobs?.copy?.length).toBeLessThanOrEqual(Math.floor(5_001 / 6));
    expect(estate.jobs?.restore?.length).toBeGreaterThan(0);
    expect(() => parseEstate(JSON.parse(JSON.stringify(estate)), 'scale')).not.toThrow();
    const arns = estate.regions.flatMap((r) => (r.assets ?? []).map((a) => a.arn));
    expect(new Set(arns).size).toBe(arns.length);
    expect(new Set(estate.accounts.map((a) => a.Id)).size).toBe(12);
    for (const job of estate.jobs?.backup ?? []) expect(job.CreationDate <= estate.capturedAt).toBe(true);
  });

  it('is deterministic for a seed and a capture time', () => {
    const a = generateScaleEstate({ accounts: 5, assets: 300, backupJobs: 900, now: NOW, seed: 3 });
    expect(generateScaleEstate({ accounts: 5, assets: 300, backupJobs: 900, now: NOW, seed: 3 })).toEqual(a);
    expect(generateScaleEstate({ accounts: 5, assets: 300, backupJobs: 900, now: NOW, seed: 4 })).not.toEqual(a);
  });

  it('selects assets through tag and wildcard selections that the evaluation understands', () => {
    const estate = generateScaleEstate({ accounts: 4, assets: 400, backupJobs: 2_000, now: NOW });
    const posture = evaluate(estate, defaultPolicy().policy, NOW);
    const clauses = posture.assets.flatMap((a) => a.coverage.selectedBy.map((s) => s.clause));
    expect(clauses.some((c) => c.startsWith('ListOfTags'))).toBe(true);
    expect(clauses.some((c) => c.startsWith('Resources arn:aws:') && c.includes('*'))).toBe(true);
    expect(posture.summary.coverage.coveragePct).toBeGreaterThan(0.9);
  });

  it('handles the documented benchmark size', () => {
    const estate = generateScaleEstate({ accounts: 200, assets: 100_000, backupJobs: 180_000, now: NOW });
    expect(estate.accounts).toHaveLength(200);
    expect(estate.regions).toHaveLength(400);
    expect(count(estate)).toBe(100_000);
    expect(estate.jobs?.backup).toHaveLength(180_000);
    expect(estate.jobs?.copy).toHaveLength(30_000);
    expect(estate.jobs?.restore).toHaveLength(3_000);
  });

  it('rejects sizes that are not counts', () => {
    expect(() => generateScaleEstate({ accounts: -1, assets: 0, backupJobs: 0 })).toThrow(RangeError);
    expect(() => generateScaleEstate({ accounts: 0, assets: 5, backupJobs: 0 })).toThrow(RangeError);
    expect(generateScaleEstate({ accounts: 1, assets: 0, backupJobs: 0, now: NOW }).jobs?.backup).toHaveLength(0);
  });
});
