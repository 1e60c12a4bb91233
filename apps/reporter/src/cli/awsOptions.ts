/**
 * The options that shape a live AWS collection, shared by every command that takes `--source`.
 */
import { InputError } from '@vaultscope/core';
import { parseShard } from '@vaultscope/sources';
import type { AwsCollectOptions } from '@vaultscope/sources/aws';
import type { Command } from 'commander';
import { parseSince } from './isoTime.js';

/** Parsed AWS-related options as commander delivers them. */
export interface AwsCliOptions {
  profile?: string;
  regions?: string;
  roleName?: string;
  accounts?: string;
  excludeAccounts?: string;
  since?: string;
  concurrency?: string;
  timeout?: string;
  quiet?: boolean;
  /** `collect --shard I/N`. */
  shard?: string;
  /** The history ledger (`--source ledger` reads it). */
  ledger?: string;
  /** `--source ledger`: hours after which an account's latest observation is reported as too old. */
  maxAge?: string;
}

/** Hours after which `--source ledger` reports an account's latest observation as too old: a day and a half. */
export const DEFAULT_MAX_OBSERVATION_AGE_HOURS = 36;

/** Parses `--max-age`. */
export function parseMaxAge(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_OBSERVATION_AGE_HOURS;
  const hours = Number(value);
  if (!/^\d+$/.test(value) || hours < 1 || hours > 8760) throw new InputError(`--max-age: expected a whole number of hours from 1 to 8760, got "${value}"`);
  return hours;
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);

/** Adds the AWS collection options to a command. */
export function addAwsOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile (standard credential chain otherwise)')
    .option('--regions <list>', 'comma-separated Regions (default: the Regions enabled in each account)')
    .option('--role-name <name>', 'role to assume in member accounts', 'OrganizationAccountAccessRole')
    .option('--accounts <ids>', 'only these account ids (comma-separated)')
    .option('--exclude-accounts <ids>', 'skip these account ids (comma-separated)')
    .option('--since <date|days>', 'job history start: ISO date or a number of days (default 30)')
    .option('--concurrency <n>', 'API calls in flight at once (default 16)')
    .option('--timeout <s>', "per-account deadline in seconds: an account's calls still going then are recorded as timed out and the run goes on (default 1800)")
    .option('--quiet', 'no progress line on stderr')
    .option('--max-age <hours>', `with --source ledger: report accounts whose latest observation is older than this (default ${DEFAULT_MAX_OBSERVATION_AGE_HOURS})`);
}

/** Converts CLI options into collection options (without the progress callback). */
export function toAwsCollectOptions(options: AwsCliOptions): AwsCollectOptions {
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new InputError(`--concurrency: expected a positive integer, got "${options.concurrency}"`);
  }
  const timeout = options.timeout === undefined ? undefined : Number(options.timeout);
  if (timeout !== undefined && (!/^\d+$/.test(options.timeout ?? '') || timeout < 1 || timeout > 86_400)) {
    throw new InputError(`--timeout: expected a whole number of seconds from 1 to 86400, got "${options.timeout}"`);
  }
  const regions = list(options.regions);
  const accounts = list(options.accounts);
  const excludeAccounts = list(options.excludeAccounts);
  const since = parseSince(options.since, new Date());
  const shard = parseShard(options.shard);
  return {
    ...(options.profile ? { profile: options.profile } : {}),
    ...(regions ? { regions } : {}),
    ...(options.roleName ? { roleName: options.roleName } : {}),
    ...(accounts ? { accounts } : {}),
    ...(excludeAccounts ? { excludeAccounts } : {}),
    ...(since ? { since } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(timeout ? { timeoutSeconds: timeout } : {}),
    ...(shard ? { shard } : {}),
  };
}
