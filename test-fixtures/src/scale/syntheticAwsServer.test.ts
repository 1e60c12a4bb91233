/**
 * The synthetic organization server answers everything the collector asks, in shapes the SDK reads: a 20-account
 * organization in 2 Regions is collected completely (every asset of every account × Region, 30 days of jobs, no
 * error and no unanswered call), and two shards together observe exactly what one collection does.
 */
import { collectEstate } from '@vaultscope/sources/aws';
import type { Estate } from '@vaultscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyntheticAws, type SyntheticAwsServer } from './syntheticAwsServer.js';

const REGIONS = ['eu-west-1', 'us-east-1'];
const NOW = new Date('2026-12-01T06:00:00Z');
const saved = { ...process.env };
let server: SyntheticAwsServer;

const collect = (shard?: { index: number; count: number }, regions: string[] | undefined = REGIONS): Promise<Estate> =>
  collectEstate({ ...(regions ? { regions } : {}), now: () => NOW, maxAttempts: 1, ...(shard ? { shard } : {}) });

beforeAll(async () => {
  server = await startSyntheticAws({ accounts: 20, regions: REGIONS, now: NOW });
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
});

afterAll(async () => {
  process.env = saved;
  await server?.stop();
});

describe('synthetic AWS organization server', () => {
  it('is collected completely, and two shards observe together what one collection does', async () => {
    const whole = await collect();
    expect(server.calls.unhandled.size).toBe(0);
    expect(whole.errors ?? []).toEqual([]);
    expect(whole.organization?.Id).toBe('o-scalebench1');
    expect(whole.accounts).toHaveLength(20);
    expect(whole.accounts.find((a) => a.Id === '200000000004')).toMatchObject({ OuPath: 'Root/NonProduction', Tags: { Owner: 'team-4' } });
    expect(whole.regions).toHaveLength(40);
    for (const observation of whole.regions) {
      expect(observation.errors ?? []).toEqual([]);
      expect(observation.assets?.map((a) => a.resourceType).sort()).toEqual(['DynamoDB', 'EBS', 'EC2', 'EFS', 'RDS', 'S3']);
      expect(observation.backupPlans?.[0]?.Selections?.[0]?.BackupSelection.ListOfTags).toHaveLength(1);
      expect(observation.backupVaults?.map((v) => v.BackupVaultName)).toEqual(['Default', 'dr']);
    }
    // A daily backup (05:00) of each account × Region's table, listed organization-wide once per Region: 29 of the 30
    // days, since the window starts at 06:00 thirty days ago.
    expect(whole.jobs?.since).toBe('2026-11-01T06:00:00.000Z');
    expect(whole.jobs?.backup).toHaveLength(20 * 2 * 29);
    expect(whole.jobs?.backup?.filter((j) => j.State === 'FAILED').length).toBeGreaterThan(0);
    expect(whole.jobs?.copy?.length).toBeGreaterThan(0);
    expect(whole.jobs?.restore?.length).toBeGreaterThan(0);
    expect(server.calls.byOperation.get('backup:ListBackupJobs')).toBe(2); // 580 jobs per Region: one page each
    expect(server.calls.byAccountRegion.get('200000000007/us-east-1')).toBeGreaterThan(20);

    server.resetCounts();
    const [first, second] = await Promise.all([collect({ index: 1, count: 2 }), collect({ index: 2, count: 2 })]);
    expect(first.accounts.length).toBeGreaterThan(0);
    expect(second.accounts.length).toBeGreaterThan(0);
    expect([...first.accounts, ...second.accounts].sort((a, b) => a.Id.localeCompare(b.Id))).toEqual(whole.accounts);
    const byKey = (e: Estate) => e.regions.map((r) => `${r.accountId}/${r.region}`);
    expect([...byKey(first), ...byKey(second)].sort()).toEqual(byKey(whole));
    expect([...first.regions, ...second.regions].sort((a, b) => `${a.accountId}/${a.region}`.localeCompare(`${b.accountId}/${b.region}`))).toEqual(whole.regions);
    // The organization's job lists come once per Region, spread over the shards: eu-west-1 from shard 1, us-east-1
    // from shard 2; together every job of the one collection.
    expect(server.calls.byOperation.get('backup:ListBackupJobs')).toBe(2);
    expect(new Set(first.jobs?.backup?.map((j) => j.Region))).toEqual(new Set(['eu-west-1']));
    expect(new Set(second.jobs?.backup?.map((j) => j.Region))).toEqual(new Set(['us-east-1']));
    for (const kind of ['backup', 'copy', 'restore'] as const) {
      const union = [...(first.jobs?.[kind] ?? []), ...(second.jobs?.[kind] ?? [])];
      expect(union.length, kind).toBe(whole.jobs?.[kind]?.length);
      expect(new Set(union.map((j) => JSON.stringify(j))), kind).toEqual(new Set(whole.jobs?.[kind]?.map((j) => JSON.stringify(j))));
    }
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);

    // Without --regions the shards share out the Regions enabled in the caller's account (DescribeRegions): the same.
    const unlisted = await Promise.all([collect({ index: 1, count: 2 }, undefined), collect({ index: 2, count: 2 }, undefined)]);
    expect(unlisted.map((e) => [...new Set(e.jobs?.backup?.map((j) => j.Region))])).toEqual([['eu-west-1'], ['us-east-1']]);
    expect(unlisted.reduce((n, e) => n + (e.jobs?.backup?.length ?? 0), 0)).toBe(whole.jobs?.backup?.length);
    expect(unlisted.map((e) => e.errors)).toEqual([undefined, undefined]);
  });
});

describe('synthetic AWS server latency', () => {
  it('holds each answer back by latencyMs, as the round trip to AWS it stands in for', async () => {
    const slow = await startSyntheticAws({ accounts: 1, regions: REGIONS, now: NOW, latencyMs: 60 });
    try {
      const started = performance.now();
      const answer = await fetch(`${slow.endpoint}/`, { method: 'POST', body: '{}' });
      expect(answer.status).toBe(400); // unsigned: refused in the protocol's shape
      await answer.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(59);
      expect(slow.calls.unhandled.get('unsigned')).toBe(1);
    } finally {
      await slow.stop();
    }
  });
});
