import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupJob, CopyJob, RestoreJob } from '@vaultscope/core';
import { openLedger, type Ledger } from './ledger.js';
import { resolveLedgerPath } from './paths.js';

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

const collect = (ledger: Ledger, at: string, jobs: { backup?: BackupJob[]; copy?: CopyJob[]; restore?: RestoreJob[] }) =>
  ledger.recordCollection({ collectedAt: at, source: 'snapshot:test.json', organizationId: 'o-test', jobs });

describe('ledger', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaultscope-ledger-'));
    ledger = openLedger(join(dir, 'nested', 'ledger.sqlite'));
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a job once, updates running jobs until final, and ignores re-collection', () => {
    const first = collect(ledger, '2026-10-02T00:00:00Z', {
      backup: [backup('b1', 'COMPLETED', 1), backup('b2', 'RUNNING', 1, { PercentDone: '10' })],
      copy: [copy('c1', 'RUNNING')],
      restore: [restoreTest('r1', 'COMPLETED', 'VALIDATING')],
    });
    expect(first).toMatchObject({ seq: 1, inserted: 4, updated: 0, unchanged: 0 });

    const again = collect(ledger, '2026-10-02T01:00:00Z', {
      backup: [backup('b1', 'COMPLETED', 1), backup('b2', 'RUNNING', 1, { PercentDone: '10' })],
      copy: [copy('c1', 'RUNNING')],
      restore: [restoreTest('r1', 'COMPLETED', 'VALIDATING')],
    });
    expect(again).toMatchObject({ seq: 2, inserted: 0, updated: 0, unchanged: 4 });

    const progressed = collect(ledger, '2026-10-03T00:00:00Z', {
      backup: [backup('b1', 'FAILED', 1), backup('b2', 'COMPLETED', 1)],
      copy: [copy('c1', 'COMPLETED')],
      restore: [restoreTest('r1', 'COMPLETED', 'SUCCESSFUL')],
    });
    // b1 was final: its recorded state stands even though a later observation disagrees.
    expect(progressed).toMatchObject({ inserted: 0, updated: 3, unchanged: 1 });
    expect(progressed.byKind.backup).toEqual({ inserted: 0, updated: 1, unchanged: 1 });

    const final = collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b2', 'FAILED', 1)], restore: [restoreTest('r1', 'COMPLETED', 'FAILED')] });
    expect(final).toMatchObject({ updated: 0, unchanged: 2 });

    const period = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    const jobs = [...ledger.iterateJobs('backup', period)];
    expect(jobs.map((j) => [j.BackupJobId, j.State])).toEqual([['b1', 'COMPLETED'], ['b2', 'COMPLETED']]);
    expect([...ledger.iterateJobs('restore', period)][0]?.ValidationStatus).toBe('SUCCESSFUL');
    expect(ledger.verifyChain()).toMatchObject({ ok: true, batches: 4, entries: 7 });
  });

  it('reads a period in creation order across pages, and only that period', () => {
    const many = Array.from({ length: 4500 }, (_, i) => backup(`job-${String(i).padStart(5, '0')}`, 'COMPLETED', 1 + (i % 30)));
    collect(ledger, '2026-11-01T00:00:00Z', { backup: [...many, backup('late', 'COMPLETED', 31), backup('nov', 'COMPLETED', 1, { CreationDate: '2026-11-01T00:00:00Z' })] });
    const period = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    const ids = [...ledger.iterateJobs('backup', period)].map((j) => j.BackupJobId);
    expect(ids).toHaveLength(4501);
    expect(ids).not.toContain('nov');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ledger.countJobs('backup', period)).toBe(4501);
    const days = [...ledger.iterateJobs('backup', period)].map((j) => j.CreationDate);
    expect([...days].sort()).toEqual(days);
  });

  it('names the first broken batch when an entry, a header or a link is tampered with', () => {
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b2', 'FAILED', 2, { StatusMessage: 'Access denied' })] });
    collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b3', 'COMPLETED', 3)] });
    expect(ledger.verifyChain().ok).toBe(true);
    const db = ledger.database;

    db.prepare("UPDATE entries SET record = replace(record, 'FAILED', 'COMPLETED') WHERE job_id = 'b2'").run();
    expect(ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 2, reason: 'content does not match its hash' });
    db.prepare("UPDATE entries SET record = replace(record, '\"COMPLETED\",\"StatusMessage', '\"FAILED\",\"StatusMessage') WHERE job_id = 'b2'").run();
    expect(ledger.verifyChain().ok).toBe(true);

    db.prepare("UPDATE batches SET source = 'aws' WHERE seq = 3").run();
    expect(ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3 });
    db.prepare("UPDATE batches SET source = 'snapshot:test.json' WHERE seq = 3").run();

    db.prepare("DELETE FROM entries WHERE job_id = 'b1'").run();
    const broken = ledger.verifyChain();
    expect(broken).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('detects a job index that was pointed away from the latest record', () => {
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'RUNNING', 1)] });
    collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b1', 'FAILED', 1)] });
    ledger.database.prepare("UPDATE jobs SET entry_id = 1, final = 0 WHERE job_id = 'b1'").run();
    expect(ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it('keeps everything unless retention is asked for, and records the pruning in the chain', () => {
    collect(ledger, '2026-01-02T00:00:00Z', { backup: [backup('old', 'COMPLETED', 1, { CreationDate: '2026-01-01T00:00:00Z' })] });
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('new', 'COMPLETED', 1)] });
    const result = ledger.prune('2026-06-01T00:00:00Z', '2026-10-05T00:00:00Z');
    expect(result).toEqual({ batchesRemoved: 1, entriesRemoved: 1, jobsRemoved: 1, seq: 3 });
    expect(ledger.verifyChain()).toMatchObject({ ok: true, batches: 2 });
    expect(ledger.range().jobs.backup.count).toBe(1);
    expect([...ledger.batches()].map((b) => b.kind)).toEqual(['collection', 'retention']);
  });

  it('reports batches deleted outside retention even when the anchor was moved along with them', () => {
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    collect(ledger, '2026-10-03T00:00:00Z', { backup: [backup('b2', 'FAILED', 2)] });
    collect(ledger, '2026-10-04T00:00:00Z', { backup: [backup('b3', 'COMPLETED', 3)] });
    const db = ledger.database;
    const removed = db.prepare('SELECT hash FROM batches WHERE seq = 2').get() as { hash: string };
    // What an attacker would do: drop the oldest batches, their entries and jobs, and re-anchor the chain.
    db.prepare('DELETE FROM jobs WHERE entry_id IN (SELECT id FROM entries WHERE batch_seq <= 2)').run();
    db.prepare('DELETE FROM entries WHERE batch_seq <= 2').run();
    db.prepare('DELETE FROM batches WHERE seq <= 2').run();
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    setMeta.run('anchor_seq', '2');
    setMeta.run('anchor_hash', removed.hash);
    expect(ledger.verifyChain()).toMatchObject({ ok: false, brokenSeq: 3, reason: expect.stringMatching(/no retention batch records removing batches 1-2/) });
  });

  it('accepts an anchor only when a retention batch records exactly it, across repeated pruning', () => {
    collect(ledger, '2026-01-02T00:00:00Z', { backup: [backup('a', 'COMPLETED', 1, { CreationDate: '2026-01-01T00:00:00Z' })] });
    collect(ledger, '2026-03-02T00:00:00Z', { backup: [backup('b', 'COMPLETED', 1, { CreationDate: '2026-03-01T00:00:00Z' })] });
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('c', 'COMPLETED', 1)] });
    expect(ledger.prune('2026-02-01T00:00:00Z', '2026-10-03T00:00:00Z')).toMatchObject({ batchesRemoved: 1, seq: 4 });
    expect(ledger.verifyChain().ok).toBe(true);
    expect(ledger.prune('2026-10-03T00:00:01Z', '2026-10-04T00:00:00Z')).toMatchObject({ batchesRemoved: 2, seq: 5 });
    expect(ledger.verifyChain()).toMatchObject({ ok: true, batches: 2 });
    // Moving the anchor back to the first prune's (whose retention batch is gone now) is caught.
    ledger.database.prepare("UPDATE meta SET value = '1' WHERE key = 'anchor_seq'").run();
    expect(ledger.verifyChain().ok).toBe(false);
  });

  it('says which span of job history it covers, clipped by retention', () => {
    expect(ledger.coverage()).toEqual({});
    ledger.recordCollection({ collectedAt: '2026-10-05T00:00:00Z', source: 'aws', organizationId: 'o-test', jobsSince: '2026-09-05T00:00:00Z', jobs: { backup: [backup('b1', 'COMPLETED', 1)] } });
    expect(ledger.coverage()).toEqual({ from: '2026-09-05T00:00:00.000Z', until: '2026-10-05T00:00:00.000Z' });
    // A collection that does not say how far back its lists go covers from its earliest job.
    collect(ledger, '2026-10-06T00:00:00Z', { backup: [backup('old', 'COMPLETED', 1, { CreationDate: '2026-08-01T00:00:00Z' })] });
    expect(ledger.coverage()).toEqual({ from: '2026-08-01T00:00:00.000Z', until: '2026-10-06T00:00:00.000Z' });
    ledger.prune('2026-10-05T12:00:00Z', '2026-10-07T00:00:00Z');
    expect(ledger.coverage().from).toBe('2026-10-05T12:00:00.000Z');
  });

  it('refuses to mix organizations and survives reopening', () => {
    collect(ledger, '2026-10-02T00:00:00Z', { backup: [backup('b1', 'COMPLETED', 1)] });
    expect(() => ledger.recordCollection({ collectedAt: '2026-10-03T00:00:00Z', source: 'aws', organizationId: 'o-other', jobs: {} })).toThrow(
      /holds organization o-test/,
    );
    const path = ledger.path;
    ledger.close();
    ledger = openLedger(path, { readonly: true });
    expect(ledger.verifyChain()).toMatchObject({ ok: true, batches: 1 });
    expect(ledger.range()).toMatchObject({ batches: 1, lastBatch: { seq: 1 }, jobs: { backup: { count: 1 } } });
  });

  it('resolves the ledger path from option, environment, demo, then default', () => {
    expect(resolveLedgerPath({ ledger: '/x.sqlite' }, {})).toBe('/x.sqlite');
    expect(resolveLedgerPath({ source: 'aws' }, { VAULTSCOPE_LEDGER: '/env.sqlite' })).toBe('/env.sqlite');
    expect(resolveLedgerPath({ source: 'demo' }, {})).toBe(':memory:');
    expect(resolveLedgerPath({ source: 'aws' }, { VAULTSCOPE_DATA_DIR: '/data' })).toBe('/data/ledger.sqlite');
  });
});
