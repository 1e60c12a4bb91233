/**
 * The ledger suite, run on both stores: an embedded SQLite file and a real PostgreSQL server started on a free
 * loopback port. Same calls, same expectations — and, for the same collections, the same chain head hash. Then what
 * only a server has: concurrent writers from separate connections, the writer lock's wait, a password never shown.
 * (The suite imports the built package: a SQLite file is verified on a worker thread that runs the built code.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackupJob, CopyJob, RestoreJob } from '@vaultscope/core';
import { collectRecords, ledgerExists, openLedgerStore, resolveLedgerPath, shownLedgerLocation, type LedgerStore, type OpenStoreOptions } from '@vaultscope/ledger';
import { startPostgres, type PostgresServer } from '@vaultscope/test-fixtures/postgres';

const ACCT = '111122223333';
const ARN = `arn:aws:dynamodb:eu-west-1:${ACCT}:table/orders`;

function backup(id: string, state: string, day: number, extra: Partial<BackupJob> = {}): BackupJob {
  return {
    AccountId: ACCT,
    BackupJobId: id,
    ResourceArn: ARN,
    ResourceType: 'DynamoDB',
    CreationDate: `2026-10-${String(day).padStart(2, '0')}T05:00:00Z`,
    State: state,
    ...extra,
  };
}

const copy = (id: string, state: string): CopyJob => ({
  AccountId: ACCT, CopyJobId: id, ResourceArn: ARN, CreationDate: '2026-10-02T06:00:00Z', State: state,
});

const restoreTest = (id: string, status: string, validation?: string): RestoreJob => ({
  AccountId: ACCT,
  RestoreJobId: id,
  SourceResourceArn: ARN,
  CreationDate: '2026-10-03T07:00:00Z',
  Status: status,
  CreatedBy: { RestoreTestingPlanArn: `arn:aws:backup:eu-west-1:${ACCT}:restore-testing-plan:weekly` },
  ...(validation ? { ValidationStatus: validation } : {}),
});

type Jobs = { backup?: BackupJob[]; copy?: CopyJob[]; restore?: RestoreJob[] };
const collect = (ledger: LedgerStore, at: string, jobs: Jobs) =>
  ledger.recordCollection({ collectedAt: at, source: 'snapshot:test.json', organizationId: 'o-test', jobs });

/** A store under test: where a fresh ledger is, and raw SQL on it (tamper simulation). */
interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<string>;
  sql(location: string, text: string): Promise<Record<string, unknown>[]>;
}

let tmp: string;
let server: PostgresServer;
let databases = 0;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vaultscope-ledger-'));
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const sqlite: Backend = {
  name: 'sqlite',
  fresh: async () => join(tmp, `l${++databases}`, 'nested', 'ledger.sqlite'),
  sql: async (location, text) => {
    const db = new Database(location);
    try {
      const stmt = db.prepare(text);
      return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), []);
    } finally {
      db.close();
    }
  },
};

const postgres: Backend = {
  name: 'postgres',
  fresh: async () => server.createDatabase(`ledger${++databases}`),
  sql: async (location, text) => {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  },
};

const period = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };

describe.each([sqlite, postgres])('ledger on $name', (backend) => {
  let location: string;
  let ledger: LedgerStore;
  const open = (options: OpenStoreOptions = {}) => openLedgerStore(location, options);
  const sql = (text: string) => backend.sql(location, text);

  beforeEach(async () => {
    location = await backend.fresh();
    ledger = await open();
  });
  afterEach(async () => {
    await ledger.close();
  });

  it('records a job once, updates running jobs until final, and ignores re-collection', async () => {
    const first = await collect(ledger, '2026-10-02T00:00:00Z', {
      backup: [backup('b1', 'COMPLETED', 1), backup('b2', 'RUNNING', 1, { PercentDone: '10' })],
      copy: [copy('c1', 'RUNNING')],
      restore: [restoreTest('r1', 'COMPLETED', 'VALIDATING')],
    });
    expect(first).toMatchObject({ seq: 1, inserted: 4, updated: 0, unchanged: 0 });

    const again = await collect(ledger, '2026-10-02T01:00:00Z', {
      backup: [backup('b1', 'COMPLETED', 1), backup('b2', 'RUNNING', 1, { PercentDone: '10' })],
      copy: [copy('c1', 'RUNNING')],
      restore: [restoreTest('r1', 'COMPLETED', 'VALIDATING')],
    });
    expect(again).toMatchObject({ seq: 2, inserted: 0, updated: 0, unchanged: 4 });

    const progressed = await collect(ledger, '2026-10-03T00:00:00Z', {
      backup: [backup('b1', 'FAILED', 1), backup('b2', 'COMPLETED', 1)],
      copy: [copy('c1', 'COMPLETED')],
      restore: [restoreTest('r1', 'COMPLETED', 'SUCCESSFUL')],
    });
    // b1 was final: its recorded state stands even though a later observation disagrees.
    expect(progressed).toMatchObject({ inserted: 0, updated: 3, unchanged: 1 });
    expect(progressed.byKind.backup).toEqual({ inserted: 0, updated: 1, unchanged: 1 });

    const final = await collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b2', 'FAILED', 1)], restore: [restoreTest('r1', 'COMPLETED', 'FAILED')] });
    expect(final).toMatchObject({ updated: 0, unchanged: 2 });

    const jobs = await collectRecords(ledger.iterateJobs('backup', period));
    expect(jobs.map((j) => [j.BackupJobId, j.State])).toEqual([['b1', 'COMPLETED'], ['b2', 'COMPLETED']]);
    expect((await collectRecords(ledger.iterateJobs('restore', period)))[0]?.ValidationStatus).toBe('SUCCESSFUL');
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, batches: 4, entries: 7 });
  });

  it('judges a job seen twice in one collection against its first sighting', async () => {
    const r = await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'RUNNING', 1), backup('b1', 'COMPLETED', 1), backup('b1', 'FAILED', 1)] });
    expect(r).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect((await collectRecords(ledger.iterateJobs('backup', period))).map((j) => j.State)).toEqual(['COMPLETED']);
    expect(await ledger.verifyChain({ index: 'full' })).toMatchObject({ ok: true, entries: 2 });
  });

  it('reads a period in creation order (byte order) across pages, and only that period', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => backup(`job-${String(i).padStart(5, '0')}`, 'COMPLETED', 1 + (i % 30)));
    // Ids a locale-aware collation would order differently from bytes: upper before lower case, '-' and '_'.
    const mixed = ['Zeta', 'alpha', 'a-b', 'a_b', 'aB', 'Ab'].map((id) => backup(id, 'COMPLETED', 15, { CreationDate: '2026-10-15T05:00:00Z' }));
    await collect(ledger, '2026-11-01T00:00:00Z', { backup: [...many, ...mixed, backup('late', 'COMPLETED', 31), backup('nov', 'COMPLETED', 1, { CreationDate: '2026-11-01T00:00:00Z' })] });
    const ids = (await collectRecords(ledger.iterateJobs('backup', period))).map((j) => j.BackupJobId);
    expect(ids).toHaveLength(4507);
    expect(ids).not.toContain('nov');
    expect(new Set(ids).size).toBe(ids.length);
    expect(await ledger.countJobs('backup', period)).toBe(4507);
    const sameInstant = ids.filter((id) => mixed.some((m) => m.BackupJobId === id));
    expect(sameInstant).toEqual(['Ab', 'Zeta', 'a-b', 'aB', 'a_b', 'alpha']);
    const days = (await collectRecords(ledger.iterateJobs('backup', period))).map((j) => j.CreationDate);
    expect([...days].sort()).toEqual(days);
  });

  it('names the first broken batch when an entry, a header or a link is tampered with', async () => {
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    await collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b2', 'FAILED', 2, { StatusMessage: 'Access denied' })] });
    await collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b3', 'COMPLETED', 3)] });
    expect((await ledger.verifyChain()).ok).toBe(true);

    await sql("UPDATE entries SET record = replace(record, 'FAILED', 'COMPLETED') WHERE job_id = 'b2'");
    expect(await ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 2, reason: 'content does not match its hash' });
    await sql("UPDATE entries SET record = replace(record, '\"COMPLETED\",\"StatusMessage', '\"FAILED\",\"StatusMessage') WHERE job_id = 'b2'");
    expect((await ledger.verifyChain()).ok).toBe(true);

    await sql("UPDATE batches SET source = 'aws' WHERE seq = 3");
    expect(await ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3 });
    await sql("UPDATE batches SET source = 'snapshot:test.json' WHERE seq = 3");

    await sql("DELETE FROM entries WHERE job_id = 'b1'");
    expect(await ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('detects a job index that was pointed away from the latest record, and a period read refuses it', async () => {
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'RUNNING', 1)] });
    await collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b1', 'FAILED', 1)] });
    await sql("UPDATE jobs SET entry_id = 1, final = 0 WHERE job_id = 'b1'");
    expect(await ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 2 });
    await sql("UPDATE jobs SET creation_date = '2026-10-01T06:00:00.000Z' WHERE job_id = 'b1'");
    await expect(collectRecords(ledger.iterateJobs('backup', period))).rejects.toThrow(/broken at batch 1 \(job index disagrees with the record of backup job b1\)/);
  });

  it('keeps everything unless retention is asked for, and records the pruning in the chain', async () => {
    await collect(ledger, '2026-01-02T00:00:00Z', { backup: [backup('old', 'COMPLETED', 1, { CreationDate: '2026-01-01T00:00:00Z' })] });
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('new', 'COMPLETED', 1)] });
    expect(await ledger.prune('2026-06-01T00:00:00Z', '2026-10-05T00:00:00Z')).toEqual({ batchesRemoved: 1, entriesRemoved: 1, jobsRemoved: 1, seq: 3 });
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, batches: 2 });
    expect((await ledger.range()).jobs.backup.count).toBe(1);
    expect((await collectRecords(ledger.batches())).map((b) => b.kind)).toEqual(['collection', 'retention']);
  });

  it('reports batches deleted outside retention even when the anchor was moved along with them', async () => {
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    await collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b2', 'FAILED', 2)] });
    await collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b3', 'COMPLETED', 3)] });
    const [removed] = await sql('SELECT hash FROM batches WHERE seq = 2');
    // What an attacker would do: drop the oldest batches, their entries and jobs, and re-anchor the chain.
    await sql('DELETE FROM jobs WHERE entry_id IN (SELECT id FROM entries WHERE batch_seq <= 2)');
    await sql('DELETE FROM entries WHERE batch_seq <= 2');
    await sql('DELETE FROM batches WHERE seq <= 2');
    await sql("INSERT INTO meta (key, value) VALUES ('anchor_seq', '2') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    await sql(`INSERT INTO meta (key, value) VALUES ('anchor_hash', '${String(removed?.hash)}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    expect(await ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringMatching(/no retention batch records removing batches 1-2/) });
  });

  it('accepts an anchor only when a retention batch records exactly it, across repeated pruning', async () => {
    await collect(ledger, '2026-01-02T00:00:00Z', { backup: [backup('a', 'COMPLETED', 1, { CreationDate: '2026-01-01T00:00:00Z' })] });
    await collect(ledger, '2026-03-02T00:00:00Z', { backup: [backup('b', 'COMPLETED', 1, { CreationDate: '2026-03-01T00:00:00Z' })] });
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('c', 'COMPLETED', 1)] });
    expect(await ledger.prune('2026-02-01T00:00:00Z', '2026-10-03T00:00:00Z')).toMatchObject({ batchesRemoved: 1, seq: 4 });
    expect((await ledger.verifyChain()).ok).toBe(true);
    expect(await ledger.prune('2026-10-03T00:00:01Z', '2026-10-04T00:00:00Z')).toMatchObject({ batchesRemoved: 2, seq: 5 });
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, batches: 2 });
    // Moving the anchor back to the first prune's (whose retention batch is gone now) is caught.
    await sql("UPDATE meta SET value = '1' WHERE key = 'anchor_seq'");
    expect((await ledger.verifyChain()).ok).toBe(false);
  });

  it('says which span of job history it covers, clipped by retention', async () => {
    expect(await ledger.coverage()).toEqual({});
    await ledger.recordCollection({ collectedAt: '2026-10-05T00:00:00Z', source: 'aws', organizationId: 'o-test', jobsSince: '2026-09-05T00:00:00Z', jobs: { backup: [backup('b1', 'COMPLETED', 1)] } });
    expect(await ledger.coverage()).toEqual({ from: '2026-09-05T00:00:00.000Z', until: '2026-10-05T00:00:00.000Z' });
    // A collection that does not say how far back its lists go covers from its earliest job.
    await collect(ledger, '2026-10-06T00:00:00Z', { backup: [backup('old', 'COMPLETED', 1, { CreationDate: '2026-08-01T00:00:00Z' })] });
    expect(await ledger.coverage()).toEqual({ from: '2026-08-01T00:00:00.000Z', until: '2026-10-06T00:00:00.000Z' });
    await ledger.prune('2026-10-05T12:00:00Z', '2026-10-07T00:00:00Z');
    expect((await ledger.coverage()).from).toBe('2026-10-05T12:00:00.000Z');
  });

  it('refuses to mix organizations and survives reopening read-only', async () => {
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    await expect(ledger.recordCollection({ collectedAt: '2026-10-03T00:00:00Z', source: 'aws', organizationId: 'o-other', jobs: {} })).rejects.toThrow(/holds organization o-test/);
    await ledger.close();
    expect(await ledgerExists(location)).toBe(true);
    ledger = await open({ readonly: true });
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, batches: 1 });
    expect(await ledger.range()).toMatchObject({ batches: 1, lastBatch: { seq: 1 }, jobs: { backup: { count: 1 } } });
    expect(await ledger.collectionsIn(period)).toMatchObject([{ seq: 1, organizationId: 'o-test', entryCount: 1 }]);
  });

  it('remembers alert deliveries per key and sink, across reopening, outside the chain', async () => {
    await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'FAILED', 1)] });
    const head = await ledger.head();
    expect(await ledger.alertsDelivered('slack', ['backup-job:b1', 'rpo:x'])).toEqual(new Set());
    await ledger.recordAlertDelivery({ key: 'backup-job:b1', sink: 'slack', kind: 'job-failed', deliveredAt: '2026-10-02T00:01:00.000Z' });
    // Recording the same delivery again changes nothing.
    await ledger.recordAlertDelivery({ key: 'backup-job:b1', sink: 'slack', kind: 'job-failed', deliveredAt: '2026-10-02T00:02:00.000Z' });
    await ledger.close();
    ledger = await open();
    expect(await ledger.alertsDelivered('slack', ['backup-job:b1', 'rpo:x'])).toEqual(new Set(['backup-job:b1']));
    expect(await ledger.alertsDelivered('email:oncall', ['backup-job:b1'])).toEqual(new Set());
    expect(await sql('SELECT alert_key, sink, kind, delivered_at FROM alert_deliveries')).toEqual([
      { alert_key: 'backup-job:b1', sink: 'slack', kind: 'job-failed', delivered_at: '2026-10-02T00:01:00.000Z' },
    ]);
    expect(await ledger.head()).toEqual(head);
    expect(await ledger.verifyChain()).toMatchObject({ ok: true });
  });

  it('lets one alerter at a time claim an alert: a fresh claim holds, a stale one is taken over, a delivery ends it', async () => {
    // Two alerters on one ledger: separate handles (for PostgreSQL, separate connections).
    const other = await open();
    try {
      const at = '2026-10-02T00:00:00.000Z';
      const stale = '2026-10-01T23:45:00.000Z';
      const claim = (claimant: string, when = at, staleBefore = stale) => ({ key: 'backup-job:b1', sink: 'slack', claimant, at: when, staleBefore });
      expect(await ledger.claimAlert(claim('a'))).toBe(true);
      expect(await other.claimAlert(claim('b'))).toBe(false);
      // The holder may claim again (it retries); nobody else may while the claim is fresh.
      expect(await ledger.claimAlert(claim('a', '2026-10-02T00:01:00.000Z'))).toBe(true);
      expect(await other.claimAlert(claim('b', '2026-10-02T00:10:00.000Z', '2026-10-01T23:55:00.000Z'))).toBe(false);
      // Released after a failed send: the next alerter takes it.
      await ledger.releaseAlertClaim('backup-job:b1', 'slack', 'a');
      expect(await other.claimAlert(claim('b'))).toBe(true);
      // A claim older than the stale bound belongs to an alerter that stopped: taken over.
      expect(await ledger.claimAlert(claim('a', '2026-10-02T01:00:00.000Z', '2026-10-02T00:30:00.000Z'))).toBe(true);
      // Releasing someone else's claim changes nothing.
      await other.releaseAlertClaim('backup-job:b1', 'slack', 'b');
      expect(await other.claimAlert(claim('b', '2026-10-02T01:01:00.000Z', '2026-10-02T00:46:00.000Z'))).toBe(false);
      // Delivered: no one claims it again, however old, and the claim is gone.
      await ledger.recordAlertDelivery({ key: 'backup-job:b1', sink: 'slack', kind: 'job-failed', deliveredAt: '2026-10-02T01:02:00.000Z' });
      expect(await other.claimAlert(claim('b', '2026-10-03T00:00:00.000Z', '2026-10-02T23:45:00.000Z'))).toBe(false);
      // Its claim is kept a day (alertClaims.ts), then dropped with the next delivery recorded.
      expect(await sql('SELECT alert_key FROM alert_claims')).toEqual([{ alert_key: 'backup-job:b1' }]);
      await ledger.recordAlertDelivery({ key: 'rpo:x', sink: 'slack', kind: 'rpo-breach', deliveredAt: '2026-10-03T02:00:00.000Z' });
      expect(await sql('SELECT alert_key FROM alert_claims')).toEqual([]);
      // Claims are per sink.
      expect(await other.claimAlert({ ...claim('b'), sink: 'email:oncall' })).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('gives each of many concurrent claims of one alert to exactly one alerter', async () => {
    const handles = [ledger, await open(), await open(), await open()];
    try {
      const keys = Array.from({ length: 20 }, (_, i) => `backup-job:c${i}`);
      const wins = await Promise.all(
        handles.flatMap((h, i) => keys.map(async (key) => ((await h.claimAlert({ key, sink: 'webhook', claimant: `alerter-${i}`, at: '2026-10-02T00:00:00.000Z', staleBefore: '2026-10-01T23:45:00.000Z' })) ? key : undefined))),
      );
      const won = wins.filter((k): k is string => k !== undefined).sort();
      expect(won).toEqual([...keys].sort());
    } finally {
      for (const h of handles.slice(1)) await h.close();
    }
  });

  it('keeps Audit Manager evidence in the chain, by its time', async () => {
    const item = { id: 'e-1', time: '2026-10-09T00:00:00.000Z', accountId: ACCT, assessment: 'DORA', control: 'backups', evidence: { id: 'e-1', complianceCheck: 'COMPLIANT' } };
    await ledger.recordCollection({ collectedAt: '2026-10-10T00:00:00Z', source: 'aws', jobs: {}, auditEvidence: [item] });
    expect(await collectRecords(ledger.iterateAuditEvidence(period))).toEqual([item]);
    expect(await ledger.verifyChain()).toMatchObject({ ok: true, entries: 0, auditEvidence: 1 });
  });
});

describe('one history, two stores', () => {
  it('the same collections give the same chain (head hash) and the same reads in SQLite and PostgreSQL', async () => {
    const stores = [await openLedgerStore(await sqlite.fresh()), await openLedgerStore(await postgres.fresh())];
    const many = Array.from({ length: 2500 }, (_, i) => backup(`j${i}`, i % 7 ? 'COMPLETED' : 'RUNNING', 1 + (i % 30)));
    for (const s of stores) {
      await collect(s, '2026-10-10T00:00:00Z', { backup: many, copy: [copy('c1', 'RUNNING')], restore: [restoreTest('r1', 'COMPLETED', 'VALIDATING')] });
      await collect(s, '2026-10-20T00:00:00Z', { backup: many.map((j) => ({ ...j, State: 'COMPLETED' })), copy: [copy('c1', 'COMPLETED')] });
      await s.prune('2026-10-15T00:00:00Z', '2026-10-21T00:00:00Z');
    }
    const [a, b] = await Promise.all(stores.map(async (s) => ({ verify: await s.verifyChain(), range: await s.range(), jobs: await collectRecords(s.iterateJobs('backup', period)) })));
    expect(a?.verify).toMatchObject({ ok: true, batches: 2 });
    expect(b).toEqual(a);
    for (const s of stores) await s.close();
  });
});

describe('PostgreSQL: several writers, one chain', () => {
  it.each([2, 5])('%i collectors appending at once from their own connections each land one batch, and the chain verifies', async (n) => {
    const location = await postgres.fresh();
    // Created by a first open, as a real deployment's first collector would; then n collectors race.
    await (await openLedgerStore(location)).close();
    const writers = await Promise.all(Array.from({ length: n }, () => openLedgerStore(location)));
    const receipts = await Promise.all(
      writers.map((w, i) => collect(w, `2026-10-${String(10 + i).padStart(2, '0')}T00:00:00Z`, { backup: Array.from({ length: 1500 }, (_, k) => backup(`w${i}-${k}`, 'COMPLETED', 1 + (k % 28))) })),
    );
    expect(receipts.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const reader = writers[0] as LedgerStore;
    expect(await reader.verifyChain()).toMatchObject({ ok: true, batches: n, entries: 1500 * n });
    for (const w of writers) await w.close();
  });

  it('a writer waits for the lock up to the ledger wait, then records nothing', async () => {
    const location = await postgres.fresh();
    const ledger = await openLedgerStore(location, { waitMs: 500 });
    const holder = new pg.Client({ connectionString: location });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(130160953947251)');
    await expect(collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] })).rejects.toThrow(/ledger is busy — another process kept writing to it/);
    const impatient = await openLedgerStore(location, { waitMs: 0 });
    await expect(collect(impatient, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] })).rejects.toThrow(/ledger is busy/);
    await holder.query('ROLLBACK');
    await holder.end();
    expect(await ledger.isEmpty()).toBe(true);
    expect(await collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] })).toMatchObject({ seq: 1 });
    await ledger.close();
    await impatient.close();
  });

  it('never shows the password: not in the location, not in a connection error', async () => {
    const location = await postgres.fresh();
    const ledger = await openLedgerStore(location);
    expect(ledger.location).not.toContain(server.password);
    expect(ledger.location).toMatch(/^postgres:\/\/vaultscope:\*\*\*@127\.0\.0\.1:\d+\/ledger\d+$/);
    expect(shownLedgerLocation(location)).toBe(ledger.location);
    await ledger.close();
    const wrong = location.replace(encodeURIComponent(server.password), 'not-the-password');
    const refused = await openLedgerStore(wrong).then(() => 'opened', (error: Error) => error.message);
    expect(refused).toMatch(/^postgres:\/\/vaultscope:\*\*\*@127\.0\.0\.1:\d+\/ledger\d+: cannot reach the PostgreSQL ledger \(password authentication failed/);
    expect(refused).not.toContain('not-the-password');
    const nobodyThere = `postgres://u:${server.password}@127.0.0.1:1/x`;
    const unreachable = await openLedgerStore(nobodyThere).then(() => 'opened', (error: Error) => error.message);
    expect(unreachable).toMatch(/cannot reach the PostgreSQL ledger/);
    expect(unreachable).not.toContain(server.password);
  });
});

describe('ledger location', () => {
  it('resolves from option, environment, demo, then default', () => {
    expect(resolveLedgerPath({ ledger: '/x.sqlite' }, {})).toBe('/x.sqlite');
    expect(resolveLedgerPath({ source: 'aws' }, { VAULTSCOPE_LEDGER: '/env.sqlite' })).toBe('/env.sqlite');
    expect(resolveLedgerPath({ source: 'aws' }, { VAULTSCOPE_LEDGER: 'postgres://h/db' })).toBe('postgres://h/db');
    expect(resolveLedgerPath({ source: 'demo' }, {})).toBe(':memory:');
    expect(resolveLedgerPath({ source: 'aws' }, { VAULTSCOPE_DATA_DIR: '/data' })).toBe('/data/ledger.sqlite');
  });
});
