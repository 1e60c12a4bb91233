/**
 * A `batches` row as SQLite returns it, and the two views of it the ledger needs: the header that is hashed and
 * the `BatchInfo` callers see. Shared by the writer, the readers and verification.
 */
import type { Summary } from '@vaultscope/core';
import type { BatchHeader } from './chain.js';
import type { BatchInfo } from './types.js';

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

/** A stored row as callers see it (the summary parsed back). */
export function toInfo(row: BatchRow): BatchInfo {
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
