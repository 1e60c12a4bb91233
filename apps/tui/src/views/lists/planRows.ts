/**
 * Rows for backup plans and vaults (an account's Plans & vaults tab, `:plans`, `:vaults`).
 */
import { isAirGapped, vaultLockMode, type BackupVault, type VaultLockMode } from '@vaultscope/core';
import { accountName, planKey, type OrgData, type PlanRecord, type VaultRecord } from '../../model/orgData.js';
import { makeRow } from '../row.js';
import type { Column, Row } from '../screen.js';

/** How a vault protects its recovery points at `now`: air-gapped, else core's Vault Lock mode. */
export function vaultLock(vault: BackupVault, now: number): VaultLockMode | 'air-gapped' {
  return isAirGapped(vault) ? 'air-gapped' : vaultLockMode(vault, now);
}

/** Assets selected by each plan, keyed like `planByKey`. */
export function assetsPerPlan(data: OrgData): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of data.assets) {
    for (const s of a.coverage.selectedBy) {
      const key = planKey(a.accountId, a.region, s.planId);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The schedules of a plan's rules, in one line. */
export function planSchedules(p: PlanRecord): string {
  return p.plan.BackupPlan.Rules.map((r) => (r.EnableContinuousBackup ? 'continuous' : (r.ScheduleExpression ?? 'default'))).join(', ');
}

/** Columns of a plan list. */
export function planColumns(withAccount: boolean): Column[] {
  return [
    { title: 'PLAN', width: 18, flex: true },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'REGION', width: 12 },
    { title: 'RULES', width: 5, align: 'right' },
    { title: 'SELS', width: 4, align: 'right', priority: 1 },
    { title: 'ASSETS', width: 6, align: 'right' },
    { title: 'SCHEDULES', width: 20, flex: true, priority: 1 },
  ];
}

/** One row per backup plan. */
export function planRows(data: OrgData, plans: readonly PlanRecord[], withAccount: boolean): Row[] {
  const counts = assetsPerPlan(data);
  return plans.map((p) => {
    const assets = counts.get(p.key) ?? 0;
    return makeRow({
      id: p.key,
      cells: [
        p.plan.BackupPlan.BackupPlanName,
        ...(withAccount ? [accountName(data, p.accountId)] : []),
        p.region,
        p.plan.BackupPlan.Rules.length,
        p.plan.Selections?.length ?? '?',
        assets,
        planSchedules(p),
      ],
      sort: [undefined, ...(withAccount ? [undefined] : []), undefined, p.plan.BackupPlan.Rules.length, p.plan.Selections?.length ?? -1, assets],
      fault: assets === 0,
      ...(assets === 0 ? { cellTones: { [withAccount ? 5 : 4]: 'warn' as const } } : {}),
      target: { kind: 'plan', accountId: p.accountId, region: p.region, planId: p.plan.BackupPlanId },
    });
  });
}

/** Columns of a vault list. */
export function vaultColumns(withAccount: boolean): Column[] {
  return [
    { title: 'VAULT', width: 18, flex: true },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'REGION', width: 12 },
    { title: 'LOCK', width: 10 },
    { title: 'RETENTION', width: 11, align: 'right', priority: 1 },
    { title: 'RPS', width: 7, align: 'right' },
  ];
}

/** One row per vault; an unlocked vault is a fault. */
export function vaultRows(data: OrgData, vaults: readonly VaultRecord[], withAccount: boolean): Row[] {
  return vaults.map((v) => {
    const lock = vaultLock(v.vault, data.now);
    const min = v.vault.MinRetentionDays;
    const max = v.vault.MaxRetentionDays;
    return makeRow({
      id: v.vault.BackupVaultArn,
      cells: [
        v.vault.BackupVaultName,
        ...(withAccount ? [accountName(data, v.accountId)] : []),
        v.region,
        lock,
        min !== undefined || max !== undefined ? `${min ?? '–'}..${max ?? '–'} d` : '',
        v.vault.NumberOfRecoveryPoints ?? '',
      ],
      sort: [undefined, ...(withAccount ? [undefined] : []), undefined, undefined, min ?? -1, v.vault.NumberOfRecoveryPoints ?? -1],
      fault: lock === 'none',
      cellTones: { [withAccount ? 3 : 2]: lock === 'none' ? 'warn' : 'ok' },
      target: { kind: 'vault', arn: v.vault.BackupVaultArn },
    });
  });
}
