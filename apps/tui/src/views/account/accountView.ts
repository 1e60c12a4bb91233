/**
 * The Account screen: who the account is, its figures, and tabs Assets · Jobs · Restore tests · Findings ·
 * Plans & vaults.
 */
import type { OrgData } from '../../model/orgData.js';
import { formatPct, plural } from '../../text/format.js';
import { assetColumns, assetRows } from '../lists/assetRows.js';
import { findingColumns, findingRows } from '../lists/findingRows.js';
import { jobColumns, jobRows, restoreColumns, restoreRows } from '../lists/jobRows.js';
import { planSchedules, vaultLock, assetsPerPlan } from '../lists/planRows.js';
import { accountStats, restoreWindowDays } from '../org/orgRows.js';
import { makeRow, seg } from '../row.js';
import type { Column, Row, Segment, ViewModel } from '../screen.js';

export const ACCOUNT_TABS = ['Assets', 'Jobs', 'Restore tests', 'Findings', 'Plans & vaults'] as const;

const PLANS_VAULTS_COLUMNS: readonly Column[] = [
  { title: 'KIND', width: 5 },
  { title: 'NAME', width: 20, flex: true },
  { title: 'REGION', width: 12 },
  { title: 'STATUS', width: 12 },
  { title: 'DETAIL', width: 20, flex: true, priority: 1 },
];

function plansAndVaultsRows(data: OrgData, accountId: string): Row[] {
  const counts = assetsPerPlan(data);
  const plans = data.plans
    .filter((p) => p.accountId === accountId)
    .map((p) => {
      const assets = counts.get(p.key) ?? 0;
      return makeRow({
        id: p.key,
        cells: ['plan', p.plan.BackupPlan.BackupPlanName, p.region, plural(assets, 'asset'), `${plural(p.plan.BackupPlan.Rules.length, 'rule')}: ${planSchedules(p)}`],
        fault: assets === 0,
        ...(assets === 0 ? { cellTones: { 3: 'warn' as const } } : {}),
        target: { kind: 'plan', accountId: p.accountId, region: p.region, planId: p.plan.BackupPlanId },
      });
    });
  const vaults = data.vaults
    .filter((v) => v.accountId === accountId)
    .map((v) => {
      const lock = vaultLock(v.vault, data.now);
      return makeRow({
        id: v.vault.BackupVaultArn,
        cells: ['vault', v.vault.BackupVaultName, v.region, lock, `${v.vault.NumberOfRecoveryPoints ?? '?'} recovery points`],
        fault: lock === 'none',
        cellTones: { 3: lock === 'none' ? 'warn' : 'ok' },
        target: { kind: 'vault', arn: v.vault.BackupVaultArn },
      });
    });
  return [...plans, ...vaults];
}

/** Identity and figures of an account. */
export function accountHeader(data: OrgData, accountId: string): Segment[][] {
  const account = data.accountById.get(accountId);
  const s = accountStats(data, accountId);
  return [
    [
      seg(account?.Name ?? accountId, 'accent'),
      seg(`  ${accountId}  ${account?.OuPath ?? ''}  ${account?.State ?? ''}`),
    ],
    [
      seg(`${s.assets} assets`),
      seg(' · coverage '),
      seg(formatPct(s.coveragePct), s.coveragePct !== null && s.coveragePct < 1 ? 'warn' : 'ok'),
      seg(' · unprotected C/I '),
      seg(`${s.unprotectedCritical}/${s.unprotectedImportant}`, s.unprotectedCritical + s.unprotectedImportant ? 'bad' : 'ok'),
      seg(' · 24 h '),
      seg(`${s.jobs24h.completed} ok`, 'ok'),
      seg(' '),
      seg(`${s.jobs24h.failed} failed`, s.jobs24h.failed ? 'bad' : 'dim'),
      seg(' '),
      seg(`${s.jobs24h.expired} expired`, s.jobs24h.expired ? 'bad' : 'dim'),
      seg(` · restore tests ${restoreWindowDays(data)} d `),
      seg(formatPct(s.restoreTests.passRate), s.restoreTests.failed ? 'warn' : 'ok'),
    ],
  ];
}

/** The Account screen on one of its tabs. */
export function accountView(data: OrgData, accountId: string, tab: number): ViewModel {
  const name = data.accountById.get(accountId)?.Name ?? accountId;
  const active = ((tab % ACCOUNT_TABS.length) + ACCOUNT_TABS.length) % ACCOUNT_TABS.length;
  const base = { kind: 'table' as const, title: name, header: accountHeader(data, accountId), tabs: { labels: ACCOUNT_TABS, active } };
  const jobs = data.jobsByAccount.get(accountId) ?? [];
  switch (active) {
    case 0:
      return { ...base, columns: assetColumns(false), rows: assetRows(data, data.assetsByAccount.get(accountId) ?? [], false), empty: 'No assets observed.' };
    case 1:
      return { ...base, columns: jobColumns(false), rows: jobRows(data, jobs.filter((j) => j.kind !== 'restore'), false), empty: 'No backup or copy jobs.' };
    case 2:
      return { ...base, columns: restoreColumns(false), rows: restoreRows(data, jobs.filter((j) => j.kind === 'restore'), false), empty: 'No restore jobs.' };
    case 3:
      return { ...base, columns: findingColumns(false), rows: findingRows(data, data.findingsByAccount.get(accountId) ?? [], false), empty: 'No findings.' };
    default:
      return { ...base, columns: PLANS_VAULTS_COLUMNS, rows: plansAndVaultsRows(data, accountId), empty: 'No plans or vaults observed.' };
  }
}
