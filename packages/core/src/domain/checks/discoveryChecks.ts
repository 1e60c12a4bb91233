/**
 * `discovery.incomplete`: every fault met while observing, and every account that was not observed at all.
 */
import type { CollectionError, Estate } from '../../estate/schema.js';
import type { Finding } from '../../posture/schema.js';
import { makeFinding } from './finding.js';
import { remediation } from './remediation.js';

const THROTTLE_CODES = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

function errorFinding(error: CollectionError, accountId: string, region: string): Finding {
  const throttled = THROTTLE_CODES.has(error.code);
  return makeFinding({
    check: 'discovery.incomplete',
    accountId,
    region,
    ...(error.resource ? { resourceArn: error.resource } : {}),
    discriminator: `${error.service}:${error.operation}:${error.code}`,
    message: `${error.service}:${error.operation} ${error.code}${error.resource ? ` on ${error.resource}` : ''}: ${error.message}`,
    remediation: throttled
      ? remediation.retryThrottled()
      : error.code === 'RegionDisabledException'
        ? remediation.activateStsRegion(accountId, region)
        : remediation.grantRead(error.service, error.operation, accountId),
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
