/**
 * Sharded collection: `collect --shard I/N` observes a stable subset of the organization's accounts, so N workers
 * (a Kubernetes Indexed Job) fill one history together. An account's shard depends on its id alone (a hash), so
 * adding or closing accounts never moves the others. Organization-wide job lists (`ByAccountId=*`, from the
 * management or delegated-administrator account, one listing per Region and job kind) are spread over the shards by
 * Region: Region i of the collection's Regions in sorted order is listed by shard (i mod N) + 1, so every shard
 * lists about as many Regions (with more shards than Regions, the last shards list none). Every shard observes its
 * own accounts' inventory and AWS Backup configuration; shard 1 also records the organization-level facts.
 */
import { createHash } from 'node:crypto';
import { InputError, isJobListingError, type Estate } from '@vaultscope/core';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard I/N` (1 ≤ I ≤ N ≤ 1024). */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count || count > 1024) {
    throw new InputError(`--shard: expected I/N with 1 ≤ I ≤ N ≤ 1024 (e.g. 2/4), got "${value}"`);
  }
  return { index, count };
}

/** The shard (1-based) an account belongs to among `count`: SHA-256 of its id, first 32 bits, modulo `count`. */
export function shardOfAccount(accountId: string, count: number): number {
  return (createHash('sha256').update(accountId).digest().readUInt32BE(0) % count) + 1;
}

/** Whether the account is observed by this shard (every account is, without sharding). */
export function inShard(accountId: string, shard: Shard | undefined): boolean {
  return !shard || shardOfAccount(accountId, shard.count) === shard.index;
}

/**
 * The Regions whose organization-wide job lists this shard makes, of the collection's `regions` (every one without
 * sharding): Region i in sorted order goes to shard (i mod N) + 1. Every shard of one collection is given the same
 * Regions (`--regions`, or those enabled in the caller's account), so together they list each exactly once.
 */
export function organizationJobRegions(regions: readonly string[], shard: Shard | undefined): string[] {
  const sorted = [...new Set(regions)].sort();
  return shard ? sorted.filter((_, i) => (i % shard.count) + 1 === shard.index) : sorted;
}

/** Whether this shard records the organization-level facts (the organization, the job window, Audit Manager): shard 1. */
export function recordsOrganization(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/** `shard I/N`, for provenance. */
export function describeShard(shard: Shard): string {
  return `shard ${shard.index}/${shard.count}`;
}

/** The Regions whose organization-wide job lists an estate holds, as its collector said (see jobListRegions). */
const listedJobRegions = new WeakMap<Estate, readonly string[]>();

/** Marks the Regions whose organization-wide job lists `estate` holds (its shard's share); returns `estate`. */
export function withJobListRegions(estate: Estate, regions: readonly string[]): Estate {
  listedJobRegions.set(estate, [...new Set(regions)].sort());
  return estate;
}

/**
 * The Regions whose organization-wide job lists `estate` holds, each recorded in the ledger as that Region's
 * listing (with its errors): what a live collection or `shardEstate` said, else (an unsharded snapshot or the demo)
 * every Region of the estate when it holds jobs.
 */
export function jobListRegions(estate: Estate): readonly string[] {
  return listedJobRegions.get(estate) ?? (estate.jobs ? regionsOfEstate(estate) : []);
}

/** Every Region an observed estate names: its account × Region observations', its jobs' and its listings' errors'. */
function regionsOfEstate(estate: Estate): string[] {
  const regions = new Set(estate.regions.map((r) => r.region));
  for (const list of [estate.jobs?.backup, estate.jobs?.copy, estate.jobs?.restore]) for (const job of list ?? []) if (job.Region) regions.add(job.Region);
  for (const e of estate.errors ?? []) if (isJobListingError(e)) regions.add(e.region as string);
  return [...regions].sort();
}

/**
 * The part of an already observed estate (a snapshot, the demo) one shard records: its accounts and their Regions
 * and errors; the jobs and listing errors of its share of the Regions (a job without a Region: shard 1's); shard 1
 * also keeps Audit Manager evidence and the organization-level errors.
 */
export function shardEstate(estate: Estate, shard: Shard | undefined): Estate {
  if (!shard) return estate;
  const first = recordsOrganization(shard);
  const mine = new Set(organizationJobRegions(estate.jobs ? regionsOfEstate(estate) : [], shard));
  const ownsRegion = (region: string | undefined) => (region === undefined ? first : mine.has(region));
  const { jobs, auditManager, errors, ...rest } = estate;
  const keptErrors = (errors ?? []).filter((e) => (isJobListingError(e) ? ownsRegion(e.region) : e.accountId ? inShard(e.accountId, shard) : first));
  const cut = <T extends { Region?: string | undefined }>(list: readonly T[] | undefined) => (list ? { list: list.filter((j) => ownsRegion(j.Region)) } : undefined);
  const [backup, copy, restore] = [cut(jobs?.backup), cut(jobs?.copy), cut(jobs?.restore)];
  const part: Estate = {
    ...rest,
    accounts: estate.accounts.filter((a) => inShard(a.Id, shard)),
    regions: estate.regions.filter((r) => inShard(r.accountId, shard)),
    ...(jobs && (first || mine.size)
      ? { jobs: { ...(backup ? { backup: backup.list } : {}), ...(copy ? { copy: copy.list } : {}), ...(restore ? { restore: restore.list } : {}), ...(jobs.since ? { since: jobs.since } : {}) } }
      : {}),
    ...(first && auditManager ? { auditManager } : {}),
    ...(keptErrors.length ? { errors: keptErrors } : {}),
  };
  return withJobListRegions(part, [...mine]);
}
