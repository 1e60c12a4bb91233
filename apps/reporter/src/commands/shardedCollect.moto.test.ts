/**
 * `collect --source aws --shard I/N` through the real built binary against a real moto_server: an organization of a
 * management and four member accounts (reached by AssumeRole, as in production) in two Regions, collected by two
 * shards at once into one PostgreSQL ledger, and once by one process into another.
 *
 * moto 5.2.1 has no AWS Backup job listings (it answers ListBackupJobs, ListCopyJobs and ListRestoreJobs with an
 * HTML 404), so the recording proxy between the binary and moto answers those three itself, as AWS documents them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html, ByAccountId: "If used from an
 * AWS Organizations management account, passing * returns all jobs across the organization"), from a fixed set of
 * jobs of the seeded accounts; everything else is moto's. One proxy per run: what it saw on the wire is that
 * run's — which accounts' credentials signed its inventory calls, and every job listing it made.
 *
 * Proved here: (1) each shard observes exactly the accounts whose id hashes to it, and the two shards together all
 * accounts, none twice; (2) the organization-wide job lists (`ByAccountId=*`, once per Region and job kind) are
 * spread over the shards by Region — eu-central-1 (first sorted) by shard 1, eu-west-1 by shard 2 — with the
 * management account's credentials; (3) posture and pack over `--source ledger` of the shards' ledger equal those
 * of a one-process collection (same JSON, same CSVs byte for byte); (4) when the organization-wide backup job list
 * is refused (AccessDeniedException) or covers only the caller's own jobs (no trusted access), the shard listing
 * that Region lists its own accounts' jobs, records `ShardedJobListIncomplete` for the Region, exits 0, and the
 * posture over the ledger reports it as incomplete discovery — also when it is shard 2's Region (the error is in
 * that Region's listing record, which a posture over the ledger reads).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postureSchema, type Posture } from '@vaultscope/core';
import { collectRecords, JOB_LISTING_KEY_PREFIX, openLedgerStore, ORGANIZATION_KEY } from '@vaultscope/ledger';
import { organizationJobRegions, shardOfAccount } from '@vaultscope/sources';
import {
  defaultMotoSpec,
  jobListingEndpoint,
  jobListKindOf,
  MOTO_REGIONS,
  organizationJobs,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  type JobListing,
  type JobListKind,
  type MotoServer,
  type OrganizationJobs,
  type OrgWideAnswer,
  type RecordedRequest,
  type SeededOrganization,
} from '@vaultscope/test-fixtures/moto';
import { startPostgres, type PostgresServer } from '@vaultscope/test-fixtures/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, type BinRun } from '../cli/runBin.testkit.js';

const NOW = '2026-12-01T06:00:00.000Z';
const REGIONS = [...MOTO_REGIONS];
/** The Region whose organization-wide job lists each shard of 2 makes: the Regions sorted, one each. */
const LISTS: Record<1 | 2, string> = { 1: 'eu-central-1', 2: 'eu-west-1' };
const KINDS: readonly JobListKind[] = ['backup', 'copy', 'restore'];
/** moto draws account ids from its seeded random generator: with this seed both shards of 2 hold accounts. */
const MOTO_SEED = 7;

let dir: string;
let moto: MotoServer;
let postgres: PostgresServer;
let seeded: SeededOrganization;
let jobs: OrganizationJobs;
/** Every account id (management first), and those of shard 1 and shard 2 of 2. */
let allAccounts: string[];
let shardAccounts: Record<1 | 2, string[]>;

/** What one run of the binary did, as its own proxy saw it. */
interface ProxiedRun extends BinRun {
  requests: RecordedRequest[];
  listings: JobListing[];
  /** Accounts whose credentials signed inventory or AWS Backup configuration calls (not organization or job calls). */
  observedAccounts: string[];
}

/** The environment of an operator pointing the standard AWS settings at the endpoint; nothing from this machine. */
function env(endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: dir,
    NO_COLOR: '1',
    VAULTSCOPE_CONFIG_DIR: join(dir, 'config'),
    VAULTSCOPE_DATA_DIR: join(dir, 'data'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'eu-west-1',
  };
}

/** `collect --source aws` into `ledger` through a fresh proxy in front of moto. */
async function collect(ledger: string, shard?: string, orgWide?: (kind: JobListKind, region: string) => OrgWideAnswer): Promise<ProxiedRun> {
  const endpoint = jobListingEndpoint({ jobs, managementAccountId: seeded.managementAccountId, ...(orgWide ? { orgWide } : {}) });
  const proxy = await startRecordingProxy(moto.endpoint, { answer: endpoint.answer, rewrite: endpoint.rewrite });
  try {
    const args = ['collect', '--source', 'aws', '--regions', REGIONS.join(','), '--ledger', ledger, '--now', NOW, '--quiet', ...(shard ? ['--shard', shard] : [])];
    const run = await runBin(args, env(proxy.endpoint));
    expect(run.code, run.stderr).toBe(0);
    const observed = new Set(
      proxy.requests
        .filter((r) => r.service !== 'organizations' && r.service !== 'sts' && !jobListKindOf(r))
        .map((r) => endpoint.accountOf(r.accessKeyId) ?? `unknown key ${r.accessKeyId}`),
    );
    return { ...run, requests: [...proxy.requests], listings: [...endpoint.listings], observedAccounts: [...observed].sort() };
  } finally {
    await proxy.stop();
  }
}

async function ok(args: string[]): Promise<BinRun> {
  const run = await runBin(args, env(moto.endpoint));
  expect(run.code, run.stderr).toBe(0);
  return run;
}

const postureOf = async (ledger: string): Promise<{ text: string; posture: Posture }> => {
  const run = await ok(['posture', '--source', 'ledger', '--ledger', ledger, '--output', 'json', '--max-age', '8760']);
  return { text: run.stdout, posture: postureSchema.parse(JSON.parse(run.stdout)) };
};

const jobsOf = (kind: JobListKind, accounts: readonly string[], regions: readonly string[] = REGIONS) =>
  jobs[kind].filter((j) => accounts.includes(j.accountId) && regions.includes(j.region)).length;
const receipt = (run: BinRun, kind: JobListKind) => new RegExp(`${kind} (\\d+) new, 0 updated, 0 unchanged`).exec(run.stdout)?.[1];
const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-shards-moto-'));
  [moto, postgres] = await Promise.all([startMoto(), startPostgres()]);
  const seededRandom = await fetch(`${moto.endpoint}/moto-api/seed?a=${MOTO_SEED}`, { method: 'POST' });
  expect(seededRandom.ok).toBe(true);
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'; // the seeding clients run in this process
  const spec = defaultMotoSpec();
  seeded = await seedMotoOrganization(moto.endpoint, spec);
  jobs = organizationJobs(seeded, spec, new Date(NOW));
  allAccounts = [seeded.managementAccountId, ...seeded.accounts.map((a) => a.id)];
  shardAccounts = { 1: allAccounts.filter((id) => shardOfAccount(id, 2) === 1).sort(), 2: allAccounts.filter((id) => shardOfAccount(id, 2) === 2).sort() };
}, 180_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), postgres?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('collect --source aws --shard I/N against moto', { timeout: 300_000 }, () => {
  let whole: ProxiedRun;
  let shards: Record<1 | 2, ProxiedRun>;
  let wholeLedger: string;
  let shardedLedger: string;

  beforeAll(async () => {
    // The split is the hash's: the test means something only if both shards hold accounts, and jobs.
    expect(shardAccounts[1].length).toBeGreaterThan(0);
    expect(shardAccounts[2].length).toBeGreaterThan(0);
    for (const ids of Object.values(shardAccounts)) expect(jobsOf('backup', ids)).toBeGreaterThan(0);
    // A shard's Region holds the other shard's accounts' backup jobs: its listing records them.
    expect(jobsOf('backup', shardAccounts[2], [LISTS[1]]) + jobsOf('backup', shardAccounts[1], [LISTS[2]])).toBeGreaterThan(0);
    for (const i of [1, 2] as const) expect(organizationJobRegions(REGIONS, { index: i, count: 2 })).toEqual([LISTS[i]]);
    wholeLedger = postgres.createDatabase('whole');
    shardedLedger = postgres.createDatabase('sharded');
    const [one, first, second] = await Promise.all([collect(wholeLedger), collect(shardedLedger, '1/2'), collect(shardedLedger, '2/2')]);
    whole = one;
    shards = { 1: first, 2: second };
  }, 300_000);

  it('each shard observes exactly the accounts that hash to it; together every account, none twice', async () => {
    expect(shards[1].stdout).toContain('collected aws (shard 1/2) into');
    expect(shards[2].stdout).toContain('collected aws (shard 2/2) into');
    expect(whole.observedAccounts).toEqual([...allAccounts].sort());
    expect(shards[1].observedAccounts).toEqual(shardAccounts[1]);
    expect(shards[2].observedAccounts).toEqual(shardAccounts[2]);
    // AssumeRole only into the shard's own member accounts (the management account is the caller's own).
    for (const i of [1, 2] as const) {
      const members = shardAccounts[i].filter((id) => id !== seeded.managementAccountId);
      expect(shards[i].requests.filter((r) => r.action === 'AssumeRole')).toHaveLength(members.length);
    }
    // What each shard recorded: its accounts' observations, the listing record of its Region and every job of the
    // organization in that Region; shard 1 also the organization record. The latest observations: one per key.
    const store = await openLedgerStore(shardedLedger);
    try {
      const batches = new Map<string, number>();
      for await (const b of store.batches()) batches.set(b.source, b.entryCount);
      const jobsIn = (region: string) => KINDS.reduce((n, k) => n + jobs[k].filter((j) => j.region === region).length, 0);
      expect(Object.fromEntries(batches)).toEqual({
        'aws (shard 1/2)': shardAccounts[1].length + 1 + 1 + jobsIn(LISTS[1]),
        'aws (shard 2/2)': shardAccounts[2].length + 1 + jobsIn(LISTS[2]),
      });
      const observations = await collectRecords(store.iterateObservations());
      const listingKeys = REGIONS.map((r) => `${JOB_LISTING_KEY_PREFIX}${r}`);
      expect(observations.map((o) => o.key).sort()).toEqual([...allAccounts, ORGANIZATION_KEY, ...listingKeys].sort());
      for (const o of observations) if (allAccounts.includes(o.key)) expect(o.regions?.map((r) => r.region).sort(), o.key).toEqual([...REGIONS].sort());
      for (const o of observations) if (listingKeys.includes(o.key)) expect(o, o.key).toEqual({ key: o.key, capturedAt: NOW, jobsRegion: o.key.slice(JOB_LISTING_KEY_PREFIX.length) });
    } finally {
      await store.close();
    }
  });

  it('lists the organization-wide jobs once per Region and kind, spread over the shards by Region, as the management account', () => {
    const orgWide = (run: ProxiedRun, kind: JobListKind) => run.listings.filter((l) => l.kind === kind);
    for (const kind of KINDS) {
      for (const [run, regions] of [[shards[1], [LISTS[1]]], [shards[2], [LISTS[2]]], [whole, REGIONS]] as const) {
        // Every job listing a run made (one page each here) was organization-wide, in its Regions only.
        const listings = orgWide(run, kind);
        expect(listings.map((l) => l.region).sort(), kind).toEqual([...regions].sort());
        for (const l of listings) expect(l).toMatchObject({ byAccountId: '*', callerAccountId: seeded.managementAccountId, refused: false });
        expect(receipt(run, kind), kind).toBe(String(jobsOf(kind, allAccounts, regions)));
      }
    }
  });

  it('posture and pack over the shards’ ledger equal those of the one-process collection', async () => {
    const [a, b] = await Promise.all([postureOf(wholeLedger), postureOf(shardedLedger)]);
    expect(b.text).toBe(a.text);
    // Figures worth comparing: every account's assets, the jobs' verdicts, and no sharding fault.
    expect(new Set(b.posture.assets.map((x) => x.accountId))).toEqual(new Set(seeded.accounts.filter((x) => x.name !== 'sandbox').map((x) => x.id)));
    for (const kind of KINDS) expect(b.posture.summary.jobs[kind].total, kind).toBe(jobs[kind].length);
    expect(b.posture.summary.byCheck['backup.job-failures']).toBeGreaterThan(0);
    expect(b.posture.findings.filter((f) => f.evidence?.['code'] === 'ShardedJobListIncomplete')).toEqual([]);

    const packs: string[] = [];
    for (const [name, ledger] of [['whole', wholeLedger], ['sharded', shardedLedger]] as const) {
      const out = join(dir, `pack-${name}`);
      await ok(['pack', '--period', '2026-11', '--source', 'ledger', '--ledger', ledger, '--out', out, '--now', '2026-12-01T07:00:00Z']);
      packs.push(out);
    }
    const [wholePack, shardedPack] = packs as [string, string];
    const csvs = readdirSync(wholePack).filter((f) => f.endsWith('.csv')).sort();
    expect(csvs).toEqual(expect.arrayContaining(['assets.csv', 'backup-jobs.csv', 'findings.csv']));
    expect(readdirSync(shardedPack).filter((f) => f.endsWith('.csv')).sort()).toEqual(csvs);
    for (const f of csvs) expect(digest(join(shardedPack, f)), f).toBe(digest(join(wholePack, f)));
    // Every backup job of the organization is in the pack: a header plus one row each.
    const rows = readFileSync(join(shardedPack, 'backup-jobs.csv'), 'utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(jobs.backup.length + 1);
  });
});

describe('when a shard cannot list the organization’s backup jobs of its Region', { timeout: 300_000 }, () => {
  const incomplete = (posture: Posture) => posture.findings.filter((f) => f.evidence?.['code'] === 'ShardedJobListIncomplete');

  it('AccessDeniedException on ByAccountId=*: each shard lists its own accounts’ jobs, records ShardedJobListIncomplete for its Region and goes on', async () => {
    const ledger = postgres.createDatabase('refused');
    const refuseBackup = (kind: JobListKind): OrgWideAnswer => (kind === 'backup' ? 'refused' : 'organization');
    const runs = await Promise.all([collect(ledger, '1/2', refuseBackup), collect(ledger, '2/2', refuseBackup)]);

    for (const [i, run] of [[1, runs[0]], [2, runs[1]]] as const) {
      // One refused organization-wide call (the probe, in the shard's Region), then each of the shard's accounts
      // lists its own backup jobs in each Region (the other shard's Region too), with its own credentials.
      const backup = run.listings.filter((l) => l.kind === 'backup');
      expect(backup.filter((l) => l.refused)).toEqual([expect.objectContaining({ byAccountId: '*', callerAccountId: seeded.managementAccountId, region: LISTS[i] })]);
      const perAccount = backup.filter((l) => !l.refused);
      expect(perAccount.every((l) => l.byAccountId === undefined)).toBe(true);
      expect(perAccount.map((l) => `${l.callerAccountId}/${l.region}`).sort()).toEqual(shardAccounts[i].flatMap((id) => REGIONS.map((r) => `${id}/${r}`)).sort());
      // Copy and restore jobs still came organization-wide, in the shard's Region.
      for (const kind of ['copy', 'restore'] as const) expect(run.listings.filter((l) => l.kind === kind).map((l) => `${l.byAccountId}/${l.region}`)).toEqual([`*/${LISTS[i]}`]);
      expect(receipt(run, 'backup')).toBe(String(jobsOf('backup', shardAccounts[i])));
      expect(receipt(run, 'copy')).toBe(String(jobsOf('copy', allAccounts, [LISTS[i]])));
    }

    // Each shard's error is in its Region's listing record; the posture over the ledger reads both.
    const { posture } = await postureOf(ledger);
    expect(incomplete(posture).map((f) => [f.check, f.region, f.message.replace(/ there: .*/, '')]).sort()).toEqual([
      ['discovery.incomplete', 'eu-central-1', "backup:ListBackupJobs ShardedJobListIncomplete: the organization-wide backup job list of eu-central-1 (ByAccountId=*) was not available, so shard 1/2 listed only its own accounts' backup jobs"],
      ['discovery.incomplete', 'eu-west-1', "backup:ListBackupJobs ShardedJobListIncomplete: the organization-wide backup job list of eu-west-1 (ByAccountId=*) was not available, so shard 2/2 listed only its own accounts' backup jobs"],
    ]);
    expect(posture.summary.incompleteDiscovery).toBe(true);
  });

  it('refused in shard 2’s Region only: shard 2’s error reaches the posture over the ledger', async () => {
    const ledger = postgres.createDatabase('refused-west');
    const refuseWest = (kind: JobListKind, region: string): OrgWideAnswer => (kind === 'backup' && region === LISTS[2] ? 'refused' : 'organization');
    const [first, second] = await Promise.all([collect(ledger, '1/2', refuseWest), collect(ledger, '2/2', refuseWest)]);
    // Shard 1 listed its Region organization-wide, as usual; shard 2 its own accounts' backup jobs in both Regions.
    expect(first.listings.filter((l) => l.kind === 'backup').map((l) => `${l.byAccountId}/${l.region}`)).toEqual([`*/${LISTS[1]}`]);
    const perAccount = second.listings.filter((l) => l.kind === 'backup' && !l.refused);
    expect(perAccount.map((l) => `${l.callerAccountId}/${l.region}`).sort()).toEqual(shardAccounts[2].flatMap((id) => REGIONS.map((r) => `${id}/${r}`)).sort());

    const { posture } = await postureOf(ledger);
    expect(incomplete(posture)).toEqual([
      expect.objectContaining({
        check: 'discovery.incomplete',
        region: LISTS[2],
        message: expect.stringMatching(/^backup:ListBackupJobs ShardedJobListIncomplete: the organization-wide backup job list of eu-west-1 \(ByAccountId=\*\) was not available, so shard 2\/2 listed only its own accounts' backup jobs there: other shards' accounts have none recorded in eu-west-1/),
      }),
    ]);
    expect(posture.summary.incompleteDiscovery).toBe(true);
    // What the union holds: every job of shard 1's Region, and shard 2's accounts' jobs of shard 2's Region.
    expect(posture.summary.jobs.backup.total).toBe(jobsOf('backup', allAccounts, [LISTS[1]]) + jobsOf('backup', shardAccounts[2], [LISTS[2]]));
  });

  it('ByAccountId=* answering only the caller’s jobs (no trusted access) is not taken for the organization’s', async () => {
    const ledger = postgres.createDatabase('own');
    const first = await collect(ledger, '1/2', () => 'own');
    // Each kind was probed once organization-wide (in shard 1's Region), then listed per account for shard 1's
    // accounts only, in every Region.
    for (const kind of KINDS) {
      const listings = first.listings.filter((l) => l.kind === kind);
      expect(listings.filter((l) => l.byAccountId === '*'), kind).toHaveLength(1);
      expect(new Set(listings.filter((l) => l.byAccountId === undefined).map((l) => l.callerAccountId)), kind).toEqual(new Set(shardAccounts[1]));
      expect(receipt(first, kind), kind).toBe(String(jobsOf(kind, shardAccounts[1])));
    }
    const { posture } = await postureOf(ledger);
    expect(incomplete(posture).map((f) => f.evidence?.['operation']).sort()).toEqual(['ListBackupJobs', 'ListCopyJobs', 'ListRestoreJobs']);
  });
});
