/**
 * The job-history ledger: an append-only, hash-chained SQLite store of every backup, copy and restore job (and
 * Audit Manager evidence item) a collection observed, plus a posture summary per collection. AWS forgets jobs after
 * 30 days; the ledger does not (only an explicit `prune` removes anything, and the prune itself is recorded in the
 * chain). This class owns the connection and its schema; writing lives in append.ts, reading in queries.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../util/inputError.js';
import { appendCollection, claimOrganization, pruneBefore } from './append.js';
import { AUDIT_EVIDENCE_KIND, type AuditEvidenceItem } from './auditEvidence.js';
import { headerOf, toInfo, type BatchRow } from './batchRow.js';
import { GENESIS_HASH } from './chain.js';
import type { JobKind, JobOfKind } from './finality.js';
import { MEMORY_LEDGER } from './paths.js';
import { collectionsIn, countIn, coverageOf, iterateRecords, rangeOf } from './queries.js';
import { DDL, SCHEMA_VERSION } from './schema.js';
import type { BatchInfo, BatchReceipt, CollectionInput, HistoryCoverage, LedgerRange, Period, PruneResult } from './types.js';
import { verifyLedgerChain } from './verify.js';

/** Options for opening a ledger. */
export interface OpenLedgerOptions {
  /** Open an existing ledger read-only (no file is created). */
  readonly?: boolean;
}

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
      claimOrganization(this.db, this.path, this.meta('organization'), input.organizationId);
      return appendCollection(this.db, input, { head: this.headRow(), anchorHash: this.anchorHash() });
    });
    return run();
  }

  private anchorHash(): string {
    return this.meta('anchor_hash') ?? GENESIS_HASH;
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
   * Re-computes every batch hash and checks the record index; names the first broken batch. `index: 'latest'` only
   * checks that the index points at each record's newest entry — enough before a period read, since the period
   * readers check every row they return against its entry.
   */
  verifyChain(options: { index?: 'full' | 'latest' } = {}): ReturnType<typeof verifyLedgerChain> {
    return verifyLedgerChain(this.db, this.anchorHash(), headerOf, options.index ?? 'full');
  }

  /**
   * The latest record of every job of a kind created in `[period.from, period.to)`, ordered by creation time then
   * job id. Pages through SQLite, so a million jobs never sit in memory at once.
   */
  *iterateJobs<K extends JobKind>(kind: K, period: Period): Generator<JobOfKind[K]> {
    for (const record of iterateRecords(this.db, this.path, kind, period)) yield JSON.parse(record) as JobOfKind[K];
  }

  /** The Audit Manager evidence items collected (by their `time`) in the period, oldest first, then by id. */
  *iterateAuditEvidence(period: Period): Generator<AuditEvidenceItem> {
    for (const record of iterateRecords(this.db, this.path, AUDIT_EVIDENCE_KIND, period)) yield JSON.parse(record) as AuditEvidenceItem;
  }

  /** How many jobs of a kind were created in the period. */
  countJobs(kind: JobKind, period: Period): number {
    return countIn(this.db, kind, period);
  }

  /** Collection batches whose collection time falls in the period (with their posture summaries). */
  collectionsIn(period: Period): BatchInfo[] {
    return collectionsIn(this.db, period);
  }

  /** Batches, head and the span of jobs (and evidence) held. */
  range(): LedgerRange {
    return rangeOf(this.db, this.headRow());
  }

  /** The span of job history the ledger can vouch for (see `coverageOf`). */
  coverage(): HistoryCoverage {
    return coverageOf(this.db);
  }

  /**
   * Explicit retention: removes every batch collected before `before` (and the records only they held), keeps the
   * hash of the last removed batch as the chain's new anchor, and records the removal as a batch of its own.
   */
  prune(before: string, at: string): PruneResult {
    return this.db.transaction((): PruneResult => pruneBefore(this.db, before, at, () => this.headRow()))();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) the ledger at `path`; `:memory:` gives a throw-away one. */
export function openLedger(path: string, options: OpenLedgerOptions = {}): Ledger {
  return new Ledger(path, options);
}
