/**
 * Sharded collection into one PostgreSQL ledger, through the real binary: two `collect --shard I/2` workers at once
 * record the organization between them (each its own accounts and the jobs of its share of the Regions), and a
 * pack over `--source ledger` — the union of every account's latest observation — has the same CSVs, byte for
 * byte, as a pack over the ledger of a one-process collection of the same organization. Then a shard that stopped
 * collecting: its accounts, and the Regions whose job lists it made, are named as observed too long ago.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Estate } from '@vaultscope/core';
import { jobListRegions, organizationJobRegions, shardOfAccount } from '@vaultscope/sources';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '@vaultscope/test-fixtures/postgres';
import { runBin, type BinRun } from '../cli/runBin.testkit.js';

const NOW = new Date('2026-11-21T06:00:00Z');
let dir: string;
let env: NodeJS.ProcessEnv;
let server: PostgresServer;
let estate: Estate;
let snapshot: string;

type Run = BinRun;

const cli = (args: string[]): Promise<Run> => runBin(args, env);

async function ok(args: string[]): Promise<Run> {
  const r = await cli(args);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const csvs = (pack: string): string[] => readdirSync(pack).filter((f) => f.endsWith('.csv')).sort();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-shards-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  // The demo organization observed at a fixed time: 16 accounts, 90 days of jobs.
  estate = generateDemoEstate({ now: NOW });
  snapshot = join(dir, 'estate.json');
  writeFileSync(snapshot, JSON.stringify(estate));
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('collect --shard into one PostgreSQL ledger', { timeout: 600_000 }, () => {
  it('two shards at once give the same pack CSVs as one process collecting the whole organization', async () => {
    const byShard = [1, 2].map((i) => estate.accounts.filter((a) => shardOfAccount(a.Id, 2) === i).map((a) => a.Id));
    // Both shards hold accounts (the split is the hash's; the test depends on it being a real split).
    expect(byShard.map((ids) => ids.length).every((n) => n > 0)).toBe(true);

    const whole = server.createDatabase('whole');
    const sharded = server.createDatabase('sharded');
    await ok(['collect', '--source', `snapshot:${snapshot}`, '--ledger', whole]);
    const shards = await Promise.all([1, 2].map((i) => ok(['collect', '--source', `snapshot:${snapshot}`, '--ledger', sharded, '--shard', `${i}/2`])));
    expect(shards[0]?.stdout).toContain(`collected snapshot:${snapshot} (shard 1/2) into`);
    // Each shard recorded the jobs of its share of the Regions (organization-wide lists come once per Region): the
    // demo's Regions sorted are eu-central-1 and eu-west-1 (shard 1), eu-north-1 (shard 2, where it has no job).
    expect([1, 2].map((index) => organizationJobRegions(jobListRegions(estate), { index, count: 2 }))).toEqual([['eu-central-1', 'eu-west-1'], ['eu-north-1']]);
    expect(shards[0]?.stdout).toContain(`backup ${estate.jobs?.backup?.length} new, 0 updated, 0 unchanged`);
    expect(shards[1]?.stdout).toContain('backup 0 new, 0 updated, 0 unchanged');

    const packs: Record<string, string> = {};
    for (const [name, ledger] of [['whole', whole], ['sharded', sharded]] as const) {
      const out = join(dir, `pack-${name}`);
      await ok(['pack', '--period', '2026-10', '--source', 'ledger', '--ledger', ledger, '--out', out, '--now', '2026-11-21T07:00:00Z']);
      packs[name] = out;
    }
    const files = csvs(packs.whole as string);
    expect(files).toEqual(expect.arrayContaining(['assets.csv', 'findings.csv', 'backup-jobs.csv', 'dora-controls.csv']));
    expect(csvs(packs.sharded as string)).toEqual(files);
    for (const f of files) expect(digest(join(packs.sharded as string, f)), f).toBe(digest(join(packs.whole as string, f)));
    // Every account of the organization is in the pack, from one shard or the other.
    const assets = readFileSync(join(packs.sharded as string, 'assets.csv'), 'utf8');
    for (const ids of byShard) expect(ids.some((id) => assets.includes(id))).toBe(true);
    expect(readFileSync(join(packs.sharded as string, 'backup-jobs.csv'), 'utf8').split('\r\n').length).toBeGreaterThan(1000);

    // The same union through posture, read twice from the two ledgers.
    const posture = await Promise.all([whole, sharded].map((l) => ok(['posture', '--source', 'ledger', '--ledger', l, '--output', 'json', '--max-age', '8760'])));
    expect(posture[1]?.stdout).toBe(posture[0]?.stdout);
  });

  it('names the accounts whose shard has not collected lately', async () => {
    const ledger = server.createDatabase('stale');
    const later = join(dir, 'later.json');
    // Shard 1 keeps collecting (three days later); shard 2 stopped after the first day.
    writeFileSync(later, JSON.stringify({ ...estate, capturedAt: '2026-11-24T06:00:00.000Z' }));
    await ok(['collect', '--source', `snapshot:${snapshot}`, '--ledger', ledger, '--shard', '2/2']);
    await ok(['collect', '--source', `snapshot:${later}`, '--ledger', ledger, '--shard', '1/2']);
    const out = join(dir, 'pack-stale');
    await ok(['pack', '--period', '2026-10', '--source', 'ledger', '--ledger', ledger, '--out', out, '--now', '2026-11-24T07:00:00Z', '--max-age', '36']);
    const findings = readFileSync(join(out, 'findings.csv'), 'utf8');
    for (const account of estate.accounts) {
      const line = `account ${account.Id} was last observed at 2026-11-21T06:00:00.000Z, more than 36 h before 2026-11-24T07:00:00.000Z`;
      if (shardOfAccount(account.Id, 2) === 2) expect(findings, account.Id).toContain(line);
      else expect(findings, account.Id).not.toContain(`account ${account.Id} was last observed`);
    }
    // Shard 2's Regions' organization-wide job lists stopped with it: named too, not carried forward silently.
    const regions = jobListRegions(estate);
    for (const i of [1, 2] as const) {
      for (const region of organizationJobRegions(regions, { index: i, count: 2 })) {
        const line = `the organization-wide job lists of ${region} were last listed at 2026-11-21T06:00:00.000Z, more than 36 h before 2026-11-24T07:00:00.000Z`;
        if (i === 2) expect(findings, region).toContain(line);
        else expect(findings, region).not.toContain(`job lists of ${region} were last listed`);
      }
    }
  });
});
