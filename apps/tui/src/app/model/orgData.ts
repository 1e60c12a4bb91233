/**
 * Everything the views read, indexed once per refresh: the estate as observed, the posture as evaluated, and
 * lookups by account, ARN and id so that every projection is a map read. Pure.
 */
import {
  arnParts,
  isRestoreTest,
  restoreVerdict,
  type Account,
  type Asset,
  type BackupJob,
  type BackupPlan,
  type BackupVault,
  type CopyJob,
  type Estate,
  type Finding,
  type Posture,
  type PostureAsset,
  type RestoreJob,
  type RestoreVerdict,
} from '@vaultscope/core';
import type { JobKind } from '../../views/screen.js';

/** Backup, copy and restore jobs in one shape, keeping the AWS object for the detail screen. */
export interface JobRecord {
  kind: JobKind;
  id: string;
  accountId: string;
  region: string;
  /** `State` of backup/copy jobs, `Status` of restore jobs. */
  state: string;
  /** The resource the job protected (restore: the source resource). */
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  createdAt: string;
  completedAt?: string;
  percentDone?: string;
  sizeBytes?: number;
  statusMessage?: string;
  messageCategory?: string;
  /** Target vault (copy: destination vault). */
  vault?: string;
  restoreTest: boolean;
  verdict?: RestoreVerdict;
  raw: BackupJob | CopyJob | RestoreJob;
}

/** A backup plan with where it lives. */
export interface PlanRecord {
  key: string;
  accountId: string;
  region: string;
  plan: BackupPlan;
}

/** A vault with where it lives. */
export interface VaultRecord {
  accountId: string;
  region: string;
  vault: BackupVault;
}

/** The indexed data of one refresh. */
export interface OrgData {
  estate: Estate;
  posture: Posture;
  /** Evaluation time (ms): ages in rows are relative to it, so rows only change when data does. */
  now: number;
  source: string;
  accounts: readonly Account[];
  accountById: ReadonlyMap<string, Account>;
  assets: readonly PostureAsset[];
  assetByArn: ReadonlyMap<string, PostureAsset>;
  estateAssetByArn: ReadonlyMap<string, Asset>;
  assetsByAccount: ReadonlyMap<string, readonly PostureAsset[]>;
  /** Newest first. */
  jobs: readonly JobRecord[];
  jobByKey: ReadonlyMap<string, JobRecord>;
  jobsByArn: ReadonlyMap<string, readonly JobRecord[]>;
  jobsByAccount: ReadonlyMap<string, readonly JobRecord[]>;
  findings: readonly Finding[];
  findingById: ReadonlyMap<string, Finding>;
  findingsByAccount: ReadonlyMap<string, readonly Finding[]>;
  findingsByArn: ReadonlyMap<string, readonly Finding[]>;
  plans: readonly PlanRecord[];
  planByKey: ReadonlyMap<string, PlanRecord>;
  vaults: readonly VaultRecord[];
  vaultByArn: ReadonlyMap<string, VaultRecord>;
}

/** Key of a job in `jobByKey`. */
export const jobKey = (kind: JobKind, id: string): string => `${kind}:${id}`;
/** Key of a plan in `planByKey`. */
export const planKey = (accountId: string, region: string, planId: string): string => `${accountId}|${region}|${planId}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const regionOf = (...arns: (string | undefined)[]): string => {
  for (const arn of arns) {
    const region = arn ? arnParts(arn).region : '';
    if (region) return region;
  }
  return '';
};
const nameOf = (arn: string): string => {
  const resource = arnParts(arn).resource;
  return resource.split(/[/:]/).pop() ?? resource;
};
const vaultName = (arn: string | undefined): string | undefined => (arn ? arnParts(arn).resource.replace(/^backup-vault:/, '') : undefined);

function toJobRecords(estate: Estate): JobRecord[] {
  const jobs: JobRecord[] = [];
  for (const j of estate.jobs?.backup ?? []) {
    jobs.push({
      kind: 'backup',
      id: j.BackupJobId,
      accountId: j.AccountId,
      region: j.Region ?? regionOf(j.BackupVaultArn, j.ResourceArn),
      state: j.State,
      resourceArn: j.ResourceArn,
      resourceType: j.ResourceType ?? '',
      resourceName: j.ResourceName ?? nameOf(j.ResourceArn),
      createdAt: j.CreationDate,
      ...(j.CompletionDate ? { completedAt: j.CompletionDate } : {}),
      ...(j.PercentDone !== undefined ? { percentDone: j.PercentDone } : {}),
      ...(j.BackupSizeInBytes !== undefined ? { sizeBytes: j.BackupSizeInBytes } : {}),
      ...(j.StatusMessage ? { statusMessage: j.StatusMessage } : {}),
      ...(j.MessageCategory ? { messageCategory: j.MessageCategory } : {}),
      ...(j.BackupVaultName ? { vault: j.BackupVaultName } : {}),
      restoreTest: false,
      raw: j,
    });
  }
  for (const j of estate.jobs?.copy ?? []) {
    const vault = vaultName(j.DestinationBackupVaultArn);
    jobs.push({
      kind: 'copy',
      id: j.CopyJobId,
      accountId: j.AccountId,
      region: j.Region ?? regionOf(j.SourceBackupVaultArn, j.ResourceArn),
      state: j.State,
      resourceArn: j.ResourceArn,
      resourceType: j.ResourceType ?? '',
      resourceName: j.ResourceName ?? nameOf(j.ResourceArn),
      createdAt: j.CreationDate,
      ...(j.CompletionDate ? { completedAt: j.CompletionDate } : {}),
      ...(j.BackupSizeInBytes !== undefined ? { sizeBytes: j.BackupSizeInBytes } : {}),
      ...(j.StatusMessage ? { statusMessage: j.StatusMessage } : {}),
      ...(j.MessageCategory ? { messageCategory: j.MessageCategory } : {}),
      ...(vault ? { vault } : {}),
      restoreTest: false,
      raw: j,
    });
  }
  for (const j of estate.jobs?.restore ?? []) {
    const source = j.SourceResourceArn ?? '';
    const vault = vaultName(j.BackupVaultArn);
    const test = isRestoreTest(j);
    jobs.push({
      kind: 'restore',
      id: j.RestoreJobId,
      accountId: j.AccountId,
      region: j.Region ?? regionOf(j.BackupVaultArn, j.SourceResourceArn, j.RecoveryPointArn),
      state: j.Status,
      resourceArn: source,
      resourceType: j.ResourceType ?? '',
      resourceName: source ? nameOf(source) : '',
      createdAt: j.CreationDate,
      ...(j.CompletionDate ? { completedAt: j.CompletionDate } : {}),
      ...(j.PercentDone !== undefined ? { percentDone: j.PercentDone } : {}),
      ...(j.BackupSizeInBytes !== undefined ? { sizeBytes: j.BackupSizeInBytes } : {}),
      ...(j.StatusMessage ? { statusMessage: j.StatusMessage } : {}),
      ...(vault ? { vault } : {}),
      restoreTest: test,
      ...(test ? { verdict: restoreVerdict(j) } : {}),
      raw: j,
    });
  }
  // Newest first; ids break ties so the order is the same every refresh.
  jobs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return jobs;
}

/** Indexes one refresh's estate and posture for the views. */
export function buildOrgData(estate: Estate, posture: Posture, source: string): OrgData {
  const accountById = new Map(estate.accounts.map((a) => [a.Id, a]));
  const assetByArn = new Map<string, PostureAsset>();
  const assetsByAccount = new Map<string, PostureAsset[]>();
  for (const asset of posture.assets) {
    assetByArn.set(asset.arn, asset);
    push(assetsByAccount, asset.accountId, asset);
  }
  const estateAssetByArn = new Map<string, Asset>();
  const plans: PlanRecord[] = [];
  const vaults: VaultRecord[] = [];
  for (const obs of estate.regions) {
    for (const asset of obs.assets ?? []) estateAssetByArn.set(asset.arn, asset);
    for (const plan of obs.backupPlans ?? []) {
      plans.push({ key: planKey(obs.accountId, obs.region, plan.BackupPlanId), accountId: obs.accountId, region: obs.region, plan });
    }
    for (const vault of obs.backupVaults ?? []) vaults.push({ accountId: obs.accountId, region: obs.region, vault });
  }

  const jobs = toJobRecords(estate);
  const jobByKey = new Map<string, JobRecord>();
  const jobsByArn = new Map<string, JobRecord[]>();
  const jobsByAccount = new Map<string, JobRecord[]>();
  for (const job of jobs) {
    jobByKey.set(jobKey(job.kind, job.id), job);
    if (job.resourceArn) push(jobsByArn, job.resourceArn, job);
    push(jobsByAccount, job.accountId, job);
  }

  const findingById = new Map<string, Finding>();
  const findingsByAccount = new Map<string, Finding[]>();
  const findingsByArn = new Map<string, Finding[]>();
  for (const finding of posture.findings) {
    findingById.set(finding.id, finding);
    push(findingsByAccount, finding.accountId, finding);
    if (finding.resourceArn) push(findingsByArn, finding.resourceArn, finding);
  }

  return {
    estate,
    posture,
    now: Date.parse(posture.evaluatedAt),
    source,
    accounts: estate.accounts,
    accountById,
    assets: posture.assets,
    assetByArn,
    estateAssetByArn,
    assetsByAccount,
    jobs,
    jobByKey,
    jobsByArn,
    jobsByAccount,
    findings: posture.findings,
    findingById,
    findingsByAccount,
    findingsByArn,
    plans,
    planByKey: new Map(plans.map((p) => [p.key, p])),
    vaults,
    vaultByArn: new Map(vaults.map((v) => [v.vault.BackupVaultArn, v])),
  };
}

/** An account's display name (its id when unnamed or unknown). */
export function accountName(data: OrgData, accountId: string): string {
  return data.accountById.get(accountId)?.Name ?? accountId;
}
