/**
 * Re-computes the ledger's hash chain from the stored rows and checks that the job index agrees with the
 * entries, reporting the first batch that does not verify.
 */
import type Database from 'better-sqlite3';
import { BatchHasher, type BatchHeader } from './chain.js';
import { isFinal, type JobKind, type JobOfKind } from './finality.js';
import type { BatchRow } from './ledger.js';
import type { ChainVerification } from './types.js';

interface EntryRow {
  id: number;
  kind: string;
  job_id: string;
  state: string;
  final: number;
  record: string;
}

function canonical(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

/** Checks the index row of each job against its latest entry; returns the offending batch and reason, if any. */
function verifyIndex(db: Database.Database): { seq: number; reason: string } | undefined {
  const stale = db
    .prepare(
      `SELECT x.kind AS kind, x.job_id AS jobId, x.m AS latest, j.entry_id AS indexed, e.batch_seq AS seq
       FROM (SELECT kind, job_id, max(id) AS m FROM entries GROUP BY kind, job_id) x
       LEFT JOIN jobs j ON j.kind = x.kind AND j.job_id = x.job_id
       JOIN entries e ON e.id = x.m
       WHERE j.entry_id IS NOT x.m ORDER BY e.batch_seq, x.m LIMIT 1`,
    )
    .get() as { kind: string; jobId: string; latest: number; indexed: number | null; seq: number } | undefined;
  if (stale) {
    return { seq: stale.seq, reason: `job index does not point at the latest record of ${stale.kind} job ${stale.jobId}` };
  }
  const orphan = db
    .prepare('SELECT j.kind AS kind, j.job_id AS jobId FROM jobs j LEFT JOIN entries e ON e.id = j.entry_id WHERE e.id IS NULL LIMIT 1')
    .get() as { kind: string; jobId: string } | undefined;
  if (orphan) return { seq: 0, reason: `job index lists ${orphan.kind} job ${orphan.jobId} with no recorded entry` };
  const rows = db
    .prepare(
      `SELECT j.kind AS kind, j.job_id AS jobId, j.final AS final, j.creation_date AS created, j.account_id AS account,
              e.record AS record, e.batch_seq AS seq
       FROM jobs j JOIN entries e ON e.id = j.entry_id`,
    )
    .iterate() as IterableIterator<{ kind: JobKind; jobId: string; final: number; created: string; account: string; record: string; seq: number }>;
  for (const row of rows) {
    const job = JSON.parse(row.record) as JobOfKind[JobKind];
    const final = isFinal(row.kind, job) ? 1 : 0;
    if (final !== row.final || canonical(job.CreationDate) !== row.created || job.AccountId !== row.account) {
      return { seq: row.seq, reason: `job index disagrees with the record of ${row.kind} job ${row.jobId}` };
    }
  }
  return undefined;
}

/** Walks the chain from the anchor (genesis, or the last batch removed by retention). */
export function verifyLedgerChain(
  db: Database.Database,
  anchorHash: string,
  headerOf: (row: BatchRow) => BatchHeader,
): ChainVerification {
  const batches = db.prepare('SELECT * FROM batches ORDER BY seq').all() as BatchRow[];
  const entriesOf = db.prepare('SELECT id, kind, job_id, state, final, record FROM entries WHERE batch_seq = ? ORDER BY id');
  const anchorSeq = Number((db.prepare("SELECT value FROM meta WHERE key = 'anchor_seq'").get() as { value: string } | undefined)?.value ?? 0);
  let prev = anchorHash;
  let expectedSeq = anchorSeq + 1;
  let entries = 0;
  for (const row of batches) {
    const fail = (reason: string): ChainVerification => ({ ok: false, batches: batches.length, brokenSeq: row.seq, reason });
    if (row.seq !== expectedSeq) return { ok: false, batches: batches.length, brokenSeq: expectedSeq, reason: `batch ${expectedSeq} is missing` };
    if (row.prev_hash !== prev) return fail('previous-batch hash does not match the chain');
    const hasher = new BatchHasher();
    let count = 0;
    for (const e of entriesOf.iterate(row.seq) as IterableIterator<EntryRow>) {
      hasher.add({ id: e.id, kind: e.kind, jobId: e.job_id, state: e.state, final: e.final, record: e.record });
      count++;
    }
    if (count !== row.entry_count) return fail(`holds ${count} entries, header says ${row.entry_count}`);
    if (hasher.seal(prev, headerOf(row)) !== row.hash) return fail('content does not match its hash');
    prev = row.hash;
    expectedSeq++;
    entries += count;
  }
  const stray = db
    .prepare('SELECT min(batch_seq) AS seq FROM entries WHERE batch_seq NOT IN (SELECT seq FROM batches)')
    .get() as { seq: number | null };
  if (stray.seq !== null) {
    return { ok: false, batches: batches.length, brokenSeq: stray.seq, reason: 'entries recorded under a batch that does not exist' };
  }
  const index = verifyIndex(db);
  if (index) return { ok: false, batches: batches.length, brokenSeq: index.seq, reason: index.reason };
  const head = batches.at(-1);
  return { ok: true, batches: batches.length, entries, ...(head ? { headHash: head.hash } : {}) };
}
