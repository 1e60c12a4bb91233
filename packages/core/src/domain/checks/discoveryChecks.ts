/**
 * `discovery.incomplete`: every fault met while observing, and every account that was not observed at all; and the
 * `notEvaluated` scopes that nothing could be checked in.
 */
import type { Account, CollectionError, Estate } from '../../estate/schema.js';
import type { Finding, NotEvaluated } from '../../posture/schema.js';
import { makeFinding } from './finding.js';
import { remediation } from './remediation.js';

const THROTTLE_CODES = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * Not a gap: a standalone account (not in an organization) is the whole estate, observed with the caller's
 * own credentials; the estate keeps the note in `errors`.
 */
const NOTE_CODES = new Set(['AWSOrganizationsNotInUseException']);
const NOT_IMPLEMENTED_CODES = new Set(['NotImplemented', 'NotImplementedException', 'UnknownOperationException', 'InvalidAction']);

/** What to do about one collection fault, by its code: permission, throttling, an absent API, the endpoint. */
function remedy(error: CollectionError, accountId: string, region: string): string {
  if (THROTTLE_CODES.has(error.code)) return remediation.retryThrottled();
  if (error.code === 'RegionDisabledException') return remediation.activateStsRegion(accountId, region);
  if (NOT_IMPLEMENTED_CODES.has(error.code)) {
    return `Nothing to grant: the endpoint does not implement ${error.service}:${error.operation} (an emulator, or a Region or partition without it); this evidence is not available there`;
  }
  if (error.code === 'UnexpectedResponse') {
    return `The ${error.service} endpoint answered with something that is not an AWS response (an HTML page from a proxy or emulator): check AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_${error.service.toUpperCase()} and proxy settings, then collect again`;
  }
  if (error.service === 'organizations') {
    return `Run from the management account or a delegated administrator with organizations:${error.operation} (docs/iam/management-read-policy.json), then collect again`;
  }
  return remediation.grantRead(error.service, error.operation, accountId);
}

function errorFinding(error: CollectionError, accountId: string, region: string): Finding {
  return makeFinding({
    check: 'discovery.incomplete',
    accountId,
    region,
    ...(error.resource ? { resourceArn: error.resource } : {}),
    discriminator: `${error.service}:${error.operation}:${error.code}`,
    message: `${error.service}:${error.operation} ${error.code}${error.resource ? ` on ${error.resource}` : ''}: ${error.message}`,
    remediation: remedy(error, accountId, region),
    evidence: { service: error.service, operation: error.operation, code: error.code },
  });
}

/** Active accounts with no Region observation at all. */
export function unobservedAccounts(estate: Estate): Account[] {
  const observed = new Set(estate.regions.map((r) => r.accountId));
  return estate.accounts.filter((a) => !observed.has(a.Id) && (!a.State || a.State === 'ACTIVE'));
}

/**
 * `notEvaluated` entries for what was never observed, named by the fault that kept it out (from the estate-level
 * errors): account × Region scopes of observed accounts, and whole accounts. Nothing was checked there.
 */
export function unobservedScopes(estate: Estate): (NotEvaluated & { accountId: string; region: string })[] {
  const observed = new Set(estate.regions.map((r) => `${r.accountId}|${r.region}`));
  const observedAccounts = new Set(estate.regions.map((r) => r.accountId));
  const reason = (e: CollectionError): string => `not observed: ${e.service}:${e.operation} ${e.code}`;
  const out = new Map<string, NotEvaluated & { accountId: string; region: string }>();
  for (const error of estate.errors ?? []) {
    const { accountId, region } = error;
    if (!accountId || !region || !observedAccounts.has(accountId) || observed.has(`${accountId}|${region}`)) continue;
    const scope = `${accountId}/${region}`;
    if (!out.has(scope)) out.set(scope, { check: '*', scope, reason: reason(error), accountId, region });
  }
  for (const account of unobservedAccounts(estate)) {
    const error = (estate.errors ?? []).find((e) => e.accountId === account.Id);
    out.set(account.Id, { check: '*', scope: `${account.Id} (${account.Name})`, reason: error ? reason(error) : 'not observed in any Region', accountId: account.Id, region: '*' });
  }
  return [...out.values()];
}

/** Findings for every recorded collection error and every account without any observation. */
export function discoveryFindings(estate: Estate): Finding[] {
  const findings: Finding[] = [];
  for (const obs of estate.regions) {
    for (const error of obs.errors ?? []) findings.push(errorFinding(error, obs.accountId, obs.region));
  }
  for (const error of estate.errors ?? []) {
    if (NOTE_CODES.has(error.code)) continue;
    findings.push(errorFinding(error, error.accountId ?? estate.organization?.MasterAccountId ?? 'organization', error.region ?? 'global'));
  }
  for (const account of unobservedAccounts(estate)) {
    findings.push(
      makeFinding({
        check: 'discovery.incomplete',
        accountId: account.Id,
        region: 'global',
        message: `account ${account.Name} (${account.Id}) was not observed in any Region`,
        remediation: remediation.grantRead('sts', 'AssumeRole', account.Id),
      }),
    );
  }
  return findings;
}
