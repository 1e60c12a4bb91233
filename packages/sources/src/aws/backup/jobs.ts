/**
 * Backup, copy and restore jobs created since `since`. Every record carries `AccountId` and the `Region` it was
 * listed in. Restore jobs filter on status with `ByStatus` — ListRestoreJobs has no `ByState`.
 */
import {
  paginateListBackupJobs,
  paginateListCopyJobs,
  paginateListRestoreJobs,
  type BackupClient,
  type RestoreJobStatus,
} from '@aws-sdk/client-backup';
import {
  backupJobSchema,
  copyJobSchema,
  JOB_LIST_OPERATIONS,
  restoreJobSchema,
  type BackupJob,
  type CollectionError,
  type CopyJob,
  type RestoreJob,
} from '@vaultscope/core';
import type { z } from 'zod';
import { CompactRecords } from '../compactRecords.js';
import type { ErrorSink, FaultSite } from '../errors.js';
import { toPlain } from '../shapes.js';
import { check } from '../validate.js';

export type JobKind = 'backup' | 'copy' | 'restore';

/** The listing operation of each job kind (core says it once: errors are sorted by it). */
export const JOB_OPERATIONS: Record<JobKind, string> = JOB_LIST_OPERATIONS;

export interface JobQuery {
  since: Date;
  region: string;
  /** `*` for the whole organization (management or delegated-administrator account); absent = own account. */
  byAccountId?: string;
  /** The account the listing runs as (fills a missing `AccountId`). */
  listingAccountId: string;
  /** Where the kept records share their repeated strings (one per collection); default: one per listing. */
  records?: CompactRecords;
}

/** ListRestoreJobs also takes a status filter (`ByStatus`); unused by the collector, which wants every status. */
export interface RestoreJobQuery extends JobQuery {
  status?: RestoreJobStatus;
}

function withOrigin<T extends { AccountId?: string | undefined }>(job: T, query: JobQuery) {
  return { ...toPlain(job), AccountId: job.AccountId ?? query.listingAccountId, Region: query.region };
}

/**
 * Every job of every page, checked against the schema and kept as a compact copy page by page: an organization-wide
 * listing is 60 pages of 1,000 jobs per Region at 2,000 accounts, and holding the SDK's pages until the last one
 * came kept three copies of each job (the SDK's, the plain one, the checked one) alive at once.
 */
async function keptJobs<P, J extends { AccountId?: string | undefined }, S extends z.ZodType>(
  pages: AsyncIterable<P>,
  pick: (page: P) => readonly J[] | undefined,
  schema: S,
  query: JobQuery,
  errors: ErrorSink,
  site: (job: unknown) => FaultSite,
): Promise<Array<z.infer<S>>> {
  const records = query.records ?? new CompactRecords();
  const out: Array<z.infer<S>> = [];
  // Recorded once the listing is complete, as before: a listing that fails half-way records only its failure.
  const misfits: CollectionError[] = [];
  for await (const page of pages) {
    for (const job of pick(page) ?? []) {
      const plain = withOrigin(job, query);
      const checked = check(schema, plain, site(plain));
      if (checked.ok) out.push(records.copy(checked.value));
      else misfits.push(checked.error);
    }
  }
  for (const error of misfits) errors.add(error);
  return out;
}

const site = (operation: string, query: JobQuery) => (job: unknown): FaultSite => {
  const ids = job as { AccountId?: unknown; BackupJobId?: unknown; CopyJobId?: unknown; RestoreJobId?: unknown };
  return {
    service: 'backup',
    operation,
    resource: String(ids.BackupJobId ?? ids.CopyJobId ?? ids.RestoreJobId ?? ''),
    // An organization-wide listing returns every account's jobs: the fault belongs to the job's account.
    ...(typeof ids.AccountId === 'string' ? { accountId: ids.AccountId } : {}),
    region: query.region,
  };
};

export async function listBackupJobs(client: BackupClient, query: JobQuery, errors: ErrorSink): Promise<BackupJob[]> {
  return keptJobs(
    paginateListBackupJobs(
      { client },
      { ByCreatedAfter: query.since, MaxResults: 1000, ...(query.byAccountId ? { ByAccountId: query.byAccountId } : {}) },
    ),
    (p) => p.BackupJobs,
    backupJobSchema,
    query,
    errors,
    site('ListBackupJobs', query),
  );
}

export async function listCopyJobs(client: BackupClient, query: JobQuery, errors: ErrorSink): Promise<CopyJob[]> {
  return keptJobs(
    paginateListCopyJobs(
      { client },
      { ByCreatedAfter: query.since, MaxResults: 1000, ...(query.byAccountId ? { ByAccountId: query.byAccountId } : {}) },
    ),
    (p) => p.CopyJobs,
    copyJobSchema,
    query,
    errors,
    site('ListCopyJobs', query),
  );
}

export async function listRestoreJobs(client: BackupClient, query: RestoreJobQuery, errors: ErrorSink): Promise<RestoreJob[]> {
  return keptJobs(
    paginateListRestoreJobs(
      { client },
      {
        ByCreatedAfter: query.since,
        MaxResults: 1000,
        ...(query.byAccountId ? { ByAccountId: query.byAccountId } : {}),
        ...(query.status ? { ByStatus: query.status } : {}),
      },
    ),
    (p) => p.RestoreJobs,
    restoreJobSchema,
    query,
    errors,
    site('ListRestoreJobs', query),
  );
}

/** The listing function for a job kind. */
export function jobLister(kind: JobKind): (client: BackupClient, query: JobQuery, errors: ErrorSink) => Promise<Array<BackupJob | CopyJob | RestoreJob>> {
  return kind === 'backup' ? listBackupJobs : kind === 'copy' ? listCopyJobs : listRestoreJobs;
}
