/**
 * AWS Backup's job listings (ListBackupJobs, ListCopyJobs, ListRestoreJobs), which moto 5.2.1 does not implement
 * (it answers them with an HTML 404), answered by the recording proxy in front of moto from a fixed set of jobs,
 * the way AWS answers them:
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html — `GET /backup-jobs/?accountId=…
 * &createdAfter=…&maxResults=…&nextToken=…`; "ByAccountId: … If used from an AWS Organizations management account,
 * passing * returns all jobs across the organization"; without it, the caller's own jobs. ListCopyJobs and
 * ListRestoreJobs take the same parameters. Jobs are those of the Region the request is signed for; timestamps are
 * epoch seconds (REST-JSON).
 *
 * Whose call it is comes from the SigV4 access key: the management account's own key, or a key moto issued by
 * AssumeRole (learned from the AssumeRole answers passing through the same proxy). Everything else goes to moto.
 */
import { createHash } from 'node:crypto';
import type { ProxyAnswer, ProxyOptions, RecordedRequest } from './proxy.js';
import { MOTO_CREDENTIALS, type MotoOrganizationSpec, type MotoRegionSpec, type SeededOrganization } from './seed.js';

export type JobListKind = 'backup' | 'copy' | 'restore';

/** A job as the List*Jobs APIs return it (REST-JSON: dates in epoch seconds), plus the Region it was run in. */
export interface WireJob {
  region: string;
  accountId: string;
  creationDate: number;
  record: Record<string, unknown>;
}

export type OrganizationJobs = Record<JobListKind, WireJob[]>;

/** How the organization-wide listing (`ByAccountId=*`) of a job kind is answered. */
export type OrgWideAnswer =
  /** Every account's jobs (cross-account monitoring enabled): what AWS documents. */
  | 'organization'
  /** The caller's own jobs only: what AWS returns without trusted access for AWS Backup. */
  | 'own'
  /** `AccessDeniedException` (a role without the permission, an SCP, a permissions boundary). */
  | 'refused';

/** One job listing the endpoint answered. */
export interface JobListing {
  kind: JobListKind;
  region: string;
  /** The account whose credentials signed the call. */
  callerAccountId: string;
  /** The `accountId` query parameter (ByAccountId), when given. */
  byAccountId?: string;
  /** Jobs returned on this page. */
  returned: number;
  refused: boolean;
}

export interface JobListingEndpoint extends Required<Pick<ProxyOptions, 'answer' | 'rewrite'>> {
  /** Every listing answered, in order. */
  listings: JobListing[];
  /** The account behind an access key, as far as the proxy has seen. */
  accountOf(accessKeyId: string | undefined): string | undefined;
}

const PATHS: Record<string, JobListKind> = { 'backup-jobs': 'backup', 'copy-jobs': 'copy', 'restore-jobs': 'restore' };
const LIST_KEYS: Record<JobListKind, string> = { backup: 'BackupJobs', copy: 'CopyJobs', restore: 'RestoreJobs' };
const OPERATIONS: Record<JobListKind, string> = { backup: 'ListBackupJobs', copy: 'ListCopyJobs', restore: 'ListRestoreJobs' };

/** The job kind a recorded request lists, if it is a job listing. */
export function jobListKindOf(request: RecordedRequest): JobListKind | undefined {
  if (request.service !== 'backup' || request.method !== 'GET') return undefined;
  const first = new URL(request.path, 'http://x').pathname.split('/')[1] ?? '';
  return PATHS[first];
}

/** The `accountId` (ByAccountId) query parameter of a job listing. */
export function byAccountIdOf(request: RecordedRequest): string | undefined {
  return new URL(request.path, 'http://x').searchParams.get('accountId') ?? undefined;
}

/**
 * The endpoint's answers and AssumeRole learning, to pass to `startRecordingProxy`; `orgWide` decides per job kind
 * and Region how `ByAccountId=*` is answered (default: the whole organization).
 */
export function jobListingEndpoint(options: {
  jobs: OrganizationJobs;
  managementAccountId: string;
  orgWide?: (kind: JobListKind, region: string) => OrgWideAnswer;
}): JobListingEndpoint {
  const keys = new Map<string, string>([[MOTO_CREDENTIALS.accessKeyId, options.managementAccountId]]);
  const listings: JobListing[] = [];
  const accountOf = (key: string | undefined) => (key === undefined ? undefined : keys.get(key));

  const answer = (request: RecordedRequest): ProxyAnswer | undefined => {
    const kind = jobListKindOf(request);
    if (!kind) return undefined;
    const caller = accountOf(request.accessKeyId);
    if (!caller || !request.region) {
      return awsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    const query = new URL(request.path, 'http://x').searchParams;
    const byAccountId = query.get('accountId') ?? undefined;
    const base = { kind, region: request.region, callerAccountId: caller, ...(byAccountId !== undefined ? { byAccountId } : {}) };
    let accounts: (id: string) => boolean;
    if (byAccountId === '*') {
      const mode = caller === options.managementAccountId ? (options.orgWide?.(kind, request.region) ?? 'organization') : 'refused';
      if (mode === 'refused') {
        listings.push({ ...base, returned: 0, refused: true });
        return awsError(
          403,
          'AccessDeniedException',
          `User: arn:aws:sts::${caller}:assumed-role/VaultscopeReadRole/vaultscope is not authorized to perform: backup:${OPERATIONS[kind]} with ByAccountId=*`,
        );
      }
      accounts = mode === 'organization' ? () => true : (id) => id === caller;
    } else {
      const only = byAccountId ?? caller;
      accounts = (id) => id === only && (only === caller || caller === options.managementAccountId);
    }
    const after = query.get('createdAfter');
    const afterSeconds = after ? Date.parse(after) / 1000 : -Infinity;
    const all = options.jobs[kind].filter((j) => j.region === request.region && accounts(j.accountId) && j.creationDate > afterSeconds);
    const max = Number(query.get('maxResults') ?? 1000);
    const start = Number(query.get('nextToken') ?? 0);
    const page = all.slice(start, start + max);
    listings.push({ ...base, returned: page.length, refused: false });
    const next = start + max < all.length ? { NextToken: String(start + max) } : {};
    return json(200, { [LIST_KEYS[kind]]: page.map((j) => j.record), ...next });
  };

  // moto's AssumeRole answer names the new access key and the assumed role's account.
  const rewrite = (request: RecordedRequest, body: string, status: number): undefined => {
    if (request.action !== 'AssumeRole' || status !== 200) return undefined;
    const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(body)?.[1];
    const account = /<Arn>arn:[^:]+:sts::(\d{12}):assumed-role\//.exec(body)?.[1];
    if (key && account) keys.set(key, account);
    return undefined;
  };

  return { answer, rewrite, listings, accountOf };
}

function json(status: number, body: unknown): ProxyAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A REST-JSON error as AWS sends it: the type in `x-amzn-ErrorType`, the message in the body. */
function awsError(status: number, type: string, message: string): ProxyAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.backup/` },
    body: JSON.stringify({ Message: message }),
  };
}

/** A UUID-shaped id (as AWS Backup's job ids are) derived from what the job is. */
function jobId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The resources of one account × Region whose ARNs follow from their names alone. */
function resourcesOf(spec: MotoRegionSpec, accountId: string, region: string): Array<{ arn: string; type: string }> {
  return [
    ...(spec.buckets ?? []).map((b) => ({ arn: `arn:aws:s3:::${b.name}`, type: 'S3' })),
    ...(spec.tables ?? []).map((t) => ({ arn: `arn:aws:dynamodb:${region}:${accountId}:table/${t.name}`, type: 'DynamoDB' })),
    ...(spec.dbInstances ?? []).map((d) => ({ arn: `arn:aws:rds:${region}:${accountId}:db:${d.id}`, type: 'RDS' })),
  ];
}

/**
 * Jobs for a seeded organization, derived from its spec and `now` (the same every time): each S3 bucket, DynamoDB
 * table and RDS instance backed up once a day for `days` days into the Region's first vault (the second newest job of
 * each RDS instance FAILED, the newest job of each table still RUNNING), each completed job of a plan with a copy action
 * copied to its destination, and one restore job per RDS instance.
 */
export function organizationJobs(seeded: SeededOrganization, spec: MotoOrganizationSpec, now: Date, days = 3): OrganizationJobs {
  const jobs: OrganizationJobs = { backup: [], copy: [], restore: [] };
  const places: Array<{ accountId: string; regions: Record<string, MotoRegionSpec> }> = [
    ...(spec.management?.regions ? [{ accountId: seeded.managementAccountId, regions: spec.management.regions }] : []),
    ...spec.accounts.flatMap((a, i) => (a.regions && seeded.accounts[i] ? [{ accountId: seeded.accounts[i].id, regions: a.regions }] : [])),
  ];
  const day = 86_400;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (const { accountId, regions } of places) {
    for (const [region, regionSpec] of Object.entries(regions)) {
      const vault = regionSpec.vaults?.[0]?.name ?? 'Default';
      const vaultArn = `arn:aws:backup:${region}:${accountId}:backup-vault:${vault}`;
      const plan = regionSpec.backupPlans?.[0];
      const createdBy = plan ? { BackupPlanName: plan.name, BackupRuleName: `${plan.name}-rule` } : undefined;
      for (const resource of resourcesOf(regionSpec, accountId, region)) {
        for (let d = days; d >= 1; d -= 1) {
          const created = nowSeconds - d * day + 3600;
          const id = jobId(accountId, region, resource.arn, String(d));
          const state = resource.type === 'RDS' && d === 2 ? 'FAILED' : resource.type === 'DynamoDB' && d === 1 ? 'RUNNING' : 'COMPLETED';
          const recoveryPointArn = `arn:aws:backup:${region}:${accountId}:recovery-point:${id.toLowerCase()}`;
          jobs.backup.push({
            region,
            accountId,
            creationDate: created,
            record: {
              AccountId: accountId,
              BackupJobId: id,
              BackupVaultName: vault,
              BackupVaultArn: vaultArn,
              ResourceArn: resource.arn,
              ResourceType: resource.type,
              CreationDate: created,
              State: state,
              IamRoleArn: `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`,
              ...(state === 'COMPLETED' ? { CompletionDate: created + 900, RecoveryPointArn: recoveryPointArn, BackupSizeInBytes: 1_048_576 * (d + 1), PercentDone: '100.0' } : {}),
              ...(state === 'FAILED' ? { CompletionDate: created + 300, StatusMessage: 'Insufficient privileges to perform this action.', MessageCategory: 'AccessDenied' } : {}),
              ...(state === 'RUNNING' ? { PercentDone: '42.0' } : {}),
              ...(createdBy ? { CreatedBy: createdBy } : {}),
            },
          });
          if (plan?.copyToVaultArn && state === 'COMPLETED') {
            const copyCreated = created + 1200;
            jobs.copy.push({
              region,
              accountId,
              creationDate: copyCreated,
              record: {
                AccountId: accountId,
                CopyJobId: jobId('copy', id),
                SourceBackupVaultArn: vaultArn,
                SourceRecoveryPointArn: recoveryPointArn,
                DestinationBackupVaultArn: plan.copyToVaultArn.replaceAll('{account}', accountId),
                ResourceArn: resource.arn,
                ResourceType: resource.type,
                CreationDate: copyCreated,
                CompletionDate: copyCreated + 600,
                State: 'COMPLETED',
                BackupSizeInBytes: 1_048_576 * (d + 1),
                ...(createdBy ? { CreatedBy: createdBy } : {}),
              },
            });
          }
        }
        if (resource.type === 'RDS') {
          const created = nowSeconds - day / 2;
          jobs.restore.push({
            region,
            accountId,
            creationDate: created,
            record: {
              AccountId: accountId,
              RestoreJobId: jobId('restore', resource.arn),
              RecoveryPointArn: `arn:aws:backup:${region}:${accountId}:recovery-point:${jobId(accountId, region, resource.arn, String(days)).toLowerCase()}`,
              CreationDate: created,
              CompletionDate: created + 1800,
              Status: 'COMPLETED',
              ResourceType: 'RDS',
              CreatedResourceArn: `${resource.arn}-restore-test`,
              BackupSizeInBytes: 3_145_728,
            },
          });
        }
      }
    }
  }
  return jobs;
}
