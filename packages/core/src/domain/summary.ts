/**
 * Summary figures of a posture: counts by class, coverage state, severity and check; coverage of
 * backup-required assets (overall, per account, per class); job success rates; restore-test pass rate;
 * RTO/RPO attainment. All rates are 0..1, or null when there was nothing to measure.
 */
import type { Estate } from '../estate/schema.js';
import { TIERS } from '../policy/tiers.js';
import type { Finding, PostureAsset, Summary } from '../posture/schema.js';
import { CHECK_IDS, COVERAGE_STATES, SEVERITIES } from '../posture/vocabulary.js';
import { inWindow } from './jobWindow.js';
import { isCovered } from './coverageStates.js';
import { countJobs, isRestoreTest, jobOutcome, restoreVerdict } from './jobs.js';
import { restoreDurationHours } from './restoreTesting.js';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));

interface CoverageTally { required: number; covered: number; protected: number }

const newTally = (): CoverageTally => ({ required: 0, covered: 0, protected: 0 });

function count(t: CoverageTally, a: PostureAsset): void {
  if (!a.classification.backupRequired) return;
  t.required++;
  if (isCovered(a.coverage.state)) t.covered++;
  if (a.coverage.state === 'PROTECTED') t.protected++;
}

function withPct(t: CoverageTally): { required: number; covered: number; protected: number; coveragePct: number | null } {
  return { required: t.required, covered: t.covered, protected: t.protected, coveragePct: ratio(t.covered, t.required) };
}

/** Builds the summary from the evaluated assets and findings and the estate's job history in the window. */
export function summarize(
  estate: Estate,
  assets: readonly PostureAsset[],
  findings: readonly Finding[],
  windowStart: string,
  windowDays: number,
): Summary {
  const byClass = zeros(TIERS);
  const byCoverage = zeros(COVERAGE_STATES);
  for (const a of assets) {
    byClass[a.classification.tier] = (byClass[a.classification.tier] ?? 0) + 1;
    byCoverage[a.coverage.state] = (byCoverage[a.coverage.state] ?? 0) + 1;
  }
  const bySeverity = zeros(SEVERITIES);
  const byCheck = zeros(CHECK_IDS);
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  }
  // Coverage overall, per account (in order of first appearance) and per class, in one pass over the assets.
  const total = newTally();
  const accountTallies = new Map<string, CoverageTally>();
  const classTallies = new Map<string, CoverageTally>(TIERS.map((t) => [t, newTally()]));
  let rpoMeasured = 0;
  for (const a of assets) {
    count(total, a);
    let account = accountTallies.get(a.accountId);
    if (!account) accountTallies.set(a.accountId, (account = newTally()));
    count(account, a);
    const cls = classTallies.get(a.classification.tier);
    if (cls) count(cls, a);
    // Every backup-required asset whose state could be decided: one that was never backed up, or is not in a
    // plan at all, misses its RPO as surely as a stale one.
    if (a.classification.backupRequired && a.coverage.state !== 'UNKNOWN') rpoMeasured++;
  }
  const byAccount = Object.fromEntries([...accountTallies].map(([k, t]) => [k, withPct(t)]));
  const byClassCoverage = Object.fromEntries([...classTallies].map(([k, t]) => [k, withPct(t)]));

  const restoreJobs = inWindow(estate.jobs?.restore, windowStart);
  const tests = restoreJobs.filter(isRestoreTest);
  const verdicts = tests.map(restoreVerdict);
  const passed = verdicts.filter((v) => v === 'passed').length;
  const failed = verdicts.filter((v) => v === 'failed').length;

  // Only the assets restores came from: an index of every asset would cost more than the restores.
  const restoredFrom = new Set(restoreJobs.map((j) => j.SourceResourceArn));
  const rtoByArn = new Map<string, number>();
  for (const a of assets) if (restoredFrom.has(a.arn)) rtoByArn.set(a.arn, a.classification.rtoHours);
  let rtoMeasured = 0;
  let rtoMet = 0;
  for (const job of restoreJobs) {
    const duration = restoreDurationHours(job);
    const rto = job.SourceResourceArn ? rtoByArn.get(job.SourceResourceArn) : undefined;
    if (duration === undefined || rto === undefined || jobOutcome(job.Status) !== 'completed') continue;
    rtoMeasured++;
    if (duration <= rto) rtoMet++;
  }
  const rpoMet = byCoverage.PROTECTED ?? 0;

  return {
    accounts: estate.accounts.length,
    assets: assets.length,
    byClass,
    byCoverage,
    bySeverity,
    byCheck,
    coverage: { ...withPct(total), byAccount, byClass: byClassCoverage },
    jobs: {
      windowDays,
      backup: countJobs(inWindow(estate.jobs?.backup, windowStart)),
      copy: countJobs(inWindow(estate.jobs?.copy, windowStart)),
      restore: countJobs(restoreJobs),
      observed: { backup: estate.jobs?.backup !== undefined, copy: estate.jobs?.copy !== undefined, restore: estate.jobs?.restore !== undefined },
    },
    restoreTests: { total: tests.length, passed, failed, passRate: ratio(passed, passed + failed) },
    objectives: {
      rpo: { measured: rpoMeasured, met: rpoMet, attainment: ratio(rpoMet, rpoMeasured) },
      rto: { measured: rtoMeasured, met: rtoMet, attainment: ratio(rtoMet, rtoMeasured) },
    },
    incompleteDiscovery: (byCheck['discovery.incomplete'] ?? 0) > 0,
  };
}
