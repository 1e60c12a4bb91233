import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { inShard, parseShard, shardEstate, shardOfAccount } from '@vaultscope/sources';

describe('shards', () => {
  it('parses I/N and refuses anything else with one line naming --shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(undefined)).toBeUndefined();
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '1/2000']) expect(() => parseShard(bad), bad).toThrow(/^--shard: expected I\/N/);
  });

  it('puts each account in exactly one shard, by its id alone (so adding accounts moves no other), spread evenly', () => {
    const ids = Array.from({ length: 400 }, (_, i) => String(100000000000 + i * 7919));
    const before = new Map(ids.map((id) => [id, shardOfAccount(id, 4)]));
    for (const id of ids) expect([1, 2, 3, 4].filter((i) => inShard(id, { index: i, count: 4 }))).toEqual([before.get(id)]);
    // Spread: no shard of four holds fewer than a sixth of 400 accounts.
    for (const i of [1, 2, 3, 4]) expect([...before.values()].filter((s) => s === i).length).toBeGreaterThan(400 / 6);
  });

  it('cuts an observed estate: accounts, Regions and errors per shard; jobs and Audit Manager once, in shard 1', () => {
    const estate = generateDemoEstate({ now: new Date('2026-11-21T06:00:00Z') });
    const parts = [1, 2, 3].map((index) => shardEstate(estate, { index, count: 3 }));
    expect(parts.flatMap((p) => p.accounts.map((a) => a.Id)).sort()).toEqual(estate.accounts.map((a) => a.Id).sort());
    expect(parts.reduce((n, p) => n + p.regions.length, 0)).toBe(estate.regions.length);
    expect(parts[0]?.jobs).toBe(estate.jobs);
    expect(parts[0]?.auditManager).toBe(estate.auditManager);
    expect(parts.slice(1).every((p) => p.jobs === undefined && p.auditManager === undefined)).toBe(true);
    for (const [i, p] of parts.entries()) for (const r of p.regions) expect(shardOfAccount(r.accountId, 3)).toBe(i + 1);
    expect(shardEstate(estate, undefined)).toBe(estate);
  });
});
