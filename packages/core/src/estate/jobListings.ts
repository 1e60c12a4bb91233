/**
 * The AWS Backup operations that list jobs, by job kind, and what an estate's collection error about one of them
 * means: with a Region, it belongs to that Region's job listing (organization-wide with `ByAccountId=*`, which a
 * sharded collection spreads over its shards by Region). The collector names its errors with these operations; the
 * shard split and the ledger's per-Region listing records sort errors by them.
 */
import type { CollectionError } from './schema.js';

export const JOB_LIST_OPERATIONS = {
  backup: 'ListBackupJobs',
  copy: 'ListCopyJobs',
  restore: 'ListRestoreJobs',
} as const;

const OPERATIONS: ReadonlySet<string> = new Set(Object.values(JOB_LIST_OPERATIONS));

/** Whether `error` is a Region's job listing's (a listing operation, with a Region). */
export function isJobListingError(error: Pick<CollectionError, 'operation' | 'region'>): boolean {
  return error.region !== undefined && OPERATIONS.has(error.operation);
}
