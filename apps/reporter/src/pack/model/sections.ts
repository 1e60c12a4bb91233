/**
 * The tallies the PDF sections print, worked out once from the report's data so the renderers only draw:
 * inventory by class and type and by account, the backup-required assets not protected, restore tests per day,
 * findings by check, Audit Manager evidence by control.
 */
import { isGap, SEVERITIES, TIERS, type CheckId, type Finding, type PostureAsset } from '@vaultscope/core';
import type { AuditEvidenceRow } from './auditManager.js';
import type { RestoreTestRow } from './restoreTestRows.js';
import type { DailyCount } from './stats.js';

/** Data inventory tallies. */
export interface InventoryTally {
  /** Resource types present, sorted. */
  types: string[];
  /** Per class: count per type, total, backup-required. */
  byClass: { tier: string; byType: Record<string, number>; total: number; required: number }[];
  /** Per account: count per class. */
  byAccount: { accountId: string; byClass: Record<string, number> }[];
}

/** One check's findings in the posture. */
export interface CheckTally {
  check: CheckId;
  count: number;
  /** Index into SEVERITIES of the worst finding. */
  worst: number;
  example: Finding;
}

/** Everything the sections print beyond the report's own fields. */
export interface SectionTallies {
  inventory: InventoryTally;
  /** Backup-required assets not protected, worst class first. */
  gaps: PostureAsset[];
  restoreDaily: DailyCount[];
  findingsByCheck: CheckTally[];
  auditByControl: { control: string; count: number }[];
}

const TIER_RANK = new Map<string, number>(TIERS.map((t, i) => [t, i]));

export function inventoryTally(assets: readonly PostureAsset[]): InventoryTally {
  const types = [...new Set(assets.map((a) => a.resourceType))].sort();
  const byClass = new Map(TIERS.map((t) => [t as string, { tier: t as string, byType: {} as Record<string, number>, total: 0, required: 0 }]));
  const byAccount = new Map<string, Record<string, number>>();
  for (const a of assets) {
    const t = a.classification.tier;
    const row = byClass.get(t);
    if (row) {
      row.byType[a.resourceType] = (row.byType[a.resourceType] ?? 0) + 1;
      row.total++;
      if (a.classification.backupRequired) row.required++;
    }
    let acct = byAccount.get(a.accountId);
    if (!acct) byAccount.set(a.accountId, (acct = {}));
    acct[t] = (acct[t] ?? 0) + 1;
  }
  return {
    types,
    byClass: [...byClass.values()],
    byAccount: [...byAccount].sort((a, b) => a[0].localeCompare(b[0])).map(([accountId, counts]) => ({ accountId, byClass: counts })),
  };
}

export function gapAssets(assets: readonly PostureAsset[]): PostureAsset[] {
  return assets
    .filter((a) => a.classification.backupRequired && isGap(a.coverage.state))
    .sort((a, b) => (TIER_RANK.get(a.classification.tier) ?? 9) - (TIER_RANK.get(b.classification.tier) ?? 9) || a.accountId.localeCompare(b.accountId) || a.arn.localeCompare(b.arn));
}

/** Restore tests per day of the period (the days of `days`), by verdict. */
export function restoreDaily(tests: readonly RestoreTestRow[], days: readonly DailyCount[]): DailyCount[] {
  const byDay = new Map(days.map((d) => [d.day, { day: d.day, completed: 0, failed: 0, other: 0 }]));
  for (const t of tests) {
    const d = byDay.get(t.job.CreationDate.slice(0, 10));
    if (!d) continue;
    if (t.verdict === 'passed') d.completed++;
    else if (t.verdict === 'failed') d.failed++;
    else d.other++;
  }
  return [...byDay.values()];
}

export function findingsByCheck(findings: readonly Finding[]): CheckTally[] {
  const byCheck = new Map<CheckId, CheckTally>();
  for (const f of findings) {
    const rank = SEVERITIES.indexOf(f.severity);
    const entry = byCheck.get(f.check);
    if (!entry) byCheck.set(f.check, { check: f.check, count: 1, worst: rank, example: f });
    else {
      entry.count++;
      if (rank < entry.worst) entry.worst = rank;
    }
  }
  return [...byCheck.values()].sort((a, b) => a.worst - b.worst || b.count - a.count);
}

export function auditByControl(rows: readonly AuditEvidenceRow[]): { control: string; count: number }[] {
  const controls = new Map<string, number>();
  for (const e of rows) {
    const key = `${e.assessment} — ${e.control || '(no control)'}`;
    controls.set(key, (controls.get(key) ?? 0) + 1);
  }
  return [...controls].sort((a, b) => a[0].localeCompare(b[0])).map(([control, count]) => ({ control, count }));
}

/** All tallies for a report. */
export function sectionTallies(input: { assets: readonly PostureAsset[]; findings: readonly Finding[]; restoreTests: readonly RestoreTestRow[]; days: readonly DailyCount[]; auditEvidence: readonly AuditEvidenceRow[] }): SectionTallies {
  return {
    inventory: inventoryTally(input.assets),
    gaps: gapAssets(input.assets),
    restoreDaily: restoreDaily(input.restoreTests, input.days),
    findingsByCheck: findingsByCheck(input.findings),
    auditByControl: auditByControl(input.auditEvidence),
  };
}
