/**
 * Re-computes the ledger's hash chain from the stored rows and checks that the job index agrees with the
 * entries, reporting the first batch that does not verify. Entries carry (hashed) copies of the columns the index
 * holds, so the index check is plain SQL over indexes: no record is parsed twice.
 */
import type Database from 'better-sqlite3';
import { AUDIT_EVIDENCE_KIND } from './auditEvidence.js';
import { OBSERVATION_KIND } from './observations.js';
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

/** An entry row as verification reads it: batch, id, kind, job id, state, final, creation date, account, record. */
export type EntryTuple = [number, number, string, string, string, number, string, string, string];

type Failure = Extract<ChainVerification, { ok: false }>;

/**
 * Walks the chain from the anchor (genesis, or the last batch removed by retention), fed the entries in id order
 * (pushed, so a store that reads them asynchronously walks the same code). An anchor above 0 is only believed when
 * a retention batch in the chain — hashed like every other — records that very anchor: otherwise deleting the
 * oldest batches and moving `meta.anchor_*` along would leave a chain that verifies.
 */
export class ChainWalk {
  private idx = 0;
  private open = false;
  private hasher = new BatchHasher();
  private count = 0;
  private prev: string;
  private expectedSeq: number;
  private entries = 0;
  private auditEvidence = 0;
  private observations = 0;
  private anchorRecorded: boolean;
  private failure: Failure | undefined;

  constructor(
    private readonly batches: BatchRow[],
    private readonly anchorSeq: number,
    private readonly anchorHash: string,
    private readonly headerOf: (row: BatchRow) => BatchHeader,
  ) {
    this.prev = anchorHash;
    this.expectedSeq = anchorSeq + 1;
    this.anchorRecorded = anchorSeq === 0;
  }

  private fail(brokenSeq: number, reason: string): Failure {
    this.failure ??= { ok: false, batches: this.batches.length, brokenSeq, reason };
    return this.failure;
  }

  private openBatch(row: BatchRow): Failure | undefined {
    if (this.open) return undefined;
    if (row.seq !== this.expectedSeq) return this.fail(this.expectedSeq, `batch ${this.expectedSeq} is missing`);
    if (row.prev_hash !== this.prev) return this.fail(row.seq, 'previous-batch hash does not match the chain');
    this.open = true;
    this.hasher = new BatchHasher();
    this.count = 0;
    return undefined;
  }

  private closeBatch(row: BatchRow): Failure | undefined {
    const opened = this.openBatch(row);
    if (opened) return opened;
    if (this.count !== row.entry_count) return this.fail(row.seq, `holds ${this.count} entries, header says ${row.entry_count}`);
    if (this.hasher.seal(this.prev, this.headerOf(row)) !== row.hash) return this.fail(row.seq, 'content does not match its hash');
    if (row.kind === 'retention' && recordsAnchor(row.note, this.anchorSeq, this.anchorHash)) this.anchorRecorded = true;
    this.prev = row.hash;
    this.expectedSeq++;
    this.entries += this.count;
    this.idx++;
    this.open = false;
    return undefined;
  }

  /** The next entry (in id order); a failure once the chain is known broken (stop feeding then). */
  entry(e: EntryTuple): Failure | undefined {
    if (this.failure) return this.failure;
    const [seq, id, kind, jobId, state, final, creationDate, accountId, record] = e;
    for (;;) {
      const row = this.batches[this.idx];
      if (!row) return this.fail(seq, 'entries recorded under a batch that does not exist');
      const opened = this.openBatch(row);
      if (opened) return opened;
      if (seq <= row.seq) {
        if (seq !== row.seq) return this.fail(seq, 'entries out of order or under a batch that does not exist');
        this.hasher.add({ id, kind, jobId, state, final, creationDate, accountId, record });
        this.count++;
        if (kind === AUDIT_EVIDENCE_KIND) this.auditEvidence++;
        else if (kind === OBSERVATION_KIND) this.observations++;
        return undefined;
      }
      const closed = this.closeBatch(row);
      if (closed) return closed;
    }
  }

  /** After the last entry: closes the remaining batches and checks the anchor. */
  finish(): ChainVerification {
    if (this.failure) return this.failure;
    for (let row = this.batches[this.idx]; row; row = this.batches[this.idx]) {
      const closed = this.closeBatch(row);
      if (closed) return closed;
    }
    if (!this.anchorRecorded) {
      return this.fail(
        this.anchorSeq + 1,
        `the chain starts after batch ${this.anchorSeq}, but no retention batch records removing batches 1-${this.anchorSeq}: earlier batches were deleted outside retention`,
      );
    }
    const head = this.batches.at(-1);
    // `entries` keeps meaning job records (what `history verify` reports); evidence items are counted apart.
    return { ok: true, batches: this.batches.length, entries: this.entries - this.auditEvidence - this.observations, auditEvidence: this.auditEvidence, observations: this.observations, ...(head ? { headHash: head.hash } : {}) };
  }
}

/** Walks the SQLite ledger's chain, then checks its job index. */
export function verifyLedgerChain(
  db: Database.Database,
  anchorHash: string,
  headerOf: (row: BatchRow) => BatchHeader,
  indexDepth: 'full' | 'latest' = 'full',
): ChainVerification {
  const batches = db.prepare('SELECT * FROM batches ORDER BY seq').all() as BatchRow[];
  const anchorSeq = Number((db.prepare("SELECT value FROM meta WHERE key = 'anchor_seq'").get() as { value: string } | undefined)?.value ?? 0);
  const walk = new ChainWalk(batches, anchorSeq, anchorHash, headerOf);
  // One pass over the entries in id order (batches wrote contiguous, increasing ids), rows as arrays.
  const entryRows = db
    .prepare('SELECT batch_seq, id, kind, job_id, state, final, creation_date, account_id, record FROM entries ORDER BY id')
    .raw(true)
    .iterate() as IterableIterator<EntryTuple>;
  try {
    for (const row of entryRows) if (walk.entry(row)) break;
  } finally {
    entryRows.return?.();
  }
  const result = walk.finish();
  if (!result.ok) return result;
  const index = verifyIndex(db, indexDepth);
  if (index) return { ok: false, batches: batches.length, brokenSeq: index.seq, reason: index.reason };
  return result;
}
