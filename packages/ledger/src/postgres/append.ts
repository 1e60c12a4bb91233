/**
 * Appending to a PostgreSQL ledger (inside the writer's transaction, under its advisory lock): the same decisions
 * as the SQLite writer (../append.ts) — a record stored as final, or with the same text, is unchanged; entry ids
 * continue from the largest — made a thousand records per round trip, so a collection of a large organization is
 * not a million network round trips. Same rows, same order, same ids: the same batch hash as SQLite.
 */
import type { PoolClient } from 'pg';
import { AUDIT_EVIDENCE_KIND } from '../auditEvidence.js';
import { collectionHeader, emptyTally, evidenceEntries, jobEntries, observationEntries, retentionHeader, type EntryInput } from '../append.js';
import { OBSERVATION_KIND } from '../observations.js';
import { canonicalTime, type BatchRow } from '../batchRow.js';
import { BatchHasher, type BatchHeader } from '../chain.js';
import { JOB_KINDS, type JobKind, type JobOfKind } from '../finality.js';
import type { BatchReceipt, CollectionInput, KindTally, PruneResult } from '../types.js';

const CHUNK = 1000;

/** Writes the `batches` row, sealing the hasher; returns the batch hash. */
async function insertBatch(client: PoolClient, header: BatchHeader, prevHash: string, hasher: BatchHasher): Promise<string> {
  const hash = hasher.seal(prevHash, header);
  await client.query(
    `INSERT INTO batches (seq, kind, collected_at, source, organization_id, estate_captured_at, jobs_since, policy_hash,
       summary, note, entry_count, inserted, updated, unchanged, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      header.seq, header.kind, header.collectedAt, header.source, header.organizationId, header.estateCapturedAt,
      header.jobsSince, header.policyHash, header.summary, header.note, header.entryCount, header.inserted,
      header.updated, header.unchanged, prevHash, hash,
    ],
  );
  return hash;
}

/** The newest batch row. */
export async function headRow(client: Pick<PoolClient, 'query'>): Promise<BatchRow | undefined> {
  return (await client.query<BatchRow>('SELECT * FROM batches ORDER BY seq DESC LIMIT 1')).rows[0];
}

/** A `meta` value. */
export async function metaValue(client: Pick<PoolClient, 'query'>, key: string): Promise<string | undefined> {
  return (await client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value;
}

interface Stored {
  final: number;
  record: string;
}

/** Appends one collection (call inside the locked transaction). */
export async function appendCollection(client: PoolClient, input: CollectionInput, anchorHash: string): Promise<BatchReceipt> {
  const head = await headRow(client);
  const seq = (head?.seq ?? 0) + 1;
  let nextId = ((await client.query<{ m: number | null }>('SELECT max(id) AS m FROM entries')).rows[0]?.m ?? 0) + 1;
  const hasher = new BatchHasher();
  let entryCount = 0;
  const total = emptyTally();

  const flush = async (kind: string, chunk: EntryInput[], tally: KindTally): Promise<void> => {
    const stored = new Map<string, Stored>();
    const found = await client.query<{ job_id: string; final: number; record: string }>(
      'SELECT j.job_id, j.final, e.record FROM jobs j JOIN entries e ON e.id = j.entry_id WHERE j.kind = $1 AND j.job_id = ANY($2::text[])',
      [kind, [...new Set(chunk.map((e) => e.id))]],
    );
    for (const r of found.rows) stored.set(r.job_id, { final: r.final, record: r.record });
    const rows: { id: number; e: EntryInput; final: number }[] = [];
    for (const e of chunk) {
      const existing = stored.get(e.id);
      if (existing && (existing.final === 1 || existing.record === e.record)) {
        tally.unchanged++;
        continue;
      }
      const final = e.final ? 1 : 0;
      const id = nextId++;
      rows.push({ id, e, final });
      hasher.add({ id, kind, jobId: e.id, state: e.state, final, creationDate: e.creationDate, accountId: e.accountId, record: e.record });
      // A job seen twice in one collection: the second sighting is judged against the first, as in SQLite.
      stored.set(e.id, { final, record: e.record });
      entryCount++;
      if (existing) tally.updated++;
      else tally.inserted++;
    }
    if (!rows.length) return;
    await client.query(
      `INSERT INTO entries (id, batch_seq, kind, job_id, state, final, creation_date, account_id, record)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])`,
      [
        rows.map((r) => r.id), rows.map(() => seq), rows.map(() => kind), rows.map((r) => r.e.id), rows.map((r) => r.e.state),
        rows.map((r) => r.final), rows.map((r) => r.e.creationDate), rows.map((r) => r.e.accountId), rows.map((r) => r.e.record),
      ],
    );
    // The index points at each job's newest entry: the last row of the chunk for that job.
    const latest = [...new Map(rows.map((r) => [r.e.id, r])).values()];
    await client.query(
      `INSERT INTO jobs (kind, job_id, entry_id, final, creation_date, account_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[])
       ON CONFLICT (kind, job_id) DO UPDATE SET entry_id = excluded.entry_id, final = excluded.final,
         creation_date = excluded.creation_date, account_id = excluded.account_id`,
      [latest.map(() => kind), latest.map((r) => r.e.id), latest.map((r) => r.id), latest.map((r) => r.final), latest.map((r) => r.e.creationDate), latest.map((r) => r.e.accountId)],
    );
  };

  const append = async (kind: string, entries: Iterable<EntryInput>): Promise<KindTally> => {
    const tally = emptyTally();
    let chunk: EntryInput[] = [];
    for (const e of entries) {
      chunk.push(e);
      if (chunk.length >= CHUNK) {
        await flush(kind, chunk, tally);
        chunk = [];
      }
    }
    if (chunk.length) await flush(kind, chunk, tally);
    total.inserted += tally.inserted;
    total.updated += tally.updated;
    total.unchanged += tally.unchanged;
    return tally;
  };

  const byKind = { backup: emptyTally(), copy: emptyTally(), restore: emptyTally() } as Record<JobKind, KindTally>;
  for (const kind of JOB_KINDS) {
    const jobs = input.jobs[kind] as Iterable<JobOfKind[typeof kind]> | undefined;
    if (jobs) byKind[kind] = await append(kind, jobEntries(kind, jobs));
  }
  const auditEvidence = input.auditEvidence ? await append(AUDIT_EVIDENCE_KIND, evidenceEntries(input.auditEvidence)) : emptyTally();
  const observations = input.observations ? await append(OBSERVATION_KIND, observationEntries(input.observations)) : emptyTally();
  const hash = await insertBatch(client, collectionHeader(seq, input, entryCount, total), head?.hash ?? anchorHash, hasher);
  return { seq, hash, ...total, byKind, auditEvidence, observations };
}

/** Explicit retention (call inside the locked transaction); see ../append.ts `pruneBefore`. */
export async function pruneBefore(client: PoolClient, before: string, at: string): Promise<PruneResult> {
  const cutoff = canonicalTime(before);
  const last = (
    await client.query<BatchRow>('SELECT * FROM batches WHERE collected_at < $1 AND seq < (SELECT max(seq) FROM batches) ORDER BY seq DESC LIMIT 1', [cutoff])
  ).rows[0];
  if (!last) return { batchesRemoved: 0, entriesRemoved: 0, jobsRemoved: 0 };
  const maxEntry = (await client.query<{ m: number | null }>('SELECT max(id) AS m FROM entries WHERE batch_seq <= $1', [last.seq])).rows[0]?.m ?? 0;
  const jobsRemoved = (await client.query('DELETE FROM jobs WHERE entry_id <= $1', [maxEntry])).rowCount ?? 0;
  const entriesRemoved = (await client.query('DELETE FROM entries WHERE batch_seq <= $1', [last.seq])).rowCount ?? 0;
  const batchesRemoved = (await client.query('DELETE FROM batches WHERE seq <= $1', [last.seq])).rowCount ?? 0;
  const setMeta = 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
  await client.query(setMeta, ['anchor_seq', String(last.seq)]);
  await client.query(setMeta, ['anchor_hash', last.hash]);
  const newest = await headRow(client);
  const seq = (newest?.seq ?? last.seq) + 1;
  const note = JSON.stringify({ before: cutoff, removedThroughSeq: last.seq, anchorHash: last.hash, batchesRemoved, entriesRemoved, jobsRemoved });
  await insertBatch(client, retentionHeader(seq, at, note), newest?.hash ?? last.hash, new BatchHasher());
  return { batchesRemoved, entriesRemoved, jobsRemoved, seq };
}
