import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { inShard, jobListRegions, organizationJobRegions, parseShard, shardEstate, shardOfAccount } from '@vaultscope/sources';

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

  it('spreads the organization-wide job lists by Region: Region i of the sorted Regions to shard (i mod N) + 1', () => {
    const regions = ['us-east-1', 'eu-west-1', 'eu-central-1', 'eu-north-1', 'eu-west-1'];
    const of = (count: number) => Array.from({ length: count }, (_, i) => organizationJobRegions(regions, { index: i + 1, count }));
    expect(of(4)).toEqual([['eu-central-1'], ['eu-north-1'], ['eu-west-1'], ['us-east-1']]);
    expect(of(2)).toEqual([['eu-central-1', 'eu-west-1'], ['eu-north-1', 'us-east-1']]);
    // More shards than Regions: the last list none. Without sharding, every Region is listed.
    expect(of(6).map((r) => r.length)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(organizationJobRegions(regions, undefined)).toEqual(['eu-central-1', 'eu-north-1', 'eu-west-1', 'us-east-1']);
    // The order Regions are given in does not matter: every shard of a collection agrees.
    expect(organizationJobRegions([...regions].reverse(), { index: 3, count: 4 })).toEqual(['eu-west-1']);
  });

  it('cuts an observed estate: accounts, Regions and errors per shard; jobs by Region; Audit Manager in shard 1', () => {
    const estate = generateDemoEstate({ now: new Date('2026-11-21T06:00:00Z') });
    const jobRegions = [...new Set((estate.jobs?.backup ?? []).map((j) => j.Region as string))].sort();
    // The split means something only if the demo's jobs are in more than one Region.
    expect(jobRegions.length).toBeGreaterThan(1);
    const parts = [1, 2, 3].map((index) => shardEstate(estate, { index, count: 3 }));
    expect(parts.flatMap((p) => p.accounts.map((a) => a.Id)).sort()).toEqual(estate.accounts.map((a) => a.Id).sort());
    expect(parts.reduce((n, p) => n + p.regions.length, 0)).toBe(estate.regions.length);
    for (const kind of ['backup', 'copy', 'restore'] as const) {
      // Every job in exactly one shard: the one listing its Region.
      expect(parts.reduce((n, p) => n + (p.jobs?.[kind]?.length ?? 0), 0), kind).toBe(estate.jobs?.[kind]?.length);
      for (const [i, p] of parts.entries()) {
        for (const job of p.jobs?.[kind] ?? []) expect(jobListRegions(p), kind).toContain(job.Region);
        expect(p.jobs?.since ?? estate.jobs?.since, `shard ${i + 1}`).toBe(estate.jobs?.since);
      }
    }
    expect(parts.flatMap((p) => jobListRegions(p)).sort()).toEqual(organizationJobRegions(jobListRegions(estate), undefined));
    expect(parts[0]?.auditManager).toBe(estate.auditManager);
    expect(parts.slice(1).every((p) => p.auditManager === undefined)).toBe(true);
    for (const [i, p] of parts.entries()) for (const r of p.regions) expect(shardOfAccount(r.accountId, 3)).toBe(i + 1);
    expect(shardEstate(estate, undefined)).toBe(estate);
  });

  it('keeps an organization-wide listing’s error with the shard listing its Region, whatever account it names', () => {
    const estate = generateDemoEstate({ now: new Date('2026-11-21T06:00:00Z') });
    const [region] = jobListRegions(estate);
    const account = estate.accounts.find((a) => shardOfAccount(a.Id, 2) === 2)?.Id as string;
    const misfit = { service: 'backup', operation: 'ListBackupJobs', code: 'ResponseShapeMismatch', message: 'a job failed the check', accountId: account, region: region as string };
    const withError = { ...estate, errors: [misfit] };
    // The first Region sorted is shard 1's to list; the account is shard 2's.
    expect(organizationJobRegions(jobListRegions(estate), { index: 1, count: 2 })).toContain(region);
    expect(shardEstate(withError, { index: 1, count: 2 }).errors).toEqual([misfit]);
    expect(shardEstate(withError, { index: 2, count: 2 }).errors).toBeUndefined();
  });
});
