/** Collection options, their defaults, and the checks that make a bad invocation fail with one clear line. */
import type { Shard } from '../shard.js';
import { AwsSetupError } from './errors.js';
import type { HttpTimeouts } from './clientFactory.js';
import type { ApiCall } from './governor.js';
import type { CollectProgress } from './progress.js';

/** How to observe a live AWS Organization. */
export interface AwsCollectOptions {
  /** Shared-config profile for the caller's credentials; the standard credential chain otherwise. */
  profile?: string;
  /** Regions to observe in every account; default: the Regions enabled in each account. */
  regions?: string[];
  /** Role assumed in every account but the caller's own; default `OrganizationAccountAccessRole`. */
  roleName?: string;
  /** Only these account ids. */
  accounts?: string[];
  /** Never these account ids. */
  excludeAccounts?: string[];
  /** Start of the job window; default 30 days before `now`. */
  since?: Date;
  /** Parallel API calls in flight (bounded further per account, Region and API); default 16, 1 = sequential. */
  concurrency?: number;
  /** The clock for `capturedAt` and the default `since`. */
  now?: () => Date;
  /** Throttled progress reports (and one final report with `done: true`). */
  onProgress?: (p: CollectProgress) => void;
  /** SDK attempts per call with adaptive retry; default 5. */
  maxAttempts?: number;
  /**
   * Per-account deadline in seconds (`--timeout`, default 1800): calls of an account still going when it runs out are
   * abandoned and recorded (`AccountDeadlineExceeded`), and the run goes on with the other accounts.
   */
  timeoutSeconds?: number;
  /** HTTP timeouts of every call (connection, request, idle socket), in milliseconds. */
  httpTimeouts?: HttpTimeouts;
  /** Observe only this shard's accounts, and list the organization-wide jobs of its share of the Regions (see ../shard.ts). */
  shard?: Shard;
  /** Sees every API call just before it is sent (after the read-only guard): for audits and tests. */
  onApiCall?: (call: ApiCall) => void;
}

export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';
export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_JOB_DAYS = 30;
export const DEFAULT_TIMEOUT_SECONDS = 1800;

export interface CollectSettings {
  profile?: string;
  regions?: string[];
  roleName: string;
  accounts?: string[];
  excludeAccounts?: string[];
  concurrency: number;
  maxAttempts: number;
  capturedAt: Date;
  since: Date;
  timeoutSeconds: number;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new AwsSetupError(`${name}: expected a positive integer, got ${value}`);
  return value;
}

function accountList(name: string, ids: string[] | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  const bad = ids.find((id) => !ACCOUNT.test(id));
  if (bad !== undefined) throw new AwsSetupError(`${name}: "${bad}" is not a 12-digit AWS account id`);
  return [...new Set(ids)];
}

/** Validates the options and fills in defaults; a bad option is an `AwsSetupError`. */
export function resolveSettings(options: AwsCollectOptions): CollectSettings {
  const capturedAt = (options.now ?? (() => new Date()))();
  if (Number.isNaN(capturedAt.getTime())) throw new AwsSetupError('now: the clock returned an invalid date');
  const since = options.since ?? new Date(capturedAt.getTime() - DEFAULT_JOB_DAYS * 86_400_000);
  if (Number.isNaN(since.getTime())) throw new AwsSetupError('since: not a valid date');
  const roleName = options.roleName ?? DEFAULT_ROLE_NAME;
  if (!ROLE_NAME.test(roleName)) throw new AwsSetupError(`role name: "${roleName}" is not a valid IAM role name`);
  let regions: string[] | undefined;
  if (options.regions !== undefined) {
    if (options.regions.length === 0) throw new AwsSetupError('regions: the list is empty');
    const bad = options.regions.find((r) => !REGION.test(r));
    if (bad !== undefined) throw new AwsSetupError(`regions: "${bad}" is not an AWS Region name (e.g. eu-west-1)`);
    regions = [...new Set(options.regions)];
  }
  const accounts = accountList('accounts', options.accounts);
  const excludeAccounts = accountList('exclude-accounts', options.excludeAccounts);
  return {
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(regions ? { regions } : {}),
    roleName,
    ...(accounts?.length ? { accounts } : {}),
    ...(excludeAccounts?.length ? { excludeAccounts } : {}),
    concurrency: positiveInteger('concurrency', options.concurrency, DEFAULT_CONCURRENCY),
    maxAttempts: positiveInteger('maxAttempts', options.maxAttempts, DEFAULT_MAX_ATTEMPTS),
    capturedAt,
    since,
    timeoutSeconds: positiveInteger('timeout', options.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS),
  };
}
