/**
 * The DORA table: each evidence item mapped to Regulation (EU) 2022/2554 Art. 12(1)–(7) and Art. 11(6) and to
 * RTS 2024/1774 Art. 25 and 40, with a status worked out from the figures. The status is what the evidence in
 * this pack shows, not a legal opinion; rows this tool cannot evidence say "not evaluated" and why.
 */
import type { Posture } from '@vaultscope/core';
import type { HistoryScope } from './historyScope.js';
import type { RestoreSummary } from './restoreTestRows.js';
import type { BackupStats, CopyStats } from './stats.js';
import { int, pct } from '../text.js';

export type DoraStatus = 'met' | 'partially met' | 'not met' | 'not evaluated';

/** One row of the DORA table. */
export interface DoraRow {
  id: string;
  provision: string;
  requirement: string;
  evidence: string;
  status: DoraStatus;
  figures: string;
  files: string[];
}

/** What the statuses are computed from. */
export interface DoraInput {
  posture: Posture;
  backup: BackupStats;
  copy: CopyStats;
  restore: RestoreSummary;
  /** Restore tests in the twelve months up to the end of the period (from the ledger). */
  restoreYear: { total: number; passed: number };
  /** How much of the period (and of the twelve months before its end) the ledger's job history covers. */
  history: HistoryScope;
}

/** 100% → met, at least 90% → partially met, less → not met, nothing measured → not evaluated. */
function byRate(rate: number | null, threshold = 0.9): DoraStatus {
  if (rate === null) return 'not evaluated';
  if (rate >= 1) return 'met';
  return rate >= threshold ? 'partially met' : 'not met';
}

/** Worst of several statuses ("not evaluated" only when all are). */
function worst(...statuses: DoraStatus[]): DoraStatus {
  const known = statuses.filter((s) => s !== 'not evaluated');
  if (known.length === 0) return 'not evaluated';
  for (const s of ['not met', 'partially met', 'met'] as const) if (known.includes(s)) return s;
  return 'met';
}

/**
 * Job-based rows against the history: a period the ledger never saw is "not evaluated (no history before X)",
 * a partly seen one keeps its status with the gap named in its figures; annual rows without a passed test are
 * "not evaluated" unless the history spans the whole twelve months.
 */
function withHistory(rows: DoraRow[], history: HistoryScope, restoreYear: { passed: number }): DoraRow[] {
  const start = history.from ? `no history before ${history.from.slice(0, 10)}` : 'no job history in the ledger';
  return rows.map((row) => {
    if (ANNUAL_ROWS.has(row.id)) {
      if (restoreYear.passed > 0 || history.yearCovered) return row;
      return { ...row, status: 'not evaluated', figures: `not evaluated (${start}; the twelve months to the end of the period are not covered): ${row.figures}` };
    }
    if (!JOB_ROWS.has(row.id) && !MIXED_ROWS.has(row.id)) return row;
    // A mixed row's posture half still stands; its job half is already "not evaluated" (no tests measured).
    if (history.state === 'none' && MIXED_ROWS.has(row.id)) return { ...row, figures: `restore tests not evaluated (${start}); ${row.figures}` };
    if (history.state === 'none') return { ...row, status: 'not evaluated', figures: `not evaluated (${start}): ${row.figures}` };
    if (history.state === 'partial') return { ...row, figures: `${row.figures} (job history covers only part of the period: ${start})` };
    return row;
  });
}

/** Rows whose evidence is the period's jobs from the ledger. */
const JOB_ROWS = new Set(['art12-1-2-jobs', 'art12-2-testing', 'art12-3-segregation', 'art12-7-integrity', 'rts-25']);
/** Rows that combine the period's jobs with the current posture (RTO from restore tests, RPO from recovery points). */
const MIXED_ROWS = new Set(['art12-6-objectives']);
/** Rows whose evidence is the ledger's restore tests over twelve months. */
const ANNUAL_ROWS = new Set(['art11-6-annual', 'rts-40']);

/** Builds the table. */
export function doraRows(input: DoraInput): DoraRow[] {
  return withHistory(baseRows(input), input.history, input.restoreYear);
}

function baseRows(input: DoraInput): DoraRow[] {
  const { posture, backup, copy, restore, restoreYear } = input;
  const checks = posture.summary.byCheck;
  const n = (check: string): number => checks[check] ?? 0;
  const cov = posture.summary.coverage;
  const rpo = posture.summary.objectives.rpo;
  const scopeFindings = n('backup.not-in-plan') + n('backup.frequency-exceeds-rpo') + n('backup.retention-below-policy');
  const segregationFindings = n('backup.no-cross-region-copy') + n('backup.no-cross-account-copy') + n('backup.vault-not-locked');
  const copiesOk = copy.crossRegion + copy.crossAccount > 0;
  const testsOk = restore.total > 0;
  const untested = n('restore.not-tested');
  const validatedRate = restore.passed + restore.failed === 0 ? null : restore.validated / (restore.passed + restore.failed);

  return [
    {
      id: 'art12-1a',
      provision: 'Art. 12(1)(a)',
      requirement: 'Backup policies define which data is backed up and the minimum frequency, by criticality',
      evidence: 'Data inventory by class; backup-plan coverage of backup-required data; frequency and retention against the class policy',
      status: worst(byRate(cov.coveragePct, 0.95), scopeFindings === 0 ? 'met' : cov.coveragePct === null ? 'not evaluated' : 'partially met'),
      figures: `coverage ${pct(cov.coveragePct)} (${int(cov.covered)}/${int(cov.required)} backup-required assets); ${int(n('backup.not-in-plan'))} not in a plan, ${int(n('backup.frequency-exceeds-rpo'))} frequency above RPO, ${int(n('backup.retention-below-policy'))} retention below policy`,
      files: ['assets.csv', 'findings.csv'],
    },
    {
      id: 'art12-1-2-jobs',
      provision: 'Art. 12(1), 12(2)',
      requirement: 'Backup systems operate according to the policy; backups are actually taken',
      evidence: 'Every backup job of the period from the history ledger: outcome, failures and their reasons',
      status: byRate(backup.successRate, 0.95),
      figures: `${int(backup.counts.total)} backup jobs; success ${pct(backup.successRate)}; ${int(backup.counts.failed)} failed, ${int(backup.counts.expired)} expired, ${int(backup.counts.aborted)} aborted, ${int(backup.counts.partial)} partial`,
      files: ['backup-jobs.csv'],
    },
    {
      id: 'art12-2-testing',
      provision: 'Art. 12(2)',
      requirement: 'Backup and restoration procedures are tested periodically',
      evidence: 'Every restore test of the period with its verdict; assets whose class requires testing without a test',
      status: !testsOk ? 'not met' : worst(byRate(restore.passRate), untested === 0 ? 'met' : 'partially met'),
      figures: `${int(restore.total)} restore tests; pass rate ${pct(restore.passRate)} (${int(restore.passed)} passed, ${int(restore.failed)} failed, ${int(restore.pending)} pending); ${int(untested)} assets not tested as their class requires`,
      files: ['restore-tests.csv', 'findings.csv'],
    },
    {
      id: 'art12-3-segregation',
      provision: 'Art. 12(3)',
      requirement: 'Restoration uses systems physically and logically segregated from the source, protected from unauthorised access and corruption',
      evidence: 'Completed cross-Region and cross-account copies; copies into locked or logically air-gapped vaults; segregation findings',
      status: !copiesOk ? 'not met' : segregationFindings === 0 ? 'met' : 'partially met',
      figures: `${int(copy.crossRegion)} cross-Region and ${int(copy.crossAccount)} cross-account copies completed; ${int(copy.toLockedVault)} into locked, ${int(copy.toAirGappedVault)} into air-gapped vaults; ${int(segregationFindings)} segregation findings`,
      files: ['copy-jobs.csv', 'findings.csv'],
    },
    {
      id: 'art12-4-redundancy',
      provision: 'Art. 12(4)',
      requirement: 'Redundant ICT capacity adequate for business needs',
      evidence: 'Not evaluated: redundant capacity is an infrastructure property outside AWS Backup data. Cross-Region copies (Art. 12(3) row) support it.',
      status: 'not evaluated',
      figures: `${int(copy.crossRegion)} cross-Region copies completed`,
      files: ['copy-jobs.csv'],
    },
    {
      id: 'art12-5-secondary-site',
      provision: 'Art. 12(5)',
      requirement: 'Central securities depositories: a secondary processing site',
      evidence: 'Not evaluated: applies to central securities depositories only, and concerns processing sites, not backups.',
      status: 'not evaluated',
      figures: '',
      files: [],
    },
    {
      id: 'art12-6-objectives',
      provision: 'Art. 12(6)',
      requirement: 'RTO and RPO set per function and met',
      evidence: 'RTO/RPO per class (policy); restore-test duration against RTO; age of each asset\u2019s latest recovery point against RPO; stale recovery points',
      status: worst(byRate(restore.rto.attainment), byRate(rpo.attainment, 0.95), n('backup.recovery-point-stale') === 0 ? 'met' : 'partially met'),
      figures: `RTO met in ${int(restore.rto.met)}/${int(restore.rto.measured)} restore tests (${pct(restore.rto.attainment)}); RPO met by ${int(rpo.met)}/${int(rpo.measured)} backup-required assets (${pct(rpo.attainment)}); ${int(n('backup.recovery-point-stale'))} stale recovery points`,
      files: ['restore-tests.csv', 'assets.csv'],
    },
    {
      id: 'art12-7-integrity',
      provision: 'Art. 12(7)',
      requirement: 'Recovery includes checks and reconciliations that keep data integrity',
      evidence: 'Validation verdicts of restore tests (AWS Backup restore-testing validation)',
      status: byRate(validatedRate),
      figures: `${int(restore.validated)} of ${int(restore.passed + restore.failed)} finished restore tests validated SUCCESSFUL`,
      files: ['restore-tests.csv'],
    },
    {
      id: 'art11-6-annual',
      provision: 'Art. 11(6)',
      requirement: 'Continuity and response/recovery plans tested at least yearly, including switchover to backups',
      evidence: 'Restore tests recorded in the ledger over the twelve months to the end of the period',
      status: restoreYear.total === 0 ? 'not met' : restoreYear.passed === 0 ? 'not met' : untested === 0 ? 'met' : 'partially met',
      figures: `${int(restoreYear.total)} restore tests in twelve months, ${int(restoreYear.passed)} passed`,
      files: ['restore-tests.csv'],
    },
    {
      id: 'rts-25',
      provision: 'RTS 2024/1774 Art. 25',
      requirement: 'Testing of ICT business continuity plans, including switchover to backups (point (c))',
      evidence: 'Restore tests as evidence for the backup-switchover element only; scenario, third-party and crisis-communication tests are outside this pack',
      status: !testsOk ? 'not met' : byRate(restore.passRate),
      figures: `${int(restore.total)} restore tests this period, pass rate ${pct(restore.passRate)}`,
      files: ['restore-tests.csv'],
    },
    {
      id: 'rts-40',
      provision: 'RTS 2024/1774 Art. 40',
      requirement: 'Simplified framework: backup and restore procedures tested at least once a year',
      evidence: 'Restore tests recorded in the ledger over the twelve months to the end of the period',
      status: restoreYear.passed > 0 ? 'met' : 'not met',
      figures: `${int(restoreYear.passed)} passed restore tests in twelve months`,
      files: ['restore-tests.csv'],
    },
  ];
}
