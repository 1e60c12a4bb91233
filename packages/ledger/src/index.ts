// Public API of @vaultscope/ledger: the append-only, hash-chained job ledger.
export { DEFAULT_LEDGER_WAIT_MS, Ledger, openLedger, type OpenLedgerOptions } from './ledger.js';
export { LedgerIntegrityError, canonicalTime } from './batchRow.js';
export { AUDIT_EVIDENCE_KIND, auditEvidenceOf, type AuditEvidenceItem } from './auditEvidence.js';
export { collectionFromEstate } from './collect.js';
export { estateFromLedger } from './estateFromLedger.js';
export { JOB_LISTING_KEY_PREFIX, OBSERVATION_KIND, ORGANIZATION_KEY, estateFromObservations, observationsOf, type AccountObservation, type StaleAccount } from './observations.js';
export { collectRecords, type LedgerBackend, type LedgerStore, type OpenStoreOptions, type RecordStream } from './store.js';
export { isPostgresLocation, ledgerExists, openLedgerStore, shownLedgerLocation } from './open.js';
export { SqliteLedgerStore, openSqliteStore } from './sqlite/store.js';
export { verifyChainInWorker } from './verifyWorker.js';
export { JOB_KINDS, isFinal, jobIdOf, stateOf, type JobKind, type JobOfKind } from './finality.js';
export { GENESIS_HASH } from './chain.js';
export { MEMORY_LEDGER, defaultLedgerPath, resolveLedgerPath, vaultscopeDirs, type VaultscopeDirs } from './paths.js';
export type {
  AlertClaim,
  AlertDelivery,
  BatchInfo,
  BatchReceipt,
  ChainVerification,
  CollectionInput,
  HistoryCoverage,
  KindTally,
  LedgerRange,
  Period,
  PruneResult,
} from './types.js';
