/**
 * Account observations in the ledger: what a collection saw of each account (its Regions' inventory and AWS Backup
 * configuration, and its errors), so that N sharded collectors — each observing some accounts — add up to one
 * organization. A posture or pack over `--source ledger` reads the union of the latest observation of every
 * account, and says which of them are older than a stated age. Organization-level facts (the organization, the
 * organization-wide job window, its errors, Audit Manager assessments) are one more record, written by shard 1.
 * Each Region's organization-wide job listing is a record of its own (key `~organization-jobs/REGION`), written by
 * the shard that listed it, with that listing's errors (a record of another shard's account that failed the schema
 * check, `ShardedJobListIncomplete`): the shards spread those listings by Region, and the union reads every Region's
 * latest one, and names a Region whose latest listing is older than the stated age, as it does an account.
 * Observations are entries like jobs (kind `observation`, keyed by account id, hashed in the chain); the latest
 * one of each key is read.
 */
import type { Account, CollectionError, Estate, RegionObservation } from '@vaultscope/core';
import { ESTATE_FORMAT, InputError, isJobListingError } from '@vaultscope/core';

/** The `kind` of observation entries. */
export const OBSERVATION_KIND = 'observation';

/** The key of the organization-level record (sorts after every account id). */
export const ORGANIZATION_KEY = '~organization';

/** The key prefix of a Region's organization-wide job listing record (sorts after every account id). */
export const JOB_LISTING_KEY_PREFIX = '~organization-jobs/';

/** What one collection saw of one account. */
export interface AccountObservation {
  /** The account id (or ORGANIZATION_KEY, or JOB_LISTING_KEY_PREFIX and a Region). */
  key: string;
  /** When the estate holding it was captured (ISO-8601 UTC). */
  capturedAt: string;
  account?: Account;
  regions?: RegionObservation[];
  errors?: CollectionError[];
  /** Organization record only. */
  organization?: Estate['organization'];
  jobsSince?: string;
  auditManager?: Estate['auditManager'];
  /** A Region's job listing record only: the Region listed organization-wide. */
  jobsRegion?: string;
}

/**
 * The observations of an estate: one per account it observed, one per Region of `jobRegions` (the Regions whose
 * organization-wide job lists it holds: that listing and its errors), plus the organization record unless
 * `organization` is false (a shard other than 1: the organization-level facts are shard 1's to record).
 */
export function* observationsOf(estate: Estate, options: { organization: boolean; jobRegions?: readonly string[] }): Generator<AccountObservation> {
  const capturedAt = new Date(Date.parse(estate.capturedAt)).toISOString();
  const regionsOf = new Map<string, RegionObservation[]>();
  for (const r of estate.regions) regionsOf.set(r.accountId, [...(regionsOf.get(r.accountId) ?? []), r]);
  const listingErrors = new Map<string, CollectionError[]>((options.jobRegions ?? []).map((region) => [region, []]));
  const errorsOf = new Map<string, CollectionError[]>();
  const orgErrors: CollectionError[] = [];
  for (const e of estate.errors ?? []) {
    const listing = isJobListingError(e) ? listingErrors.get(e.region as string) : undefined;
    if (listing) listing.push(e);
    else if (e.accountId) errorsOf.set(e.accountId, [...(errorsOf.get(e.accountId) ?? []), e]);
    else orgErrors.push(e);
  }
  for (const account of estate.accounts) {
    const errors = errorsOf.get(account.Id);
    yield { key: account.Id, capturedAt, account, regions: regionsOf.get(account.Id) ?? [], ...(errors ? { errors } : {}) };
  }
  for (const [region, errors] of [...listingErrors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    yield { key: `${JOB_LISTING_KEY_PREFIX}${region}`, capturedAt, jobsRegion: region, ...(errors.length ? { errors } : {}) };
  }
  if (!options.organization) return;
  // Errors about accounts the estate does not list (e.g. an account named with --accounts that is not there).
  const listed = new Set(estate.accounts.map((a) => a.Id));
  for (const [id, errors] of errorsOf) if (!listed.has(id)) orgErrors.push(...errors);
  yield {
    key: ORGANIZATION_KEY,
    capturedAt,
    ...(estate.organization ? { organization: estate.organization } : {}),
    ...(estate.jobs?.since ? { jobsSince: estate.jobs.since } : {}),
    ...(estate.auditManager ? { auditManager: estate.auditManager } : {}),
    ...(orgErrors.length ? { errors: orgErrors } : {}),
  };
}

/** An account whose latest observation is older than the stated age. */
export interface StaleAccount {
  accountId: string;
  observedAt: string;
}

/**
 * The estate the ledger's latest observations add up to (jobs are added by the caller from the job history), and
 * the accounts observed more than `maxAgeHours` before `now` — each also an estate error, so the posture reports it
 * as incomplete discovery rather than passing what it did not see lately.
 */
export function estateFromObservations(
  observations: readonly AccountObservation[],
  options: { location: string; now: Date; maxAgeHours: number },
): { estate: Estate; stale: StaleAccount[] } {
  const org = observations.find((o) => o.key === ORGANIZATION_KEY);
  const listings = observations.filter((o) => o.key.startsWith(JOB_LISTING_KEY_PREFIX));
  const accounts = observations.filter((o) => o.key !== ORGANIZATION_KEY && !o.key.startsWith(JOB_LISTING_KEY_PREFIX));
  if (!accounts.length) throw new InputError(`${options.location}: the ledger holds no account observations yet (\`vaultscope-report collect --source …\` records them)`);
  const capturedAt = observations.map((o) => o.capturedAt).sort().at(-1) as string;
  const limit = options.now.getTime() - options.maxAgeHours * 3_600_000;
  const stale = accounts.filter((o) => Date.parse(o.capturedAt) < limit).map((o) => ({ accountId: o.key, observedAt: o.capturedAt }));
  const staleListings = listings.filter((o) => Date.parse(o.capturedAt) < limit);
  const errors: CollectionError[] = [
    ...(org?.errors ?? []),
    ...listings.flatMap((o) => o.errors ?? []),
    ...accounts.flatMap((o) => o.errors ?? []),
    ...stale.map((s) => ({
      service: 'vaultscope',
      operation: 'collect',
      accountId: s.accountId,
      code: 'ObservationTooOld',
      message: `account ${s.accountId} was last observed at ${s.observedAt}, more than ${options.maxAgeHours} h before ${options.now.toISOString()}: its shard has not collected since`,
    })),
    ...staleListings.map((o) => {
      const region = o.jobsRegion ?? o.key.slice(JOB_LISTING_KEY_PREFIX.length);
      return {
        service: 'vaultscope',
        operation: 'collect',
        region,
        code: 'ObservationTooOld',
        message: `the organization-wide job lists of ${region} were last listed at ${o.capturedAt}, more than ${options.maxAgeHours} h before ${options.now.toISOString()}: the shard listing them has not collected since`,
      };
    }),
  ];
  const estate: Estate = {
    format: ESTATE_FORMAT,
    capturedAt,
    source: 'ledger',
    ...(org?.organization ? { organization: org.organization } : {}),
    accounts: accounts.flatMap((o) => (o.account ? [o.account] : [])).sort((a, b) => (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0)),
    regions: accounts
      .flatMap((o) => o.regions ?? [])
      .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0)),
    ...(org?.auditManager ? { auditManager: org.auditManager } : {}),
    ...(errors.length ? { errors } : {}),
  };
  return { estate, stale };
}
