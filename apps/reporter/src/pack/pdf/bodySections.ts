/**
 * Inventory, coverage, backup jobs, copies and segregation, restore testing.
 */
import { TIERS, coverageNotes, type PostureAsset } from '@vaultscope/core';
import { hoursRange, type ObjectiveRow } from '../model/objectives.js';
import type { PackReport } from '../model/report.js';
import type { RestoreTestRow } from '../model/restoreTestRows.js';
import type { AccountCounts } from '../model/stats.js';
import type { VaultRow } from '../model/vaults.js';
import { hours, int, pct } from '../text.js';
import { dailyBarChart, restoreScatter } from './charts.js';
import { COLORS, type PdfWriter } from './writer.js';

const TIER_RANK = new Map<string, number>(TIERS.map((t, i) => [t, i]));

/** Longest list printed in the PDF; the CSVs always hold every row. */
export const PDF_LIST_LIMIT = 400;

/** Restore tests are listed one by one up to this many (a year of daily tests of a large estate still fits). */
export const RESTORE_LIST_LIMIT = 5000;

const limited = <T>(w: PdfWriter, rows: readonly T[], what: string, file: string, limit = PDF_LIST_LIMIT): readonly T[] => {
  if (rows.length > limit) {
    w.para(`Showing the first ${int(limit)} of ${int(rows.length)} ${what}; ${file} lists all of them.`, { color: COLORS.muted, size: 8.5 });
    return rows.slice(0, limit);
  }
  return rows;
};

export function renderInventory(w: PdfWriter, r: PackReport): void {
  const assets = r.posture.assets;
  const inv = r.sections.inventory;
  w.section('Data inventory by class');
  w.para(`${int(assets.length)} data assets in ${int(r.posture.summary.accounts)} accounts ${r.timeBase.label}, classified by the policy (${r.policy.origin}). Every asset, with the rule that decided its class and its business function, is in assets.csv.`);
  w.table(
    [
      { header: 'class', width: 1.6, value: (c: (typeof inv.byClass)[number]) => c.tier },
      ...inv.types.map((type) => ({ header: type, width: 1, align: 'right' as const, value: (c: (typeof inv.byClass)[number]) => int(c.byType[type] ?? 0) })),
      { header: 'total', width: 1, align: 'right', value: (c) => int(c.total) },
      { header: 'backup required', width: 1.3, align: 'right', value: (c) => int(c.required) },
    ],
    inv.byClass,
    { size: 8 },
  );
  w.heading('Assets by account');
  w.table(
    [
      { header: 'account', width: 2.6, value: (a: (typeof inv.byAccount)[number]) => `${r.accountNames.get(a.accountId) ?? ''} ${a.accountId}`.trim() },
      ...TIERS.map((t) => ({ header: t, width: 1, align: 'right' as const, value: (a: (typeof inv.byAccount)[number]) => int(a.byClass[t] ?? 0) })),
      { header: 'coverage', width: 1, align: 'right', value: (a) => pct(r.posture.summary.coverage.byAccount[a.accountId]?.coveragePct) },
    ],
    limited(w, inv.byAccount, 'accounts', 'assets.csv'),
  );
}

export function renderCoverage(w: PdfWriter, r: PackReport): void {
  const s = r.posture.summary;
  w.section('Coverage and gaps');
  w.para(`Every figure of this section is ${r.timeBase.label}.${r.nearestObservation ? ` The ledger's observation nearest to that time (batch ${r.nearestObservation.seq}, observed ${r.nearestObservation.observedAt}) recorded coverage ${pct(r.nearestObservation.summary.coverage.coveragePct)} and RPO attainment ${pct(r.nearestObservation.summary.objectives.rpo.attainment)}.` : ''}${r.timeBase.judgedFromJobs ? ` ${int(r.timeBase.judgedFromJobs)} backup-required assets are gaps at the period end only by the job history: the observation saw a later recovery point, and no backup job within their RPO before the period end is recorded.` : ''}`);
  w.para('Coverage means a backup plan selects the asset; protection means a recovery point exists within the RPO. Selection follows AWS Backup semantics: resources or tags, all conditions, no excluded resource, and the service opted in for the Region.', { color: COLORS.muted, size: 9 });
  w.table(
    [
      { header: 'coverage state', width: 3, value: (e: [string, number]) => e[0] },
      { header: 'assets', width: 1, align: 'right', value: (e) => int(e[1]) },
    ],
    Object.entries(s.byCoverage).filter(([, n]) => n > 0),
    { size: 9 },
  );
  const gaps = r.sections.gaps;
  w.heading(`Backup-required assets not protected (${int(gaps.length)})`);
  w.table<PostureAsset>(
    [
      { header: 'class', width: 1.25, value: (a) => a.classification.tier },
      { header: 'account', width: 1.8, value: (a) => r.accountNames.get(a.accountId) ?? a.accountId, max: 40 },
      { header: 'Region', width: 1.45, value: (a) => a.region },
      { header: 'type', width: 0.9, value: (a) => a.resourceType },
      { header: 'name', width: 2.3, value: (a) => a.name, max: 80 },
      { header: 'state', width: 2.7, value: (a) => a.coverage.state, color: (a) => (a.coverage.state === 'STALE' ? COLORS.warn : COLORS.bad) },
      { header: 'last recovery point', width: 1.9, value: (a) => a.coverage.lastRecoveryPointAt?.slice(0, 16).replace('T', ' ') ?? '—' },
    ],
    limited(w, gaps, 'unprotected assets', 'assets.csv'),
    { empty: 'Every backup-required asset is protected.' },
  );
  // Verdicts AWS's own behaviour decided: volumes covered through their instance, opt-in, copies AWS does not make,
  // air-gapped reach per type, restore-testing plans that cannot pick an asset's recovery points.
  const why = r.posture.assets
    .filter((a) => a.classification.backupRequired)
    .map((a) => ({ a, notes: coverageNotes(a.coverage).map((n) => n.text) }))
    .filter((x) => x.notes.length > 0)
    .sort((x, y) => (TIER_RANK.get(x.a.classification.tier) ?? 9) - (TIER_RANK.get(y.a.classification.tier) ?? 9) || x.a.accountId.localeCompare(y.a.accountId) || x.a.arn.localeCompare(y.a.arn));
  w.heading(`Why: verdicts decided by AWS behaviour (${int(why.length)})`);
  w.para('Where AWS Backup itself decides the outcome, each verdict says how: an EBS volume is backed up in its EC2 instance\'s AMI, a Region opt-in blocks a selection, AWS makes no copy of the type, an air-gapped vault is reached only by copy, or a restore-testing plan cannot pick the asset\'s recovery points. The coverage_notes column of assets.csv has every note.', { color: COLORS.muted, size: 9 });
  w.table<{ a: PostureAsset; notes: string[] }>(
    [
      { header: 'class', width: 1.1, value: (x) => x.a.classification.tier },
      { header: 'account', width: 1.6, value: (x) => r.accountNames.get(x.a.accountId) ?? x.a.accountId, max: 40 },
      { header: 'type', width: 0.9, value: (x) => x.a.resourceType },
      { header: 'name', width: 2, value: (x) => x.a.name, max: 60 },
      { header: 'state', width: 2.2, value: (x) => x.a.coverage.state },
      { header: 'why', width: 6.5, value: (x) => x.notes.join(' · '), max: 240 },
    ],
    limited(w, why, 'assets with notes', 'assets.csv'),
    { empty: 'No verdict depended on these AWS behaviours.' },
  );
  renderObjectives(w, r);
}

/** RTO and RPO per class and per business function (DORA Art. 12(6)). */
function renderObjectives(w: PdfWriter, r: PackReport): void {
  w.heading('Recovery objectives per class and business function');
  w.para(`RPO: backup-required assets with a recovery point within the RPO, ${r.timeBase.label}. RTO: restore tests of the period that finished within the RTO (${r.jobsTimeBase}). objectives.csv lists every row.`, { color: COLORS.muted, size: 8.5 });
  const ratio = (met: number, of: number): string => (of === 0 ? '—' : `${int(met)}/${int(of)} (${pct(met / of)})`);
  w.table<ObjectiveRow>(
    [
      { header: 'scope', width: 1.3, value: (o) => o.scope },
      { header: 'name', width: 2.4, value: (o) => o.name, max: 60 },
      { header: 'RTO', width: 0.9, align: 'right', value: (o) => hoursRange(o.rtoHours) },
      { header: 'RPO', width: 0.9, align: 'right', value: (o) => hoursRange(o.rpoHours) },
      { header: 'backup required', width: 1.1, align: 'right', value: (o) => int(o.backupRequired) },
      { header: 'within RPO', width: 1.5, align: 'right', value: (o) => ratio(o.rpoMet, o.rpoMeasured) },
      { header: 'tests within RTO', width: 1.5, align: 'right', value: (o) => ratio(o.rtoMet, o.rtoMeasured) },
    ],
    limited(w, r.objectives.filter((o) => o.assets > 0), 'objective rows', 'objectives.csv'),
    { size: 7.5 },
  );
}

const accountRate = (a: AccountCounts): string => pct(a.successRate);

export function renderBackupJobs(w: PdfWriter, r: PackReport): void {
  const b = r.backup;
  w.section('Backup jobs');
  w.para(`${int(b.counts.total)} backup jobs were created in the period (from the history ledger): ${int(b.counts.completed)} completed (${int(b.counts.completedWithIssues)} with issues), ${int(b.counts.failed)} failed, ${int(b.counts.expired)} expired, ${int(b.counts.aborted)} aborted, ${int(b.counts.partial)} partial, ${int(b.counts.running)} not finished. Success rate ${pct(b.successRate)}. Every job is in backup-jobs.csv; every failed, expired, aborted or partial one is also in exceptions.csv. Time base: ${r.jobsTimeBase}, each as it stood at the end of the period.`);
  dailyBarChart(w, b.daily, 'Backup jobs per day (by creation date, UTC).');
  w.heading('Success rate per account');
  w.table<AccountCounts>(
    [
      { header: 'account', width: 3, value: (a) => `${r.accountNames.get(a.accountId) ?? ''} ${a.accountId}`.trim() },
      { header: 'jobs', width: 1, align: 'right', value: (a) => int(a.counts.total) },
      { header: 'completed', width: 1, align: 'right', value: (a) => int(a.counts.completed) },
      { header: 'failed/expired/aborted', width: 1.6, align: 'right', value: (a) => int(a.counts.failed + a.counts.expired + a.counts.aborted) },
      { header: 'success', width: 1, align: 'right', value: accountRate, color: (a) => (a.successRate === null ? COLORS.neutral : a.successRate >= 0.99 ? COLORS.ok : a.successRate >= 0.95 ? COLORS.warn : COLORS.bad) },
    ],
    limited(w, b.byAccount, 'accounts', 'backup-jobs.csv'),
    { empty: 'No backup jobs in the period.' },
  );
  w.heading('Top failure reasons');
  w.table(
    [
      { header: 'reason', width: 6, value: (x: { reason: string; count: number }) => x.reason, max: 260 },
      { header: 'jobs', width: 1, align: 'right', value: (x) => int(x.count) },
    ],
    b.failureReasons,
    { empty: 'No failed jobs in the period.' },
  );
}

export function renderCopies(w: PdfWriter, r: PackReport): void {
  const c = r.copy;
  w.section('Copies and segregation');
  const t = r.restoreTargets;
  w.para(`${int(c.counts.total)} copy jobs in the period, success ${pct(c.successRate)}. Completed copies: ${int(c.crossRegion)} to another Region, ${int(c.crossAccount)} to another account, ${int(c.toLockedVault)} into a locked vault, ${int(c.toAirGappedVault)} into a logically air-gapped vault. Completed restores: ${int(t.completed)}, of which ${int(t.otherAccount)} into another account and ${int(t.otherRegion)} into another Region than their source (${int(t.located)} with a readable target ARN). Every copy job is in copy-jobs.csv, every restore job in restore-jobs.csv. Time base: ${r.jobsTimeBase}.`);
  w.heading('Copy destinations');
  w.table(
    [
      { header: 'destination account', width: 3, value: (d: (typeof c.destinations)[number]) => `${r.accountNames.get(d.accountId) ?? ''} ${d.accountId}`.trim() || '—' },
      { header: 'Region', width: 1.5, value: (d) => d.region || '—' },
      { header: 'completed', width: 1, align: 'right', value: (d) => int(d.completed) },
      { header: 'failed', width: 1, align: 'right', value: (d) => int(d.failed), color: (d) => (d.failed ? COLORS.bad : undefined) },
    ],
    limited(w, c.destinations, 'destinations', 'copy-jobs.csv'),
    { empty: 'No copy jobs in the period.' },
  );
  w.heading('Backup vaults: Vault Lock, air gap and encryption');
  w.para(`Vault Lock mode ${r.timeBase.label}. vaults.csv lists every vault with its ARN, type, lock date, retention bounds and encryption key.`, { color: COLORS.muted, size: 8.5 });
  w.table<VaultRow>(
    [
      { header: 'account', width: 2, value: (v) => r.accountNames.get(v.accountId) ?? v.accountId },
      { header: 'Region', width: 1.3, value: (v) => v.region },
      { header: 'vault', width: 2.2, value: (v) => v.name, max: 80 },
      { header: 'Vault Lock', width: 1.2, value: (v) => v.lock },
      { header: 'air-gapped', width: 0.9, value: (v) => (v.airGapped ? 'yes' : 'no') },
      { header: 'retention (days)', width: 1.3, align: 'right', value: (v) => (v.minRetentionDays === undefined && v.maxRetentionDays === undefined ? '—' : `${v.minRetentionDays ?? '—'} to ${v.maxRetentionDays ?? '—'}`) },
      { header: 'key', width: 1.2, value: (v) => (v.encryptionKeyType === 'CUSTOMER_MANAGED_KMS_KEY' ? 'customer' : v.encryptionKeyType === 'AWS_OWNED_KMS_KEY' ? 'AWS-owned' : (v.encryptionKeyType ?? '—')) },
      { header: 'recovery points', width: 1.2, align: 'right', value: (v) => (v.recoveryPoints === undefined ? '—' : int(v.recoveryPoints)) },
    ],
    limited(w, r.vaults, 'vaults', 'vaults.csv'),
    { empty: 'No backup vaults were observed.' },
  );
}

const verdictColor = (t: RestoreTestRow): string => (t.verdict === 'passed' ? COLORS.ok : t.verdict === 'failed' ? COLORS.bad : COLORS.neutral);
const within = (v: boolean | undefined): string | undefined => (v === undefined ? undefined : v ? COLORS.ok : COLORS.bad);

export function renderRestoreTesting(w: PdfWriter, r: PackReport): void {
  const s = r.restore;
  w.section('Restore testing');
  w.para(`${int(s.total)} restore tests in the period (restore jobs started by an AWS Backup restore-testing plan): ${int(s.passed)} passed, ${int(s.failed)} failed, ${int(s.pending)} pending; pass rate ${pct(s.passRate)}. ${int(s.validated)} carry a SUCCESSFUL validation verdict. The restore finished within the RTO in ${int(s.rto.met)} of ${int(s.rto.measured)} tests. The restored data was younger than the RPO in ${int(s.rpo.met)} of ${int(s.rpo.measured)} tests: restore testing picks a recovery point from a selection window, so this age describes the test, not the backup frequency (see coverage for the RPO). ${int(s.otherRestores)} other (operational) restores ran. Time base: ${r.jobsTimeBase}, each test as it stood at the end of the period. Over the twelve months to the end of the period the ledger holds ${int(r.restoreYear.total)} restore tests (${int(r.restoreYear.passed)} passed).`);
  dailyBarChart(w, r.sections.restoreDaily, 'Restore tests per day (by start, UTC).', ['passed', 'failed', 'pending']);
  restoreScatter(w, r.restoreTests, 'Each point is one restore test: its duration as a share of the RTO of the restored asset\u2019s class (completion − creation), against the age of the restored data (creation − recovery point creation).');
  w.heading('Every restore test');
  w.table<RestoreTestRow>(
    [
      { header: 'started (UTC)', width: 1.85, value: (t) => t.job.CreationDate.slice(0, 16).replace('T', ' ') },
      { header: 'account', width: 1.7, value: (t) => r.accountNames.get(t.job.AccountId) ?? t.job.AccountId, max: 24 },
      { header: 'resource', width: 2.9, value: (t) => `${t.job.ResourceType ?? ''} ${(t.job.SourceResourceArn ?? '').split(/[:/]/).pop() ?? ''}`.trim(), max: 44 },
      { header: 'class', width: 1.15, value: (t) => t.tier ?? '—' },
      { header: 'verdict', width: 0.95, value: (t) => t.verdict, color: verdictColor },
      { header: 'validation', width: 1.45, value: (t) => t.job.ValidationStatus ?? '—' },
      { header: 'duration / RTO', width: 1.5, value: (t) => `${hours(t.durationHours)} / ${hours(t.rtoHours)}`, color: (t) => within(t.withinRto) },
      // Not coloured: the age of the data a test restored depends on the point the test picked, so it is no
      // measure of the RPO (coverage measures that) and must not read as a breach.
      { header: 'data age / RPO', width: 1.5, value: (t) => `${hours(t.dataAgeHours)} / ${hours(t.rpoHours)}` },
    ],
    limited(w, r.restoreTests, 'restore tests', 'restore-tests.csv', RESTORE_LIST_LIMIT),
    { size: 6.5, empty: 'No restore tests ran in the period.' },
  );
}
