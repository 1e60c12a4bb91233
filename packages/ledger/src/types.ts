/**
 * The ledger's public shapes.
 */
import type { BackupJob, CopyJob, RestoreJob, Summary } from '@vaultscope/core';
import type { AuditEvidenceItem } from './auditEvidence.js';
import type { AccountObservation } from './observations.js';
import type { JobKind } from './finality.js';

/** One collection to append: provenance, the posture summary, and the jobs observed (any iterable, so callers can stream). */
export interface CollectionInput {
  /** When the collection ran (ISO-8601). */
  collectedAt: string;
  /** `demo`, `aws`, `snapshot:…`. */
  source: string;
  organizationId?: string;
  estateCapturedAt?: string;
  /** Start of the window the job lists cover, when the source says. */
  jobsSince?: string;
  policyHash?: string;
  summary?: Summary;
  jobs: {
    backup?: Iterable<BackupJob>;
    copy?: Iterable<CopyJob>;
    restore?: Iterable<RestoreJob>;
  };
  /** Audit Manager evidence items observed (kept by id, inside the chain like jobs). */
  auditEvidence?: Iterable<AuditEvidenceItem>;
  /** What the collection saw of each account (kept by account id; the latest is read). */
  observations?: Iterable<AccountObservation>;
}

/** What appending one batch did, per kind and in total. */
export interface KindTally {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The result of `recordCollection`: totals over every entry, jobs by kind, and the Audit Manager evidence. */
export interface BatchReceipt extends KindTally {
  seq: number;
  hash: string;
  byKind: Record<JobKind, KindTally>;
  auditEvidence: KindTally;
  observations: KindTally;
}

/** A batch as stored (the summary parsed back when present). */
export interface BatchInfo {
  seq: number;
  kind: 'collection' | 'retention';
  collectedAt: string;
  source: string;
  organizationId?: string;
  estateCapturedAt?: string;
  jobsSince?: string;
  policyHash?: string;
  summary?: Summary;
  note?: string;
  entryCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
  hash: string;
}

/** Outcome of re-computing the chain. `brokenSeq` names the first batch that does not verify. */
export type ChainVerification =
  | {
      ok: true;
      batches: number;
      /** Job records (entries of the job kinds). */
      entries: number;
      /** Audit Manager evidence records. */
      auditEvidence: number;
      /** Account observation records. */
      observations: number;
      headHash?: string;
    }
  | { ok: false; batches: number; brokenSeq: number; reason: string };

/** Half-open time range `[from, to)`, ISO-8601 UTC. */
export interface Period {
  from: string;
  to: string;
}

/** What a ledger holds, for manifests and `history` output. */
export interface LedgerRange {
  batches: number;
  firstBatch?: { seq: number; collectedAt: string };
  lastBatch?: { seq: number; collectedAt: string; hash: string };
  jobs: Record<JobKind, { count: number; earliest?: string; latest?: string }>;
  /** Audit Manager evidence items held, by their collection time. */
  auditEvidence: { count: number; earliest?: string; latest?: string };
}

/** The span of job history a ledger holds (ISO-8601 UTC); both absent for an empty ledger. */
export interface HistoryCoverage {
  /** Jobs created from here on are in the ledger, as far as its collections saw them. */
  from?: string;
  /** The last collection: jobs created after it are not in the ledger yet. */
  until?: string;
}

/** Result of an explicit retention run. */
export interface PruneResult {
  batchesRemoved: number;
  entriesRemoved: number;
  jobsRemoved: number;
  /** The retention event recorded in the chain (absent when nothing was old enough). */
  seq?: number;
}

/** One alert delivered to one sink (what `alert` records so that each alert goes out once per sink). */
export interface AlertDelivery {
  /** The alert's stable key (e.g. `backup-job:<id>`, `rpo:<arn>:<last recovery point>`). */
  key: string;
  /** The sink's name as configured (e.g. `slack`, `webhook:ops`, `email:oncall`). */
  sink: string;
  /** The alert kind (e.g. `job-failed`). */
  kind: string;
  deliveredAt: string;
}

/**
 * A claim on sending one alert to one sink, taken before it is sent: two alerters on one ledger (a scheduler and
 * an operator's `alert --watch`) never both send it. A claim whose alerter stopped mid-send goes stale and may be
 * taken over, so an alert is never lost to a crash, only delayed.
 */
export interface AlertClaim {
  key: string;
  sink: string;
  /** Who claims (host, process and a random part): only the claimant renews or releases its claim. */
  claimant: string;
  at: string;
  /** A claim taken before this time is stale. */
  staleBefore: string;
}
