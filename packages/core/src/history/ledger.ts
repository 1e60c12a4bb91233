/**
 * The job-history ledger: an append-only, hash-chained SQLite store of every backup, copy and restore job a
 * collection observed, plus a posture summary per collection. AWS forgets jobs after 30 days; the ledger does
 * not (only an explicit `prune` removes anything, and the prune itself is recorded in the chain).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Summary } from '../posture/schema.js';
import { InputError } from '../util/inputError.js';
import { BatchHasher, GENESIS_HASH, type BatchHeader } from './chain.js';
import { JOB_KINDS, isFinal, jobIdOf, stateOf, type JobKind, type JobOfKind } from './finality.js';
import { MEMORY_LEDGER } from './paths.js';
import { DDL, SCHEMA_VERSION } from './schema.js';
import type { BatchInfo, BatchReceipt, CollectionInput, HistoryCoverage, KindTally, LedgerRange, Period, PruneResult } from './types.js';
import { verifyLedgerChain } from './verify.js';

/** Options for opening a ledger. */
export interface OpenLedgerOptions {
  /** Open an existing ledger read-only (no file is created). */
  readonly?: boolean;
}

/** A `batches` row as SQLite returns it. */
export interface BatchRow {
  seq: number;
  kind: string;
  collected_at: string;
  source: string;
  organization_id: string | null;
  estate_captured_at: string | null;
  jobs_since: string | null;
  policy_hash: string | null;
  summary: string | null;
  note: string | null;
  entry_count: number;
  inserted: number;
  updated: number;
  unchanged: number;
  prev_hash: string;
  hash: string;
}

/** Header fields of a stored row, for re-hashing. */
export function headerOf(row: BatchRow): BatchHeader {
  return {
    seq: row.seq,
    kind: row.kind,
    collectedAt: row.collected_at,
    source: row.source,
    organizationId: row.organization_id,
    estateCapturedAt: row.estate_captured_at,
    jobsSince: row.jobs_since,
    policyHash: row.policy_hash,
    summary: row.summary,
    note: row.note,
    entryCount: row.entry_count,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
  };
}

function toInfo(row: BatchRow): BatchInfo {
  return {
    seq: row.seq,
    kind: row.kind === 'retention' ? 'retention' : 'collection',
    collectedAt: row.collected_at,
    source: row.source,
    ...(row.organization_id ? { organizationId: row.organization_id } : {}),
    ...(row.estate_captured_at ? { estateCapturedAt: row.estate_captured_at } : {}),
    ...(row.jobs_since ? { jobsSince: row.jobs_since } : {}),
    ...(row.policy_hash ? { policyHash: row.policy_hash } : {}),
    ...(row.summary ? { summary: JSON.parse(row.summary) as Summary } : {}),
    ...(row.note ? { note: row.note } : {}),
    entryCount: row.entry_count,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    hash: row.hash,
  };
}

/** Canonical ISO form, so text comparison in SQL is time comparison. */
export function canonicalTime(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

const PAGE = 2000;

/** A ledger whose content does not match its chain or index (found while reading). */
export class LedgerIntegrityError extends Error {
  override readonly name = 'LedgerIntegrityError';
  constructor(
    readonly ledgerPath: string,
    readonly batch: number,
    reason: string,
  ) {
    super(`ledger ${ledgerPath}: broken at batch ${batch} (${reason}); run "vaultscope-report history verify"`);
  }
}
const emptyTally = (): KindTally => ({ inserted: 0, updated: 0, unchanged: 0 });

/** An open ledger. Synchronous underneath (better-sqlite3); readers page through SQLite so memory stays flat. */
export class Ledger {
  readonly path: string;
  private readonly db: Database.Database;

  constructor(path: string, options: OpenLedgerOptions = {}) {
    this.path = path;
    if (path !== MEMORY_LEDGER && !options.readonly) mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
    } catch (error) {
      throw new InputError(`${path}: cannot open ledger (${(error as Error).message})`, { cause: error });
    }
    try {
      this.initialise(options.readonly ?? false);
    } catch (error) {
      this.db.close();
      if (error instanceof InputError) throw error;
      throw new InputError(`${path}: not a Vaultscope ledger (${(error as Error).message})`, { cause: error });
    }
  }

  private initialise(readonly: boolean): void {
    // 64 MiB of page cache: a large collection or verification touches the job index all over.
    this.db.pragma('cache_size = -65536');
    if (readonly) {
      this.checkSchema();
      return;
    }
    if (this.path !== MEMORY_LEDGER) this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(DDL);
    this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    this.checkSchema();
  }

  private checkSchema(): void {
    let version: string | undefined;
    try {
      version = this.meta('schema');
    } catch (error) {
      throw new InputError(`${this.path}: not a Vaultscope ledger`, { cause: error });
    }
    if (version !== SCHEMA_VERSION) {
      throw new InputError(`${this.path}: ledger schema ${version ?? '(none)'} is not supported (expected ${SCHEMA_VERSION})`);
    }
  }

  /** A `meta` value. */
  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  /** The underlying handle, for verification and tests (tamper simulation). */
  get database(): Database.Database {
    return this.db;
  }

  /** Appends one collection as a new batch. Re-recording jobs whose final state is stored changes nothing. */
  recordCollection(input: CollectionInput): BatchReceipt {
    const run = this.db.transaction((): BatchReceipt => {
      const known = this.meta('organization');
      if (input.organizationId && known && known !== input.organizationId) {
        throw new InputError(
          `${this.path}: this ledger holds organization ${known}, not ${input.organizationId}; use --ledger to choose another file`,
        );
      }
      if (input.organizationId && !known) {
        this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('organization', input.organizationId);
      }
      const head = this.headRow();
      const seq = (head?.seq ?? 0) + 1;
      const hasher = new BatchHasher();
      const byKind = { backup: emptyTally(), copy: emptyTally(), restore: emptyTally() } as Record<JobKind, KindTally>;
      const lookup = this.db.prepare(
        'SELECT j.entry_id AS entryId, j.final AS final, e.record AS record FROM jobs j JOIN entries e ON e.id = j.entry_id WHERE j.kind = ? AND j.job_id = ?',
      );
      const insertEntry = this.db.prepare(
        'INSERT INTO entries (batch_seq, kind, job_id, state, final, creation_date, account_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const upsertJob = this.db.prepare(
        `INSERT INTO jobs (kind, job_id, entry_id, final, creation_date, account_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, job_id) DO UPDATE SET entry_id = excluded.entry_id, final = excluded.final,
           creation_date = excluded.creation_date, account_id = excluded.account_id`,
      );
      let entryCount = 0;
      for (const kind of JOB_KINDS) {
        const jobs = input.jobs[kind] as Iterable<JobOfKind[typeof kind]> | undefined;
        if (!jobs) continue;
        const tally = byKind[kind];
        for (const job of jobs) {
          const jobId = jobIdOf(kind, job);
          const record = JSON.stringify(job);
          const existing = lookup.get(kind, jobId) as { entryId: number; final: number; record: string } | undefined;
          if (existing && (existing.final === 1 || existing.record === record)) {
            tally.unchanged++;
            continue;
          }
          const state = stateOf(kind, job);
          const final = isFinal(kind, job) ? 1 : 0;
          const creationDate = canonicalTime(job.CreationDate);
          const id = Number(insertEntry.run(seq, kind, jobId, state, final, creationDate, job.AccountId, record).lastInsertRowid);
          hasher.add({ id, kind, jobId, state, final, creationDate, accountId: job.AccountId, record });
          upsertJob.run(kind, jobId, id, final, creationDate, job.AccountId);
          entryCount++;
          if (existing) tally.updated++;
          else tally.inserted++;
        }
      }
      const total = JOB_KINDS.reduce(
        (t, k) => ({ inserted: t.inserted + byKind[k].inserted, updated: t.updated + byKind[k].updated, unchanged: t.unchanged + byKind[k].unchanged }),
        emptyTally(),
      );
      const header: BatchHeader = {
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
        ...total,
      };
      const hash = this.insertBatch(header, head?.hash ?? this.anchorHash(), hasher);
      return { seq, hash, ...total, byKind };
    });
    return run();
  }

  private anchorHash(): string {
    return this.meta('anchor_hash') ?? GENESIS_HASH;
  }

  private insertBatch(header: BatchHeader, prevHash: string, hasher: BatchHasher): string {
    const hash = hasher.seal(prevHash, header);
    this.db
      .prepare(
        `INSERT INTO batches (seq, kind, collected_at, source, organization_id, estate_captured_at, jobs_since, policy_hash,
           summary, note, entry_count, inserted, updated, unchanged, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        header.seq, header.kind, header.collectedAt, header.source, header.organizationId, header.estateCapturedAt,
        header.jobsSince, header.policyHash, header.summary, header.note, header.entryCount, header.inserted,
        header.updated, header.unchanged, prevHash, hash,
      );
    return hash;
  }

  private headRow(): BatchRow | undefined {
    return this.db.prepare('SELECT * FROM batches ORDER BY seq DESC LIMIT 1').get() as BatchRow | undefined;
  }

  /** The newest batch. */
  head(): BatchInfo | undefined {
    const row = this.headRow();
    return row ? toInfo(row) : undefined;
  }

  /** Every batch, oldest first. */
  *batches(): Generator<BatchInfo> {
    let after = 0;
    for (;;) {
      const rows = this.db.prepare('SELECT * FROM batches WHERE seq > ? ORDER BY seq LIMIT 500').all(after) as BatchRow[];
      for (const row of rows) yield toInfo(row);
      const last = rows.at(-1);
      if (!last) return;
      after = last.seq;
    }
  }

  /** Whether the ledger holds no batch yet. */
  isEmpty(): boolean {
    return this.headRow() === undefined;
  }

  /**
   * Re-computes every batch hash and checks the job index; names the first broken batch. `index: 'latest'` only
   * checks that the index points at each job's newest entry — enough before a period read, since
   * `iterateJobs` checks every row it returns against its entry.
   */
  verifyChain(options: { index?: 'full' | 'latest' } = {}): ReturnType<typeof verifyLedgerChain> {
    return verifyLedgerChain(this.db, this.anchorHash(), headerOf, options.index ?? 'full');
  }

  /**
   * The latest record of every job of a kind created in `[period.from, period.to)`, ordered by creation time then
   * job id. Pages through SQLite, so a million jobs never sit in memory at once.
   */
  *iterateJobs<K extends JobKind>(kind: K, period: Period): Generator<JobOfKind[K]> {
    // Keyset pagination: each page starts its index range at the last row's creation time (so no page re-scans
    // the ones before it), then skips the rows of that same instant it already returned.
    const stmt = this.db
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
      for (const [created, jobId, record, entryKind, entryJobId, entryCreated, seq] of rows) {
        // The index row must describe the (hashed) entry it points at; verifyChain proved the entries themselves.
        if (record === null || entryKind !== kind || entryJobId !== jobId || entryCreated !== created) {
          throw new LedgerIntegrityError(this.path, seq ?? 0, `job index disagrees with the record of ${kind} job ${jobId}`);
        }
        yield JSON.parse(record) as JobOfKind[K];
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      cursor = [last[0], last[1]];
    }
  }

  /** How many jobs of a kind were created in the period. */
  countJobs(kind: JobKind, period: Period): number {
    const row = this.db
      .prepare('SELECT count(*) AS n FROM jobs WHERE kind = ? AND creation_date >= ? AND creation_date < ?')
      .get(kind, canonicalTime(period.from), canonicalTime(period.to)) as { n: number };
    return row.n;
  }

  /** Collection batches whose collection time falls in the period (with their posture summaries). */
  collectionsIn(period: Period): BatchInfo[] {
    const rows = this.db
      .prepare("SELECT * FROM batches WHERE kind = 'collection' AND collected_at >= ? AND collected_at < ? ORDER BY seq")
      .all(canonicalTime(period.from), canonicalTime(period.to)) as BatchRow[];
    return rows.map(toInfo);
  }

  /** Batches, head and the span of jobs held. */
  range(): LedgerRange {
    const first = this.db.prepare('SELECT seq, collected_at FROM batches ORDER BY seq LIMIT 1').get() as
      | { seq: number; collected_at: string }
      | undefined;
    const head = this.headRow();
    const count = (this.db.prepare('SELECT count(*) AS n FROM batches').get() as { n: number }).n;
    const jobs = {} as LedgerRange['jobs'];
    const stmt = this.db.prepare(
      'SELECT count(*) AS n, min(creation_date) AS lo, max(creation_date) AS hi FROM jobs WHERE kind = ?',
    );
    for (const kind of JOB_KINDS) {
      const r = stmt.get(kind) as { n: number; lo: string | null; hi: string | null };
      jobs[kind] = { count: r.n, ...(r.lo ? { earliest: r.lo } : {}), ...(r.hi ? { latest: r.hi } : {}) };
    }
    return {
      batches: count,
      ...(first ? { firstBatch: { seq: first.seq, collectedAt: first.collected_at } } : {}),
      ...(head ? { lastBatch: { seq: head.seq, collectedAt: head.collected_at, hash: head.hash } } : {}),
      jobs,
    };
  }

  /**
   * The span of job history the ledger can vouch for. `from`: the earliest instant its collections said their job
   * lists cover (`jobsSince`), or the earliest job held when no collection said; after retention, no earlier than
   * the retention cut-off (jobs created before it may have been removed). `until`: the last collection. Jobs
   * created outside this span are simply unknown to the ledger, which is not the same as "there were none".
   */
  coverage(): HistoryCoverage {
    const since = this.db.prepare("SELECT min(jobs_since) AS s, max(collected_at) AS u FROM batches WHERE kind = 'collection'").get() as { s: string | null; u: string | null };
    const earliest = this.db.prepare('SELECT min(creation_date) AS e FROM jobs').get() as { e: string | null };
    const candidates = [since.s, earliest.e].filter((v): v is string => Boolean(v)).map(canonicalTime).sort();
    let from = candidates[0];
    for (const row of this.db.prepare("SELECT note FROM batches WHERE kind = 'retention'").all() as { note: string | null }[]) {
      let before: string | undefined;
      try {
        before = (JSON.parse(row.note ?? '{}') as { before?: string }).before;
      } catch {
        before = undefined; // a damaged note is verifyChain's to report
      }
      if (before && (!from || before > from)) from = before;
    }
    return { ...(from ? { from } : {}), ...(since.u ? { until: since.u } : {}) };
  }

  /**
   * Explicit retention: removes every batch collected before `before` (and the jobs only they recorded), keeps the
   * hash of the last removed batch as the chain's new anchor, and records the removal as a batch of its own.
   */
  prune(before: string, at: string): PruneResult {
    const run = this.db.transaction((): PruneResult => {
      const cutoff = canonicalTime(before);
      const last = this.db
        .prepare("SELECT * FROM batches WHERE collected_at < ? AND seq < (SELECT max(seq) FROM batches) ORDER BY seq DESC LIMIT 1")
        .get(cutoff) as BatchRow | undefined;
      if (!last) return { batchesRemoved: 0, entriesRemoved: 0, jobsRemoved: 0 };
      const maxEntry = (this.db.prepare('SELECT max(id) AS m FROM entries WHERE batch_seq <= ?').get(last.seq) as { m: number | null }).m ?? 0;
      const jobsRemoved = this.db.prepare('DELETE FROM jobs WHERE entry_id <= ?').run(maxEntry).changes;
      const entriesRemoved = this.db.prepare('DELETE FROM entries WHERE batch_seq <= ?').run(last.seq).changes;
      const batchesRemoved = this.db.prepare('DELETE FROM batches WHERE seq <= ?').run(last.seq).changes;
      const setMeta = this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
      setMeta.run('anchor_seq', String(last.seq));
      setMeta.run('anchor_hash', last.hash);
      const head = this.headRow();
      const seq = (head?.seq ?? last.seq) + 1;
      const note = JSON.stringify({ before: cutoff, removedThroughSeq: last.seq, anchorHash: last.hash, batchesRemoved, entriesRemoved, jobsRemoved });
      const header: BatchHeader = {
        seq, kind: 'retention', collectedAt: canonicalTime(at), source: 'retention', organizationId: null, estateCapturedAt: null,
        jobsSince: null, policyHash: null, summary: null, note, entryCount: 0, inserted: 0, updated: 0, unchanged: 0,
      };
      this.insertBatch(header, head?.hash ?? last.hash, new BatchHasher());
      return { batchesRemoved, entriesRemoved, jobsRemoved, seq };
    });
    return run();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) the ledger at `path`; `:memory:` gives a throw-away one. */
export function openLedger(path: string, options: OpenLedgerOptions = {}): Ledger {
  return new Ledger(path, options);
}
