/**
 * Rows for lists of backup, copy and restore jobs (an account's Jobs and Restore tests tabs, `:jobs`,
 * `:restores`, pulse drill-downs).
 */
import { isFault, isInProgress, issueCategory, isUnsuccessful } from '@vaultscope/core';
import { accountName, type JobRecord, type OrgData } from '../../model/orgData.js';
import { formatBytes, formatHours, formatShortTime, hoursBetween } from '../../text/format.js';
import { makeRow } from '../row.js';
import type { Column, Row } from '../screen.js';
import { jobTone } from '../tones.js';

/** Columns of a job list. */
export function jobColumns(withAccount: boolean): Column[] {
  return [
    { title: 'CREATED', width: 11 },
    { title: 'KIND', width: 7, priority: 1 },
    { title: 'STATE', width: 10 },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'REGION', width: 12, priority: 1 },
    { title: 'RESOURCE', width: 16, flex: true },
    { title: 'SIZE', width: 8, align: 'right', priority: 2 },
    { title: 'MESSAGE', width: 18, flex: true, priority: 2 },
  ];
}

/** What a job says about itself in one cell: its progress while running, else its status message. */
function jobMessage(job: JobRecord): string {
  if (isInProgress(job.outcome)) return job.percentDone ? `${job.percentDone}% done` : 'running';
  const issue = issueCategory(job.messageCategory);
  const category = issue ? `${issue}: ` : '';
  return `${category}${job.statusMessage ?? ''}`;
}

/** Whether a job is a fault: ended unsuccessfully, completed with issues, or a failed restore test. */
export const isJobFault = (job: JobRecord): boolean => isFault(job.outcome) || job.verdict === 'failed';

/**
 * Rows by job record, per column set. Records survive refreshes for unchanged jobs (see orgData), so a refresh
 * of a 100,000-job list only projects the jobs that changed. The account name is kept to notice a rename.
 */
const rowCache = { with: new WeakMap<JobRecord, { name: string; row: Row }>(), without: new WeakMap<JobRecord, { name: string; row: Row }>() };

function jobRow(data: OrgData, job: JobRecord, withAccount: boolean): Row {
  const name = withAccount ? accountName(data, job.accountId) : '';
  const cache = withAccount ? rowCache.with : rowCache.without;
  const hit = cache.get(job);
  if (hit && hit.name === name) return hit.row;
  const row = makeRow({
    id: `${job.kind}:${job.id}`,
    cells: [
      formatShortTime(job.createdAt),
      job.restoreTest ? 'test' : job.kind,
      job.state,
      ...(withAccount ? [name] : []),
      job.region,
      job.resourceName || job.resourceArn,
      formatBytes(job.sizeBytes),
      jobMessage(job),
    ],
    sort: [job.createdAt, undefined, undefined, ...(withAccount ? [undefined] : []), undefined, undefined, job.sizeBytes ?? -1, undefined],
    fault: isJobFault(job),
    cellTones: { 2: jobTone(job.outcome) ?? 'dim' },
    target: { kind: 'job', jobKind: job.kind, jobId: job.id },
  });
  cache.set(job, { name, row });
  return row;
}

/** One row per job, in the order given (newest first). */
export function jobRows(data: OrgData, jobs: readonly JobRecord[], withAccount: boolean): Row[] {
  const rows = new Array<Row>(jobs.length);
  for (let i = 0; i < jobs.length; i++) rows[i] = jobRow(data, jobs[i] as JobRecord, withAccount);
  return rows;
}

/** Columns of a restore list. */
export function restoreColumns(withAccount: boolean): Column[] {
  return [
    { title: 'CREATED', width: 11 },
    { title: 'TYPE', width: 6, priority: 1 },
    { title: 'STATUS', width: 10 },
    { title: 'VERDICT', width: 7 },
    { title: 'DURATION/RTO', width: 14, align: 'right' },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'RESOURCE', width: 16, flex: true },
    { title: 'VALIDATION', width: 12, flex: true, priority: 1 },
  ];
}

/** One row per restore job, newest first, with its duration against the source asset's RTO. */
export function restoreRows(data: OrgData, jobs: readonly JobRecord[], withAccount: boolean): Row[] {
  return jobs.map((job) => {
    const duration = hoursBetween(job.createdAt, job.completedAt);
    const rto = data.assetByArn.get(job.resourceArn)?.classification.rtoHours;
    const overRto = duration !== undefined && rto !== undefined && duration > rto;
    const raw = job.raw as { ValidationStatus?: string; ValidationStatusMessage?: string };
    return makeRow({
      id: `${job.kind}:${job.id}`,
      cells: [
        formatShortTime(job.createdAt),
        job.restoreTest ? 'test' : 'manual',
        job.state,
        job.verdict ?? '',
        `${duration === undefined ? '…' : formatHours(duration)} / ${rto === undefined ? '?' : formatHours(rto)}`,
        ...(withAccount ? [accountName(data, job.accountId)] : []),
        job.resourceName || job.resourceArn,
        [raw.ValidationStatus, raw.ValidationStatusMessage].filter(Boolean).join(': '),
      ],
      sort: [job.createdAt, undefined, undefined, undefined, duration ?? -1],
      fault: job.verdict === 'failed' || isUnsuccessful(job.outcome) || overRto,
      cellTones: {
        2: jobTone(job.outcome) ?? 'dim',
        3: job.verdict === 'failed' ? 'bad' : job.verdict === 'passed' ? 'ok' : 'dim',
        ...(overRto ? { 4: 'bad' as const } : duration !== undefined && rto !== undefined ? { 4: 'ok' as const } : {}),
      },
      target: { kind: 'job', jobKind: job.kind, jobId: job.id },
    });
  });
}
