/**
 * The ledger's writers: appending a collection as a hash-chained batch, and explicit retention. Each runs in one
 * SQLite transaction, so a batch is either all there (entries, index and sealed header) or not at all.
 */
import type Database from 'better-sqlite3';
import { InputError } from '@vaultscope/core';
import { AUDIT_EVIDENCE_KIND, type AuditEvidenceItem } from './auditEvidence.js';
import { OBSERVATION_KIND, type AccountObservation } from './observations.js';
import { canonicalTime, type BatchRow } from './batchRow.js';
import { BatchHasher, type BatchHeader } from './chain.js';
import { JOB_KINDS, isFinal, jobIdOf, stateOf, type JobKind, type JobOfKind } from './finality.js';
import type { BatchReceipt, CollectionInput, KindTally, PruneResult } from './types.js';

/** One record to append, whatever it is (a job or an evidence item): the hashed columns plus the record text. */
export interface EntryInput {
  id: string;
  state: string;
  final: boolean;
  creationDate: string;
  accountId: string;
  record: string;
}

/** Where the chain continues from: the newest batch, else the anchor retention left (or genesis). */
export interface ChainTip {
  head: BatchRow | undefined;
  anchorHash: string;
}

export const emptyTally = (): KindTally => ({ inserted: 0, updated: 0, unchanged: 0 });

export function* jobEntries<K extends JobKind>(kind: K, jobs: Iterable<JobOfKind[K]>): Generator<EntryInput> {
  for (const job of jobs) {
    yield {
      id: jobIdOf(kind, job),
      state: stateOf(kind, job),
      final: isFinal(kind, job),
      creationDate: canonicalTime(job.CreationDate),
      accountId: job.AccountId,
      record: JSON.stringify(job),
    };
  }
}

export function* evidenceEntries(items: Iterable<AuditEvidenceItem>): Generator<EntryInput> {
  for (const item of items) {
    const check = item.evidence.complianceCheck;
    // Evidence is final from the start: Audit Manager never revises an item.
    yield { id: item.id, state: typeof check === 'string' ? check : '', final: true, creationDate: canonicalTime(item.time), accountId: item.accountId, record: JSON.stringify(item) };
  }
}

/** Account observations: replaced whenever what was seen changed (the newest is read). */
export function* observationEntries(items: Iterable<AccountObservation>): Generator<EntryInput> {
  for (const o of items) {
    yield { id: o.key, state: '', final: false, creationDate: canonicalTime(o.capturedAt), accountId: o.account?.Id ?? '', record: JSON.stringify(o) };
  }
}

/** Writes the `batches` row, sealing the hasher; returns the batch hash. */
export function insertBatch(db: Database.Database, header: BatchHeader, prevHash: string, hasher: BatchHasher): string {
  const hash = hasher.seal(prevHash, header);
  db.prepare(
    `INSERT INTO batches (seq, kind, collected_at, source, organization_id, estate_captured_at, jobs_since, policy_hash,
       summary, note, entry_count, inserted, updated, unchanged, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    header.seq, header.kind, header.collectedAt, header.source, header.organizationId, header.estateCapturedAt,
    header.jobsSince, header.policyHash, header.summary, header.note, header.entryCount, header.inserted,
    header.updated, header.unchanged, prevHash, hash,
  );
  return hash;
}

/**
 * Appends one collection (call inside a transaction). A record already stored as final, or stored with the same
 * text, is counted as unchanged and not written again, so re-collecting the same source adds an empty batch.
 */
export function appendCollection(db: Database.Database, input: CollectionInput, tip: ChainTip): BatchReceipt {
  const seq = (tip.head?.seq ?? 0) + 1;
  const hasher = new BatchHasher();
  const lookup = db.prepare(
    'SELECT j.final AS final, e.record AS record FROM jobs j JOIN entries e ON e.id = j.entry_id WHERE j.kind = ? AND j.job_id = ?',
  );
  const insertEntry = db.prepare(
    'INSERT INTO entries (batch_seq, kind, job_id, state, final, creation_date, account_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertIndex = db.prepare(
    `INSERT INTO jobs (kind, job_id, entry_id, final, creation_date, account_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, job_id) DO UPDATE SET entry_id = excluded.entry_id, final = excluded.final,
       creation_date = excluded.creation_date, account_id = excluded.account_id`,
  );
  let entryCount = 0;
  const total = emptyTally();
  const append = (kind: string, entries: Iterable<EntryInput>): KindTally => {
    const tally = emptyTally();
    for (const e of entries) {
      const existing = lookup.get(kind, e.id) as { final: number; record: string } | undefined;
      if (existing && (existing.final === 1 || existing.record === e.record)) {
        tally.unchanged++;
        continue;
      }
      const final = e.final ? 1 : 0;
      const id = Number(insertEntry.run(seq, kind, e.id, e.state, final, e.creationDate, e.accountId, e.record).lastInsertRowid);
      hasher.add({ id, kind, jobId: e.id, state: e.state, final, creationDate: e.creationDate, accountId: e.accountId, record: e.record });
      upsertIndex.run(kind, e.id, id, final, e.creationDate, e.accountId);
      entryCount++;
      if (existing) tally.updated++;
      else tally.inserted++;
    }
    total.inserted += tally.inserted;
    total.updated += tally.updated;
    total.unchanged += tally.unchanged;
    return tally;
  };
  const byKind = { backup: emptyTally(), copy: emptyTally(), restore: emptyTally() } as Record<JobKind, KindTally>;
  for (const kind of JOB_KINDS) {
    const jobs = input.jobs[kind] as Iterable<JobOfKind[typeof kind]> | undefined;
    if (jobs) byKind[kind] = append(kind, jobEntries(kind, jobs));
  }
  const auditEvidence = input.auditEvidence ? append(AUDIT_EVIDENCE_KIND, evidenceEntries(input.auditEvidence)) : emptyTally();
  const observations = input.observations ? append(OBSERVATION_KIND, observationEntries(input.observations)) : emptyTally();
  const header = collectionHeader(seq, input, entryCount, total);
  const hash = insertBatch(db, header, tip.head?.hash ?? tip.anchorHash, hasher);
  return { seq, hash, ...total, byKind, auditEvidence, observations };
}

/** The header of a collection batch. */
export function collectionHeader(seq: number, input: CollectionInput, entryCount: number, total: KindTally): BatchHeader {
  return {
    seq,
    kind: 'collection',
    collectedAt: canonicalTime(input.collectedAt),
    source: input.source,
    organizationId: input.organizationId ?? null,
    estateCapturedAt: input.estateCapturedAt ?? null,
    jobsSince: input.jobsSince ?? null,
    policyHash: input.policyHash ?? null,
    summary: input.summary ? JSON.stringify(input.summary) : null,
    note: null,
    entryCount,
    inserted: total.inserted,
    updated: total.updated,
    unchanged: total.unchanged,
  };
}

/** The header of a retention batch. */
export function retentionHeader(seq: number, at: string, note: string): BatchHeader {
  return {
    seq, kind: 'retention', collectedAt: canonicalTime(at), source: 'retention', organizationId: null, estateCapturedAt: null,
    jobsSince: null, policyHash: null, summary: null, note, entryCount: 0, inserted: 0, updated: 0, unchanged: 0,
  };
}

/** Refuses a collection of another organization than the one the ledger holds; remembers the first one. */
export function claimOrganization(db: Database.Database, path: string, known: string | undefined, organizationId: string | undefined): void {
  if (organizationId && known && known !== organizationId) {
    throw new InputError(`${path}: this ledger holds organization ${known}, not ${organizationId}; use --ledger to choose another file`);
  }
  if (organizationId && !known) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('organization', organizationId);
}

/**
 * Explicit retention (call inside a transaction): removes every batch collected before `before` (and the records
 * only they hold), keeps the hash of the last removed batch as the chain's new anchor, and records the removal as a
 * batch of its own.
 */
export function pruneBefore(db: Database.Database, before: string, at: string, head: () => BatchRow | undefined): PruneResult {
  const cutoff = canonicalTime(before);
  const last = db
    .prepare('SELECT * FROM batches WHERE collected_at < ? AND seq < (SELECT max(seq) FROM batches) ORDER BY seq DESC LIMIT 1')
    .get(cutoff) as BatchRow | undefined;
  if (!last) return { batchesRemoved: 0, entriesRemoved: 0, jobsRemoved: 0 };
  const maxEntry = (db.prepare('SELECT max(id) AS m FROM entries WHERE batch_seq <= ?').get(last.seq) as { m: number | null }).m ?? 0;
  const jobsRemoved = db.prepare('DELETE FROM jobs WHERE entry_id <= ?').run(maxEntry).changes;
  const entriesRemoved = db.prepare('DELETE FROM entries WHERE batch_seq <= ?').run(last.seq).changes;
  const batchesRemoved = db.prepare('DELETE FROM batches WHERE seq <= ?').run(last.seq).changes;
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  setMeta.run('anchor_seq', String(last.seq));
  setMeta.run('anchor_hash', last.hash);
  const newest = head();
  const seq = (newest?.seq ?? last.seq) + 1;
  const note = JSON.stringify({ before: cutoff, removedThroughSeq: last.seq, anchorHash: last.hash, batchesRemoved, entriesRemoved, jobsRemoved });
  const header = retentionHeader(seq, at, note);
  insertBatch(db, header, newest?.hash ?? last.hash, new BatchHasher());
  return { batchesRemoved, entriesRemoved, jobsRemoved, seq };
}
