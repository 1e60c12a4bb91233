/**
 * The job-history ledger: an append-only, hash-chained SQLite store of every backup, copy and restore job (and
 * Audit Manager evidence item) a collection observed, plus a posture summary per collection. AWS forgets jobs after
 * 30 days; the ledger does not (only an explicit `prune` removes anything, and the prune itself is recorded in the
 * chain). This class owns the connection and its schema; writing lives in append.ts, reading in queries.ts.
 */
import { closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '@vaultscope/core';
import { appendCollection, claimOrganization, pruneBefore } from './append.js';
import { AUDIT_EVIDENCE_KIND, type AuditEvidenceItem } from './auditEvidence.js';
import { headerOf, toInfo, type BatchRow } from './batchRow.js';
import { GENESIS_HASH } from './chain.js';
import type { JobKind, JobOfKind } from './finality.js';
import { OBSERVATION_KIND, type AccountObservation } from './observations.js';
import { MEMORY_LEDGER } from './paths.js';
import { collectionsIn, countIn, coverageOf, iterateRecords, rangeOf } from './queries.js';
import { claimsSettledBefore, dropSettledClaimsSql } from './alertClaims.js';
import { DDL, SCHEMA_VERSION } from './schema.js';
import type { AlertClaim, AlertDelivery, BatchInfo, BatchReceipt, CollectionInput, HistoryCoverage, LedgerRange, Period, PruneResult } from './types.js';
import { verifyLedgerChain } from './verify.js';

/** Options for opening a ledger. */
export interface OpenLedgerOptions {
  /** Open an existing ledger read-only (no file is created). */
  readonly?: boolean;
  /** How long to wait for another process's write to finish before giving up (default 60 s). */
  waitMs?: number;
}

/** Every instant a record can carry. */
export const ALL_TIME = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

/** How long a writer waits for another writer of the same ledger unless told otherwise. */
export const DEFAULT_LEDGER_WAIT_MS = 60_000;

/**
 * SQLite's answers that are the operator's to act on, as one line naming the ledger: another writer held it past the
 * wait, or the disk (or quota) is full. The transaction was rolled back: nothing of the batch was recorded.
 */
function ledgerFault(path: string, error: unknown, waitMs: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT') {
    return new InputError(`${path}: ledger is busy — another process kept writing to it for more than ${Math.round(waitMs / 1000)} s; nothing was recorded (run again, or raise --ledger-wait)`, { cause: error });
  }
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC' || code === 'SQLITE_IOERR_SHMSIZE') {
    return new InputError(`${path}: cannot write the ledger (${String(code)}: disk full or failing); nothing was recorded`, { cause: error });
  }
  if (code === 'SQLITE_READONLY') return new InputError(`${path}: cannot write the ledger (read-only)`, { cause: error });
  return error;
}

/** Creates the ledger's folder (0700) and file (0600) owner-only, like the signing key; existing ones are left as they are. */
function createOwnerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`${path}: cannot create ledger (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

/** An open ledger. Synchronous underneath (better-sqlite3); readers page through SQLite so memory stays flat. */
export class Ledger {
  readonly path: string;
  private readonly db: Database.Database;

  private readonly waitMs: number;

  constructor(path: string, options: OpenLedgerOptions = {}) {
    this.path = path;
    this.waitMs = options.waitMs ?? DEFAULT_LEDGER_WAIT_MS;
    if (path !== MEMORY_LEDGER && !options.readonly) createOwnerOnly(path);
    try {
      // `timeout` is SQLite's busy timeout: a second writer waits its turn instead of failing at once.
      this.db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true, timeout: this.waitMs } : { timeout: this.waitMs });
    } catch (error) {
      throw new InputError(`${path}: cannot open ledger (${(error as Error).message})`, { cause: error });
    }
    try {
      this.initialise(options.readonly ?? false);
    } catch (error) {
      this.db.close();
      if (error instanceof InputError) throw error;
      const fault = ledgerFault(path, error, this.waitMs);
      if (fault !== error) throw fault;
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

  /** Which of `keys` were delivered to `sink` already. */
  alertsDelivered(sink: string, keys: readonly string[]): Set<string> {
    const found = new Set<string>();
    const stmt = this.db.prepare('SELECT 1 FROM alert_deliveries WHERE alert_key = ? AND sink = ?');
    for (const key of keys) if (stmt.get(key, sink)) found.add(key);
    return found;
  }

  /** Claims sending an alert (see LedgerStore.claimAlert): one short write transaction, so claims never interleave. */
  claimAlert(claim: AlertClaim): boolean {
    const take = this.db.transaction((): boolean => {
      if (this.db.prepare('SELECT 1 FROM alert_deliveries WHERE alert_key = ? AND sink = ?').get(claim.key, claim.sink)) return false;
      const held = this.db.prepare('SELECT claimant, claimed_at FROM alert_claims WHERE alert_key = ? AND sink = ?').get(claim.key, claim.sink) as
        | { claimant: string; claimed_at: string }
        | undefined;
      if (held && held.claimant !== claim.claimant && held.claimed_at >= claim.staleBefore) return false;
      this.db
        .prepare('INSERT OR REPLACE INTO alert_claims (alert_key, sink, claimant, claimed_at) VALUES (?, ?, ?, ?)')
        .run(claim.key, claim.sink, claim.claimant, claim.at);
      return true;
    });
    return take.immediate();
  }

  /** Gives up a claim this claimant holds. */
  releaseAlertClaim(key: string, sink: string, claimant: string): void {
    this.db.prepare('DELETE FROM alert_claims WHERE alert_key = ? AND sink = ? AND claimant = ?').run(key, sink, claimant);
  }

  /** Records that an alert reached a sink (a second record of the same delivery changes nothing); see claimsToDrop. */
  recordAlertDelivery(delivery: AlertDelivery): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO alert_deliveries (alert_key, sink, kind, delivered_at) VALUES (?, ?, ?, ?)')
        .run(delivery.key, delivery.sink, delivery.kind, delivery.deliveredAt);
      this.db.prepare(dropSettledClaimsSql('?')).run(claimsSettledBefore(delivery.deliveredAt));
    })();
  }

  /** Appends one collection as a new batch. Re-recording jobs whose final state is stored changes nothing. */
  recordCollection(input: CollectionInput): BatchReceipt {
    const run = this.db.transaction((): BatchReceipt => {
      claimOrganization(this.db, this.path, this.meta('organization'), input.organizationId);
      return appendCollection(this.db, input, { head: this.headRow(), anchorHash: this.anchorHash() });
    });
    // IMMEDIATE: the write lock is taken (or waited for) before the chain head is read, so two writers append one
    // after the other and each batch links to the other's; a deferred transaction would fail at its first write.
    try {
      return run.immediate();
    } catch (error) {
      throw ledgerFault(this.path, error, this.waitMs);
    }
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

  /** The latest observation of every account (and the organization record). */
  *iterateObservations(): Generator<AccountObservation> {
    for (const record of iterateRecords(this.db, this.path, OBSERVATION_KIND, ALL_TIME)) yield JSON.parse(record) as AccountObservation;
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
    try {
      return this.db.transaction((): PruneResult => pruneBefore(this.db, before, at, () => this.headRow())).immediate();
    } catch (error) {
      throw ledgerFault(this.path, error, this.waitMs);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) the ledger at `path`; `:memory:` gives a throw-away one. */
export function openLedger(path: string, options: OpenLedgerOptions = {}): Ledger {
  return new Ledger(path, options);
}
