/**
 * The SQLite ledger behind the store interface: the synchronous `Ledger` answers at once; chain verification of a
 * file runs on a worker thread so a pack can stream its CSVs meanwhile.
 */
import { Ledger, type OpenLedgerOptions } from '../ledger.js';
import { MEMORY_LEDGER } from '../paths.js';
import type { AuditEvidenceItem } from '../auditEvidence.js';
import type { JobKind, JobOfKind } from '../finality.js';
import type { AccountObservation } from '../observations.js';
import type { LedgerStore, RecordStream } from '../store.js';
import type { AlertClaim, AlertDelivery, BatchInfo, BatchReceipt, ChainVerification, CollectionInput, HistoryCoverage, LedgerRange, Period, PruneResult } from '../types.js';
import { verifyChainInWorker } from '../verifyWorker.js';

/** A SQLite ledger (file or `:memory:`) as a `LedgerStore`. */
export class SqliteLedgerStore implements LedgerStore {
  readonly backend = 'sqlite' as const;
  readonly location: string;
  readonly inMemory: boolean;

  constructor(readonly ledger: Ledger) {
    this.location = ledger.path;
    this.inMemory = ledger.path === MEMORY_LEDGER;
  }

  async recordCollection(input: CollectionInput): Promise<BatchReceipt> {
    return this.ledger.recordCollection(input);
  }

  async head(): Promise<BatchInfo | undefined> {
    return this.ledger.head();
  }

  async *batches(): AsyncGenerator<BatchInfo> {
    yield* this.ledger.batches();
  }

  async isEmpty(): Promise<boolean> {
    return this.ledger.isEmpty();
  }

  async verifyChain(options: { index?: 'full' | 'latest' } = {}): Promise<ChainVerification> {
    // An in-memory ledger exists only on this connection; a file is re-hashed by its own read-only connection.
    if (this.inMemory) return this.ledger.verifyChain(options);
    return verifyChainInWorker(this.ledger.path, options);
  }

  iterateJobs<K extends JobKind>(kind: K, period: Period): RecordStream<JobOfKind[K]> {
    return this.ledger.iterateJobs(kind, period);
  }

  iterateAuditEvidence(period: Period): RecordStream<AuditEvidenceItem> {
    return this.ledger.iterateAuditEvidence(period);
  }

  iterateObservations(): RecordStream<AccountObservation> {
    return this.ledger.iterateObservations();
  }

  async countJobs(kind: JobKind, period: Period): Promise<number> {
    return this.ledger.countJobs(kind, period);
  }

  async collectionsIn(period: Period): Promise<BatchInfo[]> {
    return this.ledger.collectionsIn(period);
  }

  async range(): Promise<LedgerRange> {
    return this.ledger.range();
  }

  async coverage(): Promise<HistoryCoverage> {
    return this.ledger.coverage();
  }

  async alertsDelivered(sink: string, keys: readonly string[]): Promise<Set<string>> {
    return this.ledger.alertsDelivered(sink, keys);
  }

  async claimAlert(claim: AlertClaim): Promise<boolean> {
    return this.ledger.claimAlert(claim);
  }

  async releaseAlertClaim(key: string, sink: string, claimant: string): Promise<void> {
    this.ledger.releaseAlertClaim(key, sink, claimant);
  }

  async recordAlertDelivery(delivery: AlertDelivery): Promise<void> {
    this.ledger.recordAlertDelivery(delivery);
  }

  async prune(before: string, at: string): Promise<PruneResult> {
    return this.ledger.prune(before, at);
  }

  async close(): Promise<void> {
    this.ledger.close();
  }
}

/** Opens a SQLite ledger as a store. */
export function openSqliteStore(path: string, options: OpenLedgerOptions = {}): SqliteLedgerStore {
  return new SqliteLedgerStore(new Ledger(path, options));
}
