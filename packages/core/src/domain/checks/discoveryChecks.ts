/**
 * `discovery.incomplete`: every fault met while observing, and every account that was not observed at all.
 */
import type { CollectionError, Estate } from '../../estate/schema.js';
import type { Finding } from '../../posture/schema.js';
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
  const observed = new Set(estate.regions.map((r) => r.accountId));
  for (const account of estate.accounts) {
    if (observed.has(account.Id) || (account.State && account.State !== 'ACTIVE')) continue;
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
