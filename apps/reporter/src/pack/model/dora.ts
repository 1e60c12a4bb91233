/**
 * The DORA table: the pack's evidence mapped to Regulation (EU) 2022/2554 Art. 12(1)(a) to 12(7) and Art. 11(6),
 * and to Commission Delegated Regulation (EU) 2024/1774 (RTS) Art. 24, 25 and 26 (full framework) or Art. 39(2)(g)
 * and 40 (simplified framework, DORA Art. 16). Every row states the thresholds that decide its status and the
 * time base of its figures, so an auditor can re-perform each status from the pack. The status is what the
 * evidence in this pack shows, not a legal opinion. A row the evidence can only partly support never reads
 * "met"; rows this tool cannot evidence say "not evaluated" and why.
 */
import type { Summary } from '@vaultscope/core';
import { int, pct } from '../text.js';
import type { HistoryScope } from './historyScope.js';
import { NO_FUNCTION, type ObjectiveRow } from './objectives.js';
import type { RestoreSummary } from './restoreTestRows.js';
import type { RestoreTargetStats } from './restoreTargets.js';
import type { BackupStats, CopyStats } from './stats.js';

export type DoraStatus = 'met' | 'partially met' | 'not met' | 'not evaluated' | 'not applicable';

/** The DORA framework an entity is under (policy `doraRegime`). */
export type DoraRegime = 'full' | 'simplified';

/** One row of the DORA table. */
export interface DoraRow {
  id: string;
  provision: string;
  requirement: string;
  evidence: string;
  status: DoraStatus;
  figures: string;
  files: string[];
  /** The rule that turns the figures into the status (printed in the PDF, written to dora-controls.csv). */
  thresholds: string;
  /** What instant or interval the figures describe. */
  timeBase: string;
  /** Why the row is capped below "met", not evaluated or not applicable (empty otherwise). */
  reason: string;
}

/** What the statuses are computed from. */
export interface DoraInput {
  regime: DoraRegime;
  /** Posture summary at the time base, and the words naming it (`as of 2026-11-01 00:00 UTC (period end)`). */
  summary: Summary;
  postureTimeBase: string;
  /** `jobs created 2026-10-01 to 2026-10-31 (UTC)`. */
  jobsTimeBase: string;
  /** `restore tests created 2025-11-01 to 2026-10-31 (UTC)`. */
  yearTimeBase: string;
  backup: BackupStats;
  copy: CopyStats;
  restore: RestoreSummary;
  restoreTargets: RestoreTargetStats;
  /** Restore tests in the twelve months up to the end of the period (from the ledger). */
  restoreYear: { total: number; passed: number };
  /** How much of the period (and of the twelve months before its end) the ledger's job history covers. */
  history: HistoryScope;
  /** Whole months of job history before the end of the period (capped at 12). */
  historyMonths: number;
  objectives: ObjectiveRow[];
  businessFunctionTags: readonly string[];
}

/** Rate → status: 100% met, at least `partial` partially met, less not met, nothing measured not evaluated. */
function byRate(rate: number | null, partial: number): DoraStatus {
  if (rate === null) return 'not evaluated';
  if (rate >= 1) return 'met';
  return rate >= partial ? 'partially met' : 'not met';
}

/** Worst of several statuses ("not evaluated" only when all are). */
function worst(...statuses: DoraStatus[]): DoraStatus {
  const known = statuses.filter((s) => s !== 'not evaluated' && s !== 'not applicable');
  if (known.length === 0) return 'not evaluated';
  for (const s of ['not met', 'partially met', 'met'] as const) if (known.includes(s)) return s;
  return 'met';
}

/** A row the evidence only partly supports: "met" becomes "partially met". */
const capped = (s: DoraStatus): DoraStatus => (s === 'met' ? 'partially met' : s);

const RATE_RULE = (what: string, partial: number): string =>
  `MET: ${what} = 100%; PARTIALLY MET: ≥ ${Math.round(partial * 100)}%; NOT MET: < ${Math.round(partial * 100)}%; NOT EVALUATED: nothing measured`;

/** Rows whose evidence is the period's jobs from the ledger: "not evaluated" when the ledger never saw the period. */
const JOB_ROWS = new Set(['art12-2-operation', 'art12-2-testing', 'art12-3-segregation', 'art12-7-integrity', 'rts-25', 'rts-26']);
/** Rows that combine the period's jobs with the posture (their posture half stands without job history). */
const MIXED_ROWS = new Set(['art12-1b', 'art12-6-objectives']);

function withHistory(rows: DoraRow[], history: HistoryScope): DoraRow[] {
  const start = history.from ? `no history before ${history.from.slice(0, 10)}` : 'no job history in the ledger';
  return rows.map((row) => {
    if (!JOB_ROWS.has(row.id) && !MIXED_ROWS.has(row.id)) return row;
    if (history.state === 'none' && MIXED_ROWS.has(row.id)) return { ...row, figures: `restore tests not evaluated (${start}); ${row.figures}` };
    if (history.state === 'none') return { ...row, status: 'not evaluated', figures: `not evaluated (${start}): ${row.figures}`, reason: `the ledger holds no job history for the period (${start})` };
    if (history.state === 'partial') return { ...row, figures: `${row.figures} (job history covers only part of the period: ${start})` };
    return row;
  });
}

/** Under the simplified framework Art. 5 to 15 do not apply (DORA Art. 16(1)): those rows say so. */
function forRegime(rows: DoraRow[], regime: DoraRegime): DoraRow[] {
  if (regime === 'full') return rows.filter((r) => !r.id.startsWith('rts-39') && r.id !== 'rts-40');
  return rows
    .filter((r) => !['rts-24', 'rts-25', 'rts-26'].includes(r.id))
    .map((r) =>
      r.id.startsWith('art1')
        ? { ...r, status: 'not applicable', reason: 'the policy declares the simplified ICT risk-management framework (doraRegime: simplified): DORA Art. 16(1) disapplies Art. 5 to 15; RTS 2024/1774 Art. 39(2)(g) and 40 rows apply instead' }
        : r,
    );
}

/** Builds the table. */
export function doraRows(input: DoraInput): DoraRow[] {
  return forRegime(withHistory(baseRows(input), input.history), input.regime);
}

function baseRows(input: DoraInput): DoraRow[] {
  const { summary, backup, copy, restore, restoreYear, restoreTargets: targets, history } = input;
  const checks = summary.byCheck;
  const n = (check: string): number => checks[check] ?? 0;
  const cov = summary.coverage;
  const rpo = summary.objectives.rpo;
  const posture = input.postureTimeBase;
  const jobs = input.jobsTimeBase;
  const scopeFindings = n('backup.not-in-plan') + n('backup.frequency-exceeds-rpo') + n('backup.retention-below-policy');
  const segregationFindings = n('backup.no-cross-region-copy') + n('backup.no-cross-account-copy') + n('backup.vault-not-locked');
  const segregatedCopies = copy.crossRegion + copy.crossAccount;
  const segregatedRestores = targets.otherAccount + targets.otherRegion;
  const testsRan = restore.total > 0;
  const untested = n('restore.not-tested');
  const stale = n('backup.recovery-point-stale');
  const finishedTests = restore.passed + restore.failed;
  const validatedRate = finishedTests === 0 ? null : restore.validated / finishedTests;
  const functionRows = input.objectives.filter((o) => o.scope === 'business function');
  const untagged = functionRows.find((o) => o.name === NO_FUNCTION)?.backupRequired ?? 0;
  const functionsBelow = functionRows.filter((o) => o.name !== NO_FUNCTION && o.rpoMeasured > 0 && o.rpoMet < o.rpoMeasured).length;
  const named = functionRows.filter((o) => o.name !== NO_FUNCTION).length;
  const yearShort = !history.yearCovered;
  const yearReason = `the ledger's job history covers ${input.historyMonths} of the twelve months to the end of the period (from ${history.from?.slice(0, 10) ?? 'nowhere'}): yearly testing cannot be shown in full`;

  const scopeStatus = worst(byRate(cov.coveragePct, 0.95), scopeFindings === 0 ? 'met' : cov.coveragePct === null ? 'not evaluated' : 'partially met');
  const scopeRule = 'MET: coverage of backup-required assets = 100% and no frequency or retention finding; PARTIALLY MET: coverage ≥ 95%, or frequency/retention findings; NOT MET: coverage < 95%; NOT EVALUATED: no backup-required asset';
  const scopeFigures = `coverage ${pct(cov.coveragePct)} (${int(cov.covered)}/${int(cov.required)} backup-required assets in a plan); ${int(n('backup.not-in-plan'))} not in a plan, ${int(n('backup.frequency-exceeds-rpo'))} frequency above RPO, ${int(n('backup.retention-below-policy'))} retention below policy`;

  /** Art. 12(1)(a) and, under the simplified framework, RTS Art. 39(2)(g) ask the same of the data scope. */
  const scope = (id: string, provision: string, requirement: string): DoraRow => ({
    id,
    provision,
    requirement,
    evidence: 'Data inventory by class; backup-plan coverage of backup-required data; frequency and retention against the class policy',
    status: scopeStatus,
    figures: scopeFigures,
    files: ['assets.csv', 'findings.csv'],
    thresholds: scopeRule,
    timeBase: posture,
    reason: '',
  });
  const annual = (id: string, provision: string, requirement: string): DoraRow => {
    let status: DoraStatus;
    let reason = '';
    if (restoreYear.passed === 0) {
      status = yearShort ? 'not evaluated' : 'not met';
      if (yearShort) reason = `no passed restore test in the history held, and ${yearReason}`;
    } else if (yearShort) {
      status = 'partially met';
      reason = yearReason;
    } else status = untested === 0 ? 'met' : 'partially met';
    return {
      id,
      provision,
      requirement,
      evidence: 'Restore tests recorded in the ledger over the twelve months to the end of the period; assets whose class requires testing without a restore-testing selection',
      status,
      figures: `${int(restoreYear.total)} restore tests in twelve months, ${int(restoreYear.passed)} passed; ${int(untested)} assets not tested as their class requires; job history: ${input.historyMonths} of 12 months`,
      files: ['restore-tests.csv', 'findings.csv'],
      thresholds: 'MET: twelve months of history, a passed restore test in them and no asset left untested; PARTIALLY MET: a passed test but assets untested, or less than twelve months of history; NOT MET: twelve months of history without a passed test; NOT EVALUATED: less than twelve months of history and no passed test',
      timeBase: `${input.yearTimeBase}; untested assets ${posture}`,
      reason: reason || (status === 'partially met' ? `${int(untested)} assets whose class requires restore testing are not covered by a restore-testing selection` : ''),
    };
  };

  return [
    scope('art12-1a', 'Art. 12(1)(a)', 'Backup policies and procedures set out which data is backed up and the minimum frequency, by criticality or confidentiality'),
    {
      id: 'art12-1b',
      provision: 'Art. 12(1)(b)',
      requirement: 'Restoration and recovery procedures and methods are set out',
      evidence: 'Restore methods configured (restore-testing selections over the classes that require testing) and exercised (restore jobs of the period); the written procedures are outside AWS Backup data',
      status: capped(untested === 0 ? 'met' : testsRan ? 'partially met' : 'not met'),
      figures: `${int(untested)} assets whose class requires restore testing have no restore-testing selection; ${int(restore.total)} restore tests and ${int(restore.otherRestores)} other restores ran in the period`,
      files: ['restore-tests.csv', 'restore-jobs.csv', 'findings.csv'],
      thresholds: 'never MET from this pack; PARTIALLY MET: every asset whose class requires restore testing has a restore-testing selection, or restore tests ran; NOT MET: assets untested and no restore test in the period',
      timeBase: `selections ${posture}; restores: ${jobs}`,
      reason: 'the written restoration and recovery procedures are documents outside this pack; it shows only the restore methods configured and exercised in AWS Backup',
    },
    {
      id: 'art12-2-operation',
      provision: 'Art. 12(2)',
      requirement: 'Backup systems operate (are activated) in accordance with the backup policies and procedures',
      evidence: 'Every backup job of the period from the history ledger: outcome, failures and their reasons (exceptions.csv lists every failure)',
      status: byRate(backup.successRate, 0.95),
      figures: `${int(backup.counts.total)} backup jobs; success ${pct(backup.successRate)}; ${int(backup.counts.failed)} failed, ${int(backup.counts.expired)} expired, ${int(backup.counts.aborted)} aborted, ${int(backup.counts.partial)} partial`,
      files: ['backup-jobs.csv', 'exceptions.csv'],
      thresholds: RATE_RULE('completed ÷ finished backup jobs', 0.95),
      timeBase: jobs,
      reason: '',
    },
    {
      id: 'art12-2-testing',
      provision: 'Art. 12(2)',
      requirement: 'Backup procedures and restoration and recovery procedures and methods are periodically tested',
      evidence: 'Every restore test of the period with its verdict; assets whose class requires testing without a restore-testing selection',
      status: !testsRan ? 'not met' : worst(byRate(restore.passRate, 0.9), untested === 0 ? 'met' : 'partially met'),
      figures: `${int(restore.total)} restore tests; pass rate ${pct(restore.passRate)} (${int(restore.passed)} passed, ${int(restore.failed)} failed, ${int(restore.pending)} pending); ${int(untested)} assets not tested as their class requires`,
      files: ['restore-tests.csv', 'exceptions.csv', 'findings.csv'],
      thresholds: 'MET: restore tests ran, pass rate = 100% and no asset left untested; PARTIALLY MET: pass rate ≥ 90%, or assets untested; NOT MET: no restore test in the period, or pass rate < 90%',
      timeBase: `${jobs}; untested assets ${posture}`,
      reason: '',
    },
    {
      id: 'art12-3-segregation',
      provision: 'Art. 12(3)',
      requirement: 'Restoration uses ICT systems physically and logically segregated from the source, protected from unauthorised access and ICT corruption',
      evidence: 'Completed cross-Region and cross-account copies; restores whose target account or Region differs from the source; copies into locked or logically air-gapped vaults; segregation findings',
      status: segregatedCopies + segregatedRestores === 0 ? 'not met' : segregationFindings === 0 ? 'met' : 'partially met',
      figures: `${int(copy.crossRegion)} cross-Region and ${int(copy.crossAccount)} cross-account copies completed; ${int(copy.toLockedVault)} into locked, ${int(copy.toAirGappedVault)} into air-gapped vaults; ${int(targets.completed)} completed restores, ${int(targets.otherAccount)} into another account and ${int(targets.otherRegion)} into another Region (${int(targets.located)} with a readable target); ${int(segregationFindings)} segregation findings`,
      files: ['copy-jobs.csv', 'restore-jobs.csv', 'vaults.csv', 'findings.csv'],
      thresholds: 'MET: at least one copy or restore outside the source account or Region and no segregation finding; PARTIALLY MET: such copies or restores, with segregation findings; NOT MET: none',
      timeBase: `${jobs}; findings ${posture}`,
      reason: '',
    },
    {
      id: 'art12-4-redundancy',
      provision: 'Art. 12(4)',
      requirement: 'Redundant ICT capacity adequate for business needs',
      evidence: 'Not evaluated: redundant capacity is an infrastructure property outside AWS Backup data. Cross-Region copies (Art. 12(3) row) support it.',
      status: 'not evaluated',
      figures: `${int(copy.crossRegion)} cross-Region copies completed`,
      files: ['copy-jobs.csv'],
      thresholds: 'not evaluated by this tool',
      timeBase: jobs,
      reason: 'redundant ICT capacity is not visible in AWS Backup data',
    },
    {
      id: 'art12-5-secondary-site',
      provision: 'Art. 12(5)',
      requirement: 'Central securities depositories: a secondary processing site',
      evidence: 'Not evaluated: applies to central securities depositories only, and concerns processing sites, not backups.',
      status: 'not evaluated',
      figures: '',
      files: [],
      thresholds: 'not evaluated by this tool',
      timeBase: '',
      reason: 'applies to central securities depositories, and to processing sites rather than backups',
    },
    {
      id: 'art12-6-objectives',
      provision: 'Art. 12(6)',
      requirement: 'RTO and RPO set per function, taking criticality into account, and met',
      evidence: 'RTO/RPO per class and per business function (objectives.csv); restore-test duration against RTO; age of each asset\u2019s latest recovery point against RPO; stale recovery points',
      status: (() => {
        const s = worst(byRate(restore.rto.attainment, 0.9), byRate(rpo.attainment, 0.95), stale === 0 ? 'met' : 'partially met');
        return untagged > 0 ? capped(s) : s;
      })(),
      figures: `RTO met in ${int(restore.rto.met)}/${int(restore.rto.measured)} restore tests (${pct(restore.rto.attainment)}); RPO met by ${int(rpo.met)}/${int(rpo.measured)} backup-required assets (${pct(rpo.attainment)}); ${int(stale)} stale recovery points; ${int(named)} business functions, ${int(functionsBelow)} below their RPO; ${int(untagged)} backup-required assets without a business-function tag`,
      files: ['objectives.csv', 'restore-tests.csv', 'assets.csv'],
      thresholds: 'MET: RTO attainment = 100%, RPO attainment = 100%, no stale recovery point and every backup-required asset assigned to a business function; PARTIALLY MET: RTO attainment ≥ 90% and RPO attainment ≥ 95%, or stale recovery points, or assets without a function; NOT MET: below those',
      timeBase: `RPO and stale ${posture}; RTO: ${jobs}`,
      reason: untagged > 0 ? `${int(untagged)} backup-required assets carry none of the tags ${input.businessFunctionTags.join(', ')}, so their objectives cannot be shown per function` : '',
    },
    {
      id: 'art12-7-integrity',
      provision: 'Art. 12(7)',
      requirement: 'Recovery includes the checks and reconciliations that keep data integrity, also across systems',
      evidence: 'Validation verdicts of restore tests (AWS Backup restore-testing validation)',
      status: capped(byRate(validatedRate, 0.9)),
      figures: `${int(restore.validated)} of ${int(finishedTests)} finished restore tests validated SUCCESSFUL`,
      files: ['restore-tests.csv'],
      thresholds: 'never MET from this pack; PARTIALLY MET: ≥ 90% of finished restore tests validated SUCCESSFUL; NOT MET: < 90%; NOT EVALUATED: no finished restore test',
      timeBase: jobs,
      reason: 'restore-test validation checks a restored copy; reconciliation of data across systems after an incident is outside AWS Backup data',
    },
    annual('art11-6-annual', 'Art. 11(6)', 'ICT business continuity and response and recovery plans tested at least yearly, including switchover to backups'),
    {
      id: 'rts-24',
      provision: 'RTS 2024/1774 Art. 24',
      requirement: 'ICT business continuity policy: its components, including recovery objectives for critical or important functions',
      evidence: 'Recovery objectives (RTO, RPO) the policy sets per class, and per business function as tagged; the rest of the continuity policy is outside this pack',
      status: cov.required === 0 ? 'not evaluated' : 'partially met',
      figures: `RTO/RPO set for ${int(input.objectives.filter((o) => o.scope === 'class' && o.assets > 0).length)} classes in use and ${int(named)} business functions`,
      files: ['objectives.csv', 'assets.csv'],
      thresholds: 'never MET from this pack; PARTIALLY MET: the policy sets RTO and RPO for every class in use; NOT EVALUATED: no backup-required asset',
      timeBase: posture,
      reason: 'objectives, scope, governance, activation criteria and plan alignment of the continuity policy are documents outside this pack',
    },
    {
      id: 'rts-25',
      provision: 'RTS 2024/1774 Art. 25',
      requirement: 'Testing of the ICT business continuity plans, including switchover to backups and redundant facilities (point (c))',
      evidence: 'Restore tests as evidence for the backup-switchover element only; scenario, third-party and crisis-communication tests are outside this pack',
      status: !testsRan ? 'not met' : capped(byRate(restore.passRate, 0.9)),
      figures: `${int(restore.total)} restore tests this period, pass rate ${pct(restore.passRate)}`,
      files: ['restore-tests.csv'],
      thresholds: 'never MET from this pack; PARTIALLY MET: restore tests ran with pass rate ≥ 90%; NOT MET: no restore test, or pass rate < 90%',
      timeBase: jobs,
      reason: 'severe-but-plausible scenario tests, third-party provider tests and crisis-communication tests are not recorded in AWS Backup',
    },
    {
      id: 'rts-26',
      provision: 'RTS 2024/1774 Art. 26',
      requirement: 'ICT response and recovery plans designed to meet the recovery objectives of critical or important functions',
      evidence: 'Restore-test duration against RTO and recovery-point age against RPO, as evidence that recovery meets the objectives',
      status: capped(worst(byRate(restore.rto.attainment, 0.9), byRate(rpo.attainment, 0.95))),
      figures: `RTO attainment ${pct(restore.rto.attainment)}, RPO attainment ${pct(rpo.attainment)}`,
      files: ['restore-tests.csv', 'assets.csv'],
      thresholds: 'never MET from this pack; PARTIALLY MET: RTO attainment ≥ 90% and RPO attainment ≥ 95%; NOT MET: below either',
      timeBase: `RTO: ${jobs}; RPO ${posture}`,
      reason: 'the response and recovery plans, their scenarios and activation conditions are documents outside this pack',
    },
    scope('rts-39-2g', 'RTS 2024/1774 Art. 39(2)(g)', 'Simplified framework: backup procedures specify the scope of data and the minimum backup frequency, based on criticality'),
    annual('rts-40', 'RTS 2024/1774 Art. 40', 'Simplified framework: business continuity plans tested, backup and restore procedures at least once a year'),
  ];
}
