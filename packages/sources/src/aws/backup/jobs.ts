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
  restoreJobSchema,
  type BackupJob,
  type CopyJob,
  type RestoreJob,
} from '@vaultscope/core';
import type { ErrorSink } from '../errors.js';
import { allPages, toPlain } from '../shapes.js';
import { conformAll } from '../validate.js';

export type JobKind = 'backup' | 'copy' | 'restore';

export const JOB_OPERATIONS: Record<JobKind, string> = {
  backup: 'ListBackupJobs',
  copy: 'ListCopyJobs',
  restore: 'ListRestoreJobs',
};

export interface JobQuery {
  since: Date;
  region: string;
  /** `*` for the whole organization (management or delegated-administrator account); absent = own account. */
  byAccountId?: string;
  /** The account the listing runs as (fills a missing `AccountId`). */
  listingAccountId: string;
}

/** ListRestoreJobs also takes a status filter (`ByStatus`); unused by the collector, which wants every status. */
export interface RestoreJobQuery extends JobQuery {
  status?: RestoreJobStatus;
}

function withOrigin<T extends { AccountId?: string | undefined }>(jobs: readonly T[], query: JobQuery) {
  return jobs.map((job) => ({ ...toPlain(job), AccountId: job.AccountId ?? query.listingAccountId, Region: query.region }));
}

const site = (operation: string, query: JobQuery) => (job: unknown) => {
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
  const jobs = await allPages(
    paginateListBackupJobs(
      { client },
      { ByCreatedAfter: query.since, MaxResults: 1000, ...(query.byAccountId ? { ByAccountId: query.byAccountId } : {}) },
    ),
    (p) => p.BackupJobs,
  );
  return conformAll(backupJobSchema, withOrigin(jobs, query), errors, site('ListBackupJobs', query));
}

export async function listCopyJobs(client: BackupClient, query: JobQuery, errors: ErrorSink): Promise<CopyJob[]> {
  const jobs = await allPages(
    paginateListCopyJobs(
      { client },
      { ByCreatedAfter: query.since, MaxResults: 1000, ...(query.byAccountId ? { ByAccountId: query.byAccountId } : {}) },
    ),
    (p) => p.CopyJobs,
  );
  return conformAll(copyJobSchema, withOrigin(jobs, query), errors, site('ListCopyJobs', query));
}

export async function listRestoreJobs(client: BackupClient, query: RestoreJobQuery, errors: ErrorSink): Promise<RestoreJob[]> {
  const jobs = await allPages(
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
  );
  return conformAll(restoreJobSchema, withOrigin(jobs, query), errors, site('ListRestoreJobs', query));
}

/** The listing function for a job kind. */
export function jobLister(kind: JobKind): (client: BackupClient, query: JobQuery, errors: ErrorSink) => Promise<Array<BackupJob | CopyJob | RestoreJob>> {
  return kind === 'backup' ? listBackupJobs : kind === 'copy' ? listCopyJobs : listRestoreJobs;
}
