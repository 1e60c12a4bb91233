/**
 * The ledger as the commands use it, whatever holds it: an embedded SQLite file (the default, and `:memory:` for the
 * demo) or a PostgreSQL database shared by a team. Both keep the same batches, the same hash chain and answer the
 * same reads, so a pack built from either is the same bytes. Methods are async because a database server answers
 * over the network; readers return record streams (sync for SQLite, which pages in-process, async for PostgreSQL)
 * so a million jobs never sit in memory at once. New record kinds are added here and in both stores.
 */
import type { AuditEvidenceItem } from './auditEvidence.js';
import type { JobKind, JobOfKind } from './finality.js';
import type { AccountObservation } from './observations.js';
import type { AlertClaim, AlertDelivery, BatchInfo, BatchReceipt, ChainVerification, CollectionInput, HistoryCoverage, LedgerRange, Period, PruneResult } from './types.js';

/** A stream of records: consumers `for await` it (a plain iterable is read without a promise per record). */
export type RecordStream<T> = Iterable<T> | AsyncIterable<T>;

/** Which store a ledger lives in. */
export type LedgerBackend = 'sqlite' | 'postgres';

/** An open ledger, whichever store holds it. */
export interface LedgerStore {
  /** Where the ledger is, safe to print: a file path, `:memory:`, or a PostgreSQL URL without its password. */
  readonly location: string;
  readonly backend: LedgerBackend;
  /** A throw-away in-memory ledger (the demo): nothing outlives the process. */
  readonly inMemory: boolean;
  /** Appends one collection as a new batch, after any batch another writer is appending (one writer at a time). */
  recordCollection(input: CollectionInput): Promise<BatchReceipt>;
  /** The newest batch. */
  head(): Promise<BatchInfo | undefined>;
  /** Every batch, oldest first. */
  batches(): AsyncIterable<BatchInfo>;
  /** Whether the ledger holds no batch yet. */
  isEmpty(): Promise<boolean>;
  /** Re-computes every batch hash and checks the record index (`latest`: only that it points at newest entries). */
  verifyChain(options?: { index?: 'full' | 'latest' }): Promise<ChainVerification>;
  /** The latest record of every job of a kind created in `[from, to)`, by creation time then job id. */
  iterateJobs<K extends JobKind>(kind: K, period: Period): RecordStream<JobOfKind[K]>;
  /** The Audit Manager evidence items of the period, oldest first, then by id. */
  iterateAuditEvidence(period: Period): RecordStream<AuditEvidenceItem>;
  /** The latest observation of every account (and the organization record), by capture time then key. */
  iterateObservations(): RecordStream<AccountObservation>;
  /** How many jobs of a kind were created in the period. */
  countJobs(kind: JobKind, period: Period): Promise<number>;
  /** Collection batches whose collection time falls in the period. */
  collectionsIn(period: Period): Promise<BatchInfo[]>;
  /** Batches, head and the span of jobs (and evidence) held. */
  range(): Promise<LedgerRange>;
  /** The span of job history the ledger can vouch for. */
  coverage(): Promise<HistoryCoverage>;
  /** Which of `keys` were delivered to `sink` already (alerts go out once per sink). */
  alertsDelivered(sink: string, keys: readonly string[]): Promise<Set<string>>;
  /**
   * Claims sending an alert to a sink: true when it is not delivered and no other alerter holds a fresh claim on it
   * (the claim is then this claimant's until it records the delivery or releases it).
   */
  claimAlert(claim: AlertClaim): Promise<boolean>;
  /** Gives up a claim (the send failed; the next run tries again). */
  releaseAlertClaim(key: string, sink: string, claimant: string): Promise<void>;
  /** Records that an alert reached a sink; recording the same delivery again changes nothing. */
  recordAlertDelivery(delivery: AlertDelivery): Promise<void>;
  /** Explicit retention, recorded in the chain (see `Ledger.prune`). */
  prune(before: string, at: string): Promise<PruneResult>;
  close(): Promise<void>;
}

/** Options for opening a ledger store. */
export interface OpenStoreOptions {
  /** Read only: nothing is created; a missing ledger is an error. */
  readonly?: boolean;
  /** How long a writer waits for another writer before giving up (default 60 s). */
  waitMs?: number;
}

/** Collects a record stream into an array (for the few reads that need them all, e.g. a posture window). */
export async function collectRecords<T>(records: RecordStream<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of records) out.push(r);
  return out;
}
