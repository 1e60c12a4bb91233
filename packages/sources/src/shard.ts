/**
 * Sharded collection: `collect --shard I/N` observes a stable subset of the organization's accounts, so N workers
 * (a Kubernetes Indexed Job) fill one history together. An account's shard depends on its id alone (a hash), so
 * adding or closing accounts never moves the others. Organization-wide job lists (`ByAccountId=*`, from the
 * management or delegated-administrator account) are listed once, by shard 1; every shard observes its own
 * accounts' inventory and AWS Backup configuration.
 */
import { createHash } from 'node:crypto';
import { InputError, type Estate } from '@vaultscope/core';

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

/** Whether this shard lists the organization-wide job lists (and records organization-level facts): shard 1. */
export function listsOrganizationWide(shard: Shard | undefined): boolean {
  return !shard || shard.index === 1;
}

/** `shard I/N`, for provenance. */
export function describeShard(shard: Shard): string {
  return `shard ${shard.index}/${shard.count}`;
}

/**
 * The part of an already observed estate (a snapshot, the demo) one shard records: its accounts and their
 * Regions and errors; shard 1 also keeps the organization-wide job lists, Audit Manager evidence and the
 * organization-level errors.
 */
export function shardEstate(estate: Estate, shard: Shard | undefined): Estate {
  if (!shard) return estate;
  const orgWide = listsOrganizationWide(shard);
  const { jobs, auditManager, errors, ...rest } = estate;
  const keptErrors = (errors ?? []).filter((e) => (e.accountId ? inShard(e.accountId, shard) : orgWide));
  return {
    ...rest,
    accounts: estate.accounts.filter((a) => inShard(a.Id, shard)),
    regions: estate.regions.filter((r) => inShard(r.accountId, shard)),
    ...(orgWide && jobs ? { jobs } : {}),
    ...(orgWide && auditManager ? { auditManager } : {}),
    ...(keptErrors.length ? { errors: keptErrors } : {}),
  };
}
