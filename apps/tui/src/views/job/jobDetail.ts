/**
 * Job detail: every field AWS returned for the job, status message and message category always shown (as
 * "(none)" when AWS sent none), plus what Vaultscope derives from it.
 */
import { isUnsuccessful } from '@vaultscope/core';
import { accountName, jobKey, type OrgData } from '../../model/orgData.js';
import { formatHours, hoursBetween } from '../../text/format.js';
import { makeHeading, makeLine, seg } from '../row.js';
import type { JobKind, Row, ViewModel } from '../screen.js';
import { jobTone } from '../tones.js';
import { fieldLines, orderedFields } from '../detail/fields.js';

const FIRST: Record<JobKind, readonly string[]> = {
  backup: ['BackupJobId', 'State', 'StatusMessage', 'MessageCategory', 'PercentDone', 'ResourceArn', 'ResourceType', 'ResourceName', 'AccountId', 'Region', 'CreationDate', 'StartBy', 'CompletionDate', 'BackupVaultName', 'BackupVaultArn', 'RecoveryPointArn', 'BackupSizeInBytes'],
  copy: ['CopyJobId', 'State', 'StatusMessage', 'MessageCategory', 'ResourceArn', 'ResourceType', 'ResourceName', 'AccountId', 'Region', 'CreationDate', 'CompletionDate', 'SourceBackupVaultArn', 'DestinationBackupVaultArn', 'SourceRecoveryPointArn', 'DestinationRecoveryPointArn'],
  restore: ['RestoreJobId', 'Status', 'StatusMessage', 'ValidationStatus', 'ValidationStatusMessage', 'PercentDone', 'SourceResourceArn', 'CreatedResourceArn', 'ResourceType', 'AccountId', 'Region', 'CreationDate', 'CompletionDate', 'RecoveryPointArn', 'RecoveryPointCreationDate', 'BackupVaultArn'],
};
const ALWAYS: Record<JobKind, readonly string[]> = {
  backup: ['StatusMessage', 'MessageCategory'],
  copy: ['StatusMessage', 'MessageCategory'],
  restore: ['StatusMessage', 'ValidationStatus'],
};

/** The detail document of one job. */
export function jobDetail(data: OrgData, jobKind: JobKind, jobId: string): ViewModel {
  const job = data.jobByKey.get(jobKey(jobKind, jobId));
  if (!job) return { kind: 'doc', title: 'Job', header: [[seg(`${jobKind} job ${jobId}`)]], columns: [], rows: [], empty: 'This job is no longer in the estate.' };
  const raw = { ...(job.raw as Record<string, unknown>) };
  for (const key of ALWAYS[jobKind]) if (raw[key] === undefined) raw[key] = '(none)';

  const lines: Row[] = [];
  lines.push(makeHeading('h-fields', 'Fields'));
  fieldLines(orderedFields(raw, FIRST[jobKind])).forEach((text, i) => {
    const bad = /^(StatusMessage|MessageCategory|State|Status|ValidationStatus)\b/.test(text) && isUnsuccessful(job.outcome);
    lines.push(makeLine(`f${i}`, text, bad ? { tone: 'bad' } : {}));
  });
  lines.push(makeHeading('h-derived', 'Derived'));
  const duration = hoursBetween(job.createdAt, job.completedAt);
  lines.push(makeLine('d-account', `account        ${accountName(data, job.accountId)}`));
  lines.push(makeLine('d-duration', `duration       ${duration === undefined ? 'not finished' : formatHours(duration)}`));
  if (job.kind === 'restore') lines.push(makeLine('d-test', `restore test   ${job.restoreTest ? `yes · verdict ${job.verdict ?? 'pending'}` : 'no (manual restore)'}`));
  const asset = data.assetByArn.get(job.resourceArn);
  if (asset) {
    lines.push(makeLine('d-asset', `asset          ${asset.name} (${asset.classification.tier}, RTO ${formatHours(asset.classification.rtoHours)}, RPO ${formatHours(asset.classification.rpoHours)})`, { target: { kind: 'asset', arn: asset.arn }, tone: 'accent' }));
  }

  return {
    kind: 'doc',
    title: `${jobKind} job`,
    header: [[seg(`${jobKind} job `), seg(jobId, 'accent'), seg('  '), seg(job.state, jobTone(job.outcome))], [seg(`${job.resourceName} · ${accountName(data, job.accountId)} · ${job.region}`, 'dim')]],
    columns: [],
    rows: lines,
    empty: '',
  };
}
