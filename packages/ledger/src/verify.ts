/**
 * Re-computes the ledger's hash chain from the stored rows and checks that the job index agrees with the
 * entries, reporting the first batch that does not verify. Entries carry (hashed) copies of the columns the index
 * holds, so the index check is plain SQL over indexes: no record is parsed twice.
 */
import type Database from 'better-sqlite3';
import { AUDIT_EVIDENCE_KIND } from './auditEvidence.js';
import { BatchHasher, type BatchHeader } from './chain.js';
import type { BatchRow } from './batchRow.js';
import type { ChainVerification } from './types.js';

/** Checks the job index against the entries; returns the offending batch and reason, if any. */
function verifyIndex(db: Database.Database, depth: 'full' | 'latest'): { seq: number; reason: string } | undefined {
  // Every job's index row must point at its newest entry…
  const stale = db
    .prepare(
      `SELECT x.kind AS kind, x.job_id AS jobId, e.batch_seq AS seq
       FROM (SELECT kind, job_id, max(id) AS m FROM entries INDEXED BY entries_by_job GROUP BY kind, job_id) x
       LEFT JOIN jobs j ON j.kind = x.kind AND j.job_id = x.job_id
       JOIN entries e ON e.id = x.m
       WHERE j.entry_id IS NOT x.m LIMIT 1`,
    )
    .get() as { kind: string; jobId: string; seq: number } | undefined;
  if (stale) return { seq: stale.seq, reason: `job index does not point at the latest record of ${stale.kind} job ${stale.jobId}` };
  if (depth === 'latest') return undefined;
  // …and copy its columns faithfully; no index row may point at nothing.
  const wrong = db
    .prepare(
      `SELECT j.kind AS kind, j.job_id AS jobId, e.batch_seq AS seq FROM jobs j LEFT JOIN entries e ON e.id = j.entry_id
       WHERE e.id IS NULL OR e.kind IS NOT j.kind OR e.job_id IS NOT j.job_id OR e.final IS NOT j.final
          OR e.creation_date IS NOT j.creation_date OR e.account_id IS NOT j.account_id
       LIMIT 1`,
    )
    .get() as { kind: string; jobId: string; seq: number | null } | undefined;
  if (wrong) {
    return wrong.seq === null
      ? { seq: 0, reason: `job index lists ${wrong.kind} job ${wrong.jobId} with no recorded entry` }
      : { seq: wrong.seq, reason: `job index disagrees with the record of ${wrong.kind} job ${wrong.jobId}` };
  }
  return undefined;
}

/** Whether a retention batch's (hashed) note records removing batches up to `anchorSeq`, ending in `anchorHash`. */
function recordsAnchor(note: string | null, anchorSeq: number, anchorHash: string): boolean {
  try {
    const n = JSON.parse(note ?? '') as { removedThroughSeq?: unknown; anchorHash?: unknown };
    return n.removedThroughSeq === anchorSeq && n.anchorHash === anchorHash;
  } catch {
    return false;
  }
}

/**
 * Walks the chain from the anchor (genesis, or the last batch removed by retention). An anchor above 0 is only
 * believed when a retention batch in the chain — hashed like every other — records that very anchor: otherwise
 * deleting the oldest batches and moving `meta.anchor_*` along would leave a chain that verifies.
 */
export function verifyLedgerChain(
  db: Database.Database,
  anchorHash: string,
  headerOf: (row: BatchRow) => BatchHeader,
  indexDepth: 'full' | 'latest' = 'full',
): ChainVerification {
  const batches = db.prepare('SELECT * FROM batches ORDER BY seq').all() as BatchRow[];
  // One pass over the entries in id order (batches wrote contiguous, increasing ids), rows as arrays.
  const entryRows = db
    .prepare('SELECT batch_seq, id, kind, job_id, state, final, creation_date, account_id, record FROM entries ORDER BY id')
    .raw(true)
    .iterate() as IterableIterator<[number, number, string, string, string, number, string, string, string]>;
  let pending = entryRows.next();
  const anchorSeq = Number((db.prepare("SELECT value FROM meta WHERE key = 'anchor_seq'").get() as { value: string } | undefined)?.value ?? 0);
  let prev = anchorHash;
  let expectedSeq = anchorSeq + 1;
  let entries = 0;
  let auditEvidence = 0;
  let anchorRecorded = anchorSeq === 0;
  try {
    for (const row of batches) {
      const fail = (reason: string): ChainVerification => ({ ok: false, batches: batches.length, brokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, batches: batches.length, brokenSeq: expectedSeq, reason: `batch ${expectedSeq} is missing` };
      if (row.prev_hash !== prev) return fail('previous-batch hash does not match the chain');
      const hasher = new BatchHasher();
      let count = 0;
      while (!pending.done && pending.value[0] <= row.seq) {
        const [seq, id, kind, jobId, state, final, creationDate, accountId, record] = pending.value;
        if (seq !== row.seq) return { ok: false, batches: batches.length, brokenSeq: seq, reason: 'entries out of order or under a batch that does not exist' };
        hasher.add({ id, kind, jobId, state, final, creationDate, accountId, record });
        count++;
        if (kind === AUDIT_EVIDENCE_KIND) auditEvidence++;
        pending = entryRows.next();
      }
      if (count !== row.entry_count) return fail(`holds ${count} entries, header says ${row.entry_count}`);
      if (hasher.seal(prev, headerOf(row)) !== row.hash) return fail('content does not match its hash');
      if (row.kind === 'retention' && recordsAnchor(row.note, anchorSeq, anchorHash)) anchorRecorded = true;
      prev = row.hash;
      expectedSeq++;
      entries += count;
    }
  } finally {
    entryRows.return?.();
  }
  if (!pending.done) {
    return { ok: false, batches: batches.length, brokenSeq: pending.value[0], reason: 'entries recorded under a batch that does not exist' };
  }
  if (!anchorRecorded) {
    return {
      ok: false,
      batches: batches.length,
      brokenSeq: anchorSeq + 1,
      reason: `the chain starts after batch ${anchorSeq}, but no retention batch records removing batches 1-${anchorSeq}: earlier batches were deleted outside retention`,
    };
  }
  const index = verifyIndex(db, indexDepth);
  if (index) return { ok: false, batches: batches.length, brokenSeq: index.seq, reason: index.reason };
  const head = batches.at(-1);
  // `entries` keeps meaning job records (what `history verify` reports); evidence items are counted apart.
  return { ok: true, batches: batches.length, entries: entries - auditEvidence, auditEvidence, ...(head ? { headHash: head.hash } : {}) };
}
