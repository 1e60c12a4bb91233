/**
 * estate + policy + clock → posture. Pure: no I/O, no hidden clock, deterministic for the same inputs.
 */
import { classify } from './domain/classify.js';
import { evaluateCoverage } from './domain/coverage.js';
import { runAssetChecks } from './domain/checks/assetChecks.js';
import { discoveryFindings, unobservedScopes } from './domain/checks/discoveryChecks.js';
import { FrameworkTally } from './domain/frameworks/evaluateFrameworks.js';
import { FRAMEWORKS } from './domain/frameworks/nist80053r5.js';
import { indexEstate } from './domain/estateIndex.js';
import { summarize } from './domain/summary.js';
import type { Estate } from './estate/schema.js';
import type { Policy } from './policy/schema.js';
import type { Finding, NotEvaluated, Posture, PostureAsset } from './posture/schema.js';
import { POSTURE_FORMAT, SEVERITIES } from './posture/vocabulary.js';

/** Options that only annotate the posture. */
export interface EvaluateOptions {
  policyHash?: string;
}

/** Collapses per-asset "not evaluated" entries into one per check, account/Region and reason. */
function aggregateNotEvaluated(entries: readonly (NotEvaluated & { accountId: string; region: string })[]): NotEvaluated[] {
  const groups = new Map<string, { entry: NotEvaluated & { accountId: string; region: string }; count: number }>();
  for (const e of entries) {
    const key = `${e.check}|${e.accountId}|${e.region}|${e.reason}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { entry: e, count: 1 });
  }
  return [...groups.values()].map(({ entry, count }) => ({
    check: entry.check,
    scope: count === 1 ? entry.scope : `${entry.accountId}/${entry.region} (${count} assets)`,
    reason: entry.reason,
  }));
}

/** Evaluates an estate under a policy at a given time. */
export function evaluate(estate: Estate, policy: Policy, now: Date, options: EvaluateOptions = {}): Posture {
  const index = indexEstate(estate);
  const windowStart = new Date(now.getTime() - policy.evaluationWindowDays * 86_400_000).toISOString();
  const assets: PostureAsset[] = [];
  const findings: Finding[] = [];
  const skipped: (NotEvaluated & { accountId: string; region: string })[] = [];
  const frameworks = new FrameworkTally(FRAMEWORKS);

  for (const obs of estate.regions) {
    if (!obs.assets) {
      skipped.push({ check: 'inventory', scope: `${obs.accountId}/${obs.region}`, reason: 'assets not observed', accountId: obs.accountId, region: obs.region });
      continue;
    }
    for (const asset of obs.assets) {
      const classification = classify(asset, policy);
      const coverage = evaluateCoverage(asset, obs, classification, index, now, windowStart);
      const checks = runAssetChecks({ asset, obs, classification, coverage, index, policy, now, windowStart });
      for (const f of checks.findings) findings.push(f);
      frameworks.add({ asset, region: obs.region, coverage, gaps: index.gapsByArn.get(asset.arn), now }, obs.accountId);
      for (const n of checks.notEvaluated) skipped.push({ check: n.check, scope: n.scope, reason: n.reason, accountId: obs.accountId, region: obs.region });
      // The posture's coverage is the object coverage built, completed here rather than copied: one per asset.
      const postureCoverage = coverage.coverage;
      if (checks.restoreTested !== undefined) postureCoverage.restoreTested = checks.restoreTested;
      if (checks.restoreTestIneligible) postureCoverage.restoreTestIneligible = checks.restoreTestIneligible;
      // Literal objects in the published key order (no spreads): 100,000 assets make the copies count.
      assets.push(
        asset.sizeBytes !== undefined
          ? { arn: asset.arn, accountId: obs.accountId, region: obs.region, resourceType: asset.resourceType, name: asset.name, sizeBytes: asset.sizeBytes, classification, coverage: postureCoverage }
          : { arn: asset.arn, accountId: obs.accountId, region: obs.region, resourceType: asset.resourceType, name: asset.name, classification, coverage: postureCoverage },
      );
    }
  }
  // Loops, not push(...list): 200,000 collection errors must not overflow the call stack.
  for (const finding of discoveryFindings(estate)) findings.push(finding);
  for (const scope of unobservedScopes(estate)) skipped.push(scope);
  if (!estate.jobs) {
    skipped.push({ check: 'backup.job-failures', scope: 'organization', reason: 'job history not observed', accountId: '*', region: '*' });
  }
  // Worst first, then by place, so reports and diffs read the same way every run.
  const rank = (f: Finding): number => SEVERITIES.indexOf(f.severity);
  findings.sort((a, b) => rank(a) - rank(b) || a.check.localeCompare(b.check) || a.accountId.localeCompare(b.accountId) || a.id.localeCompare(b.id));

  return {
    format: POSTURE_FORMAT,
    evaluatedAt: now.toISOString(),
    estateCapturedAt: estate.capturedAt,
    ...(estate.organization?.Id ? { organization: { id: estate.organization.Id } } : {}),
    ...(options.policyHash ? { policyHash: options.policyHash } : {}),
    summary: summarize(estate, assets, findings, windowStart, policy.evaluationWindowDays),
    assets,
    findings,
    notEvaluated: aggregateNotEvaluated(skipped),
    frameworks: frameworks.result(),
  };
}
