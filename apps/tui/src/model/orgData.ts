/**
 * Everything the views read, indexed once per refresh: the estate as observed, the posture as evaluated, and
 * lookups by account, ARN and id so that every projection is a map read. Pure.
 */
import {
  sortedByKeyDescending,
  toJobRecord,
  type Account,
  type Asset,
  type BackupJob,
  type BackupPlan,
  type BackupVault,
  type CopyJob,
  type Estate,
  type Finding,
  type Framework,
  type Posture,
  type PostureAsset,
  type RegionObservation,
  type RestoreJob,
  type JobRecord,
} from '@vaultscope/core';
import type { JobKind } from '../views/screen.js';

/** Backup, copy and restore jobs in one shape: core's record, with the outcome core gives the job's state. */
export type { JobRecord };

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
  /**
   * Every job, in no particular order (made on first use: the first screen counts only the last days' jobs, see
   * orgRows.ts, and does not wait for a record of each of 180,000).
   */
  jobRecords: readonly JobRecord[];
  /** Newest first (sorted on first use). */
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
  /** The observation of one account and Region, by `regionKey` (its plans and opt-in settings explain coverage). */
  regionByKey: ReadonlyMap<string, RegionObservation>;
  /** Compliance framework rules with the resources that pass and fail them (none for an older posture). */
  frameworks: readonly Framework[];
}

/** Key of a job in `jobByKey`. */
export const jobKey = (kind: JobKind, id: string): string => `${kind}:${id}`;
/** Key of an account and Region in `regionByKey`. */
export const regionKey = (accountId: string, region: string): string => `${accountId}|${region}`;
/** Key of a plan in `planByKey`. */
export const planKey = (accountId: string, region: string, planId: string): string => `${accountId}|${region}|${planId}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Records by the AWS job object they were made from. A refresh keeps the objects of jobs that did not change
 * (the demo step and the incremental AWS merge both do), so only new or changed jobs are converted again.
 */
const recordCache = new WeakMap<object, JobRecord>();

/** The record of one AWS job (made once per job object, see `recordCache`). */
export function recordOf(kind: JobKind, job: BackupJob | CopyJob | RestoreJob): JobRecord {
  let record = recordCache.get(job);
  if (!record) {
    record = toJobRecord(kind, job);
    recordCache.set(job, record);
  }
  return record;
}

function toJobRecords(estate: Estate): JobRecord[] {
  const jobs: JobRecord[] = [];
  for (const job of estate.jobs?.backup ?? []) jobs.push(recordOf('backup', job));
  for (const job of estate.jobs?.copy ?? []) jobs.push(recordOf('copy', job));
  for (const job of estate.jobs?.restore ?? []) jobs.push(recordOf('restore', job));
  return jobs;
}

/** Newest first; ids break ties so the order is the same every refresh. */
function newestFirst(jobs: readonly JobRecord[]): JobRecord[] {
  return sortedByKeyDescending(jobs, (j) => `${j.createdAt}\u0000${j.kind}\u0000${j.id}`);
}

/** A value computed on first use: indexes only some screens need are not paid for at start-up. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
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
  const plans: PlanRecord[] = [];
  const vaults: VaultRecord[] = [];
  for (const obs of estate.regions) {
    for (const plan of obs.backupPlans ?? []) {
      plans.push({ key: planKey(obs.accountId, obs.region, plan.BackupPlanId), accountId: obs.accountId, region: obs.region, plan });
    }
    for (const vault of obs.backupVaults ?? []) vaults.push({ accountId: obs.accountId, region: obs.region, vault });
  }

  const jobRecords = lazy(() => toJobRecords(estate));
  const jobs = lazy(() => newestFirst(jobRecords()));
  const jobsByAccount = lazy(() => {
    const map = new Map<string, JobRecord[]>();
    for (const job of jobs()) push(map, job.accountId, job);
    return map;
  });
  const jobByKey = lazy(() => new Map(jobRecords().map((job) => [jobKey(job.kind, job.id), job])));
  const jobsByArn = lazy(() => {
    const map = new Map<string, JobRecord[]>();
    for (const job of jobs()) if (job.resourceArn) push(map, job.resourceArn, job);
    return map;
  });
  const estateAssetByArn = lazy(() => new Map(estate.regions.flatMap((obs) => (obs.assets ?? []).map((a) => [a.arn, a] as const))));

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
    get estateAssetByArn() {
      return estateAssetByArn();
    },
    assetsByAccount,
    get jobRecords() {
      return jobRecords();
    },
    get jobs() {
      return jobs();
    },
    get jobByKey() {
      return jobByKey();
    },
    get jobsByArn() {
      return jobsByArn();
    },
    get jobsByAccount() {
      return jobsByAccount();
    },
    findings: posture.findings,
    findingById,
    findingsByAccount,
    findingsByArn,
    plans,
    planByKey: new Map(plans.map((p) => [p.key, p])),
    vaults,
    vaultByArn: new Map(vaults.map((v) => [v.vault.BackupVaultArn, v])),
    regionByKey: new Map(estate.regions.map((obs) => [regionKey(obs.accountId, obs.region), obs])),
    frameworks: posture.frameworks ?? [],
  };
}

/** An account's display name (its id when unnamed or unknown). */
export function accountName(data: OrgData, accountId: string): string {
  return data.accountById.get(accountId)?.Name ?? accountId;
}
