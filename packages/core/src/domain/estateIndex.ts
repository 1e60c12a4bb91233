/**
 * Lookups over an estate, built once per evaluation so every per-asset step is a map read, not a scan.
 */
import type { Asset, BackupJob, BackupPlan, BackupVault, CopyJob, Estate, ProtectedResource, RestoreJob } from '../estate/schema.js';
import type { PlanFacts } from './coverage.js';
import { indexEvidenceGaps, type AssetGaps } from './evidenceGaps.js';

/** Account and Region parsed out of an ARN (`arn:partition:service:region:account:…`). */
export function arnParts(arn: string): { service: string; region: string; accountId: string; resource: string } {
  const parts = arn.split(':');
  return {
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    accountId: parts[4] ?? '',
    resource: parts.slice(5).join(':'),
  };
}

/** The indexes evaluation reads. Absent sections stay `undefined` so checks can say "not evaluated". */
export interface EstateIndex {
  vaultsByArn: Map<string, BackupVault>;
  /** `account|region|vaultName` → vault. */
  vaultsByName: Map<string, BackupVault>;
  protectedByArn: Map<string, ProtectedResource>;
  backupJobsByArn?: Map<string, BackupJob[]>;
  copyJobsByArn?: Map<string, CopyJob[]>;
  /** Restore jobs by the resource they restored from (`SourceResourceArn`). */
  restoreJobsByArn?: Map<string, RestoreJob[]>;
  /** Account ids whose Region observations include a protected-resources list. */
  protectedObserved: Set<string>;
  /** What could not be read about an asset (collection errors naming its ARN), by ARN. */
  gapsByArn: ReadonlyMap<string, AssetGaps>;
  /** What each plan promises, for resource types with continuous backup ([0]) and without ([1]). */
  planFacts: WeakMap<BackupPlan, [PlanFacts?, PlanFacts?]>;
  /** EBS volume ARN → the EC2 instance asset it is attached to, in the same account and Region. */
  instanceOfVolume: Map<string, Asset>;
  /** Memo of per-asset values computed once and read by several assets (an instance's selection, by its ARN). */
  memo: Map<string, unknown>;
}

/**
 * Volume → instance, from either side of the attachment: the volume's `attachedInstanceId` (DescribeVolumes) or the
 * instance's `attachedVolumeIds` (DescribeInstances). Only instances observed as assets count: their tags decide
 * whether a selection reaches them.
 */
function indexInstances(estate: Estate): Map<string, Asset> {
  const byVolume = new Map<string, Asset>();
  for (const obs of estate.regions) {
    const instances = new Map<string, Asset>();
    for (const asset of obs.assets ?? []) {
      if (asset.resourceType !== 'EC2') continue;
      const id = asset.arn.slice(asset.arn.lastIndexOf('/') + 1);
      instances.set(id, asset);
      const prefix = asset.arn.slice(0, asset.arn.indexOf(':instance/'));
      for (const volumeId of asset.attributes?.attachedVolumeIds ?? []) byVolume.set(`${prefix}:volume/${volumeId}`, asset);
    }
    if (instances.size === 0) continue;
    for (const asset of obs.assets ?? []) {
      const id = asset.resourceType === 'EBS' ? asset.attributes?.attachedInstanceId : undefined;
      const instance = id === undefined ? undefined : instances.get(id);
      if (instance && !byVolume.has(asset.arn)) byVolume.set(asset.arn, instance);
    }
  }
  return byVolume;
}

function group<T>(items: readonly T[] | undefined, key: (item: T) => string | undefined): Map<string, T[]> | undefined {
  if (!items) return undefined;
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** `account|region` key used for Region observations. */
export function scopeKey(accountId: string, region: string): string {
  return `${accountId}|${region}`;
}

/** Builds the lookups for one estate. */
export function indexEstate(estate: Estate): EstateIndex {
  const vaultsByArn = new Map<string, BackupVault>();
  const vaultsByName = new Map<string, BackupVault>();
  const protectedByArn = new Map<string, ProtectedResource>();
  const protectedObserved = new Set<string>();
  for (const obs of estate.regions) {
    for (const vault of obs.backupVaults ?? []) {
      vaultsByArn.set(vault.BackupVaultArn, vault);
      vaultsByName.set(`${obs.accountId}|${obs.region}|${vault.BackupVaultName}`, vault);
    }
    if (obs.protectedResources) {
      protectedObserved.add(scopeKey(obs.accountId, obs.region));
      for (const resource of obs.protectedResources) {
        const seen = protectedByArn.get(resource.ResourceArn);
        if (!seen || (resource.LastBackupTime ?? '') > (seen.LastBackupTime ?? '')) {
          protectedByArn.set(resource.ResourceArn, resource);
        }
      }
    }
  }
  const jobs = estate.jobs;
  return {
    vaultsByArn,
    vaultsByName,
    protectedByArn,
    protectedObserved,
    planFacts: new WeakMap(),
    instanceOfVolume: indexInstances(estate),
    memo: new Map(),
    gapsByArn: indexEvidenceGaps(estate),
    backupJobsByArn: group(jobs?.backup, (j) => j.ResourceArn),
    copyJobsByArn: group(jobs?.copy, (j) => j.ResourceArn),
    restoreJobsByArn: group(jobs?.restore, (j) => j.SourceResourceArn),
  };
}
