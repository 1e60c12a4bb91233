/**
 * The ledger's readers: period reads of job and evidence records (paged through SQLite, so memory stays flat),
 * counts, the collections of a period, and the span of history held.
 */
import type Database from 'better-sqlite3';
import { AUDIT_EVIDENCE_KIND } from './auditEvidence.js';
import { canonicalTime, LedgerIntegrityError, toInfo, type BatchRow } from './batchRow.js';
import { JOB_KINDS, type JobKind } from './finality.js';
import type { BatchInfo, HistoryCoverage, LedgerRange, Period } from './types.js';

const PAGE = 2000;

type Span = { count: number; earliest?: string; latest?: string };

/**
 * The latest record text of every entry of a kind (a job kind, or Audit Manager evidence) whose time falls in
 * `[period.from, period.to)`, ordered by time then id. `ledgerPath` names the ledger in integrity errors.
 */
export function* iterateRecords(db: Database.Database, ledgerPath: string, kind: string, period: Period): Generator<string> {
  // Keyset pagination: each page starts its index range at the last row's creation time (so no page re-scans
  // the ones before it), then skips the rows of that same instant it already returned.
  const stmt = db
    .prepare(
      `SELECT j.creation_date, j.job_id, e.record, e.kind, e.job_id, e.creation_date, e.batch_seq
       FROM jobs j INDEXED BY jobs_period LEFT JOIN entries e ON e.id = j.entry_id
       WHERE j.kind = ? AND j.creation_date >= ? AND j.creation_date < ? AND (j.creation_date > ? OR j.job_id > ?)
       ORDER BY j.creation_date, j.job_id LIMIT ?`,
    )
    .raw(true);
  const from = canonicalTime(period.from);
  const to = canonicalTime(period.to);
  let cursor: [string, string] = ['', ''];
  for (;;) {
    const low = cursor[0] > from ? cursor[0] : from;
    const rows = stmt.all(kind, low, to, cursor[0], cursor[1], PAGE) as [string, string, string | null, string, string, string, number][];
    for (const [created, id, record, entryKind, entryId, entryCreated, seq] of rows) {
      // The index row must describe the (hashed) entry it points at; verifyChain proved the entries themselves.
      if (record === null || entryKind !== kind || entryId !== id || entryCreated !== created) {
        throw new LedgerIntegrityError(ledgerPath, seq ?? 0, `job index disagrees with the record of ${kind === AUDIT_EVIDENCE_KIND ? 'Audit Manager evidence' : `${kind} job`} ${id}`);
      }
      yield record;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    cursor = [last[0], last[1]];
  }
}

/** How many entries of a kind fall in the period. */
export function countIn(db: Database.Database, kind: string, period: Period): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM jobs WHERE kind = ? AND creation_date >= ? AND creation_date < ?')
    .get(kind, canonicalTime(period.from), canonicalTime(period.to)) as { n: number };
  return row.n;
}

/** Collection batches whose collection time falls in the period. */
export function collectionsIn(db: Database.Database, period: Period): BatchInfo[] {
  const rows = db
    .prepare("SELECT * FROM batches WHERE kind = 'collection' AND collected_at >= ? AND collected_at < ? ORDER BY seq")
    .all(canonicalTime(period.from), canonicalTime(period.to)) as BatchRow[];
  return rows.map(toInfo);
}

function spanOf(db: Database.Database, kind: string): Span {
  const r = db.prepare('SELECT count(*) AS n, min(creation_date) AS lo, max(creation_date) AS hi FROM jobs WHERE kind = ?').get(kind) as {
    n: number;
    lo: string | null;
    hi: string | null;
  };
  return { count: r.n, ...(r.lo ? { earliest: r.lo } : {}), ...(r.hi ? { latest: r.hi } : {}) };
}

/** Batches, head and the span of records held. */
export function rangeOf(db: Database.Database, head: BatchRow | undefined): LedgerRange {
  const first = db.prepare('SELECT seq, collected_at FROM batches ORDER BY seq LIMIT 1').get() as { seq: number; collected_at: string } | undefined;
  const count = (db.prepare('SELECT count(*) AS n FROM batches').get() as { n: number }).n;
  const jobs = {} as LedgerRange['jobs'];
  for (const kind of JOB_KINDS) jobs[kind] = spanOf(db, kind);
  return {
    batches: count,
    ...(first ? { firstBatch: { seq: first.seq, collectedAt: first.collected_at } } : {}),
    ...(head ? { lastBatch: { seq: head.seq, collectedAt: head.collected_at, hash: head.hash } } : {}),
    jobs,
    auditEvidence: spanOf(db, AUDIT_EVIDENCE_KIND),
  };
}

/** The earliest job of any job kind (evidence is not job history, so it does not widen the span). */
function earliestJob(db: Database.Database): string | undefined {
  const stmt = db.prepare('SELECT min(creation_date) AS e FROM jobs WHERE kind = ?');
  const mins = JOB_KINDS.map((k: JobKind) => (stmt.get(k) as { e: string | null }).e).filter((v): v is string => Boolean(v));
  return mins.sort()[0];
}

/**
 * The span of job history the ledger can vouch for. `from`: the earliest instant its collections said their job
 * lists cover (`jobsSince`), or the earliest job held when no collection said; after retention, no earlier than
 * the retention cut-off (jobs created before it may have been removed). `until`: the last collection. Jobs
 * created outside this span are simply unknown to the ledger, which is not the same as "there were none".
 */
export function coverageOf(db: Database.Database): HistoryCoverage {
  const since = db.prepare("SELECT min(jobs_since) AS s, max(collected_at) AS u FROM batches WHERE kind = 'collection'").get() as { s: string | null; u: string | null };
  const notes = (db.prepare("SELECT note FROM batches WHERE kind = 'retention'").all() as { note: string | null }[]).map((r) => r.note);
  return coverageFrom(since.s, since.u, earliestJob(db), notes);
}

/** `coverageOf` from what any store read: earliest `jobsSince`, last collection, earliest job, retention notes. */
export function coverageFrom(jobsSince: string | null, lastCollection: string | null, earliest: string | undefined, retentionNotes: (string | null)[]): HistoryCoverage {
  const candidates = [jobsSince, earliest].filter((v): v is string => Boolean(v)).map(canonicalTime).sort();
  let from = candidates[0];
  for (const note of retentionNotes) {
    let before: string | undefined;
    try {
      before = (JSON.parse(note ?? '{}') as { before?: string }).before;
    } catch {
      before = undefined; // a damaged note is verifyChain's to report
    }
    if (before && (!from || before > from)) from = before;
  }
  return { ...(from ? { from } : {}), ...(lastCollection ? { until: lastCollection } : {}) };
}
