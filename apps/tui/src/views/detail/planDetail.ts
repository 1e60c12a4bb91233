/**
 * Plan and vault detail: a plan's rules and selections and the assets it selects; a vault's fields, lock and
 * the assets whose backups land in it.
 */
import { accountName, planKey, type OrgData } from '../../model/orgData.js';
import { makeHeading, makeLine, seg } from '../row.js';
import type { Row, ViewModel } from '../screen.js';
import { coverageTone } from '../tones.js';
import { vaultLock } from '../lists/planRows.js';
import { fieldLines, flattenFields, orderedFields } from './fields.js';

/** The detail document of one backup plan. */
export function planDetail(data: OrgData, accountId: string, region: string, planId: string): ViewModel {
  const record = data.planByKey.get(planKey(accountId, region, planId));
  if (!record) return { kind: 'doc', title: 'Plan', header: [[seg(planId)]], columns: [], rows: [], empty: 'This plan is no longer in the estate.' };
  const plan = record.plan;
  const lines: Row[] = [];
  let n = 0;
  const add = (row: Row): void => {
    lines.push(row);
  };
  for (const rule of plan.BackupPlan.Rules) {
    add(makeHeading(`r${n++}`, `Rule ${rule.RuleName}`));
    for (const text of fieldLines(orderedFields(rule as Record<string, unknown>, ['ScheduleExpression', 'EnableContinuousBackup', 'TargetBackupVaultName', 'Lifecycle', 'CopyActions']))) {
      add(makeLine(`r${n++}`, text));
    }
  }
  if (!plan.Selections) add(makeLine('sel-none', 'selections not observed', { tone: 'warn' }));
  for (const sel of plan.Selections ?? []) {
    add(makeHeading(`s${n++}`, `Selection ${sel.BackupSelection.SelectionName}`));
    for (const text of fieldLines(flattenFields(sel.BackupSelection))) add(makeLine(`s${n++}`, text));
  }
  const selected = data.assets.filter((a) => a.accountId === accountId && a.region === region && a.coverage.selectedBy.some((s) => s.planId === planId));
  add(makeHeading('assets', `Selected assets (${selected.length})`));
  for (const a of selected) {
    const clause = a.coverage.selectedBy.find((s) => s.planId === planId)?.clause ?? '';
    add(makeLine(`a${n++}`, `${a.name} · ${a.resourceType} · ${a.classification.tier} · ${a.coverage.state} · ${clause}`, { tone: coverageTone(a.coverage.state), target: { kind: 'asset', arn: a.arn } }));
  }
  return {
    kind: 'doc',
    title: plan.BackupPlan.BackupPlanName,
    header: [[seg('plan '), seg(plan.BackupPlan.BackupPlanName, 'accent'), seg(`  ${accountName(data, accountId)} · ${region} · ${plan.BackupPlanArn ?? plan.BackupPlanId}`, 'dim')]],
    columns: [],
    rows: lines,
    empty: '',
  };
}

/** The detail document of one vault. */
export function vaultDetail(data: OrgData, arn: string): ViewModel {
  const record = data.vaultByArn.get(arn);
  if (!record) return { kind: 'doc', title: 'Vault', header: [[seg(arn)]], columns: [], rows: [], empty: 'This vault is no longer in the estate.' };
  const lock = vaultLock(record.vault, data.now);
  const lines: Row[] = [makeHeading('fields', 'Fields')];
  fieldLines(orderedFields(record.vault as Record<string, unknown>, ['BackupVaultName', 'VaultType', 'VaultState', 'Locked', 'LockDate', 'MinRetentionDays', 'MaxRetentionDays', 'NumberOfRecoveryPoints'])).forEach((text, i) =>
    lines.push(makeLine(`f${i}`, text)),
  );
  const users = data.assets.filter((a) => a.coverage.vaults.some((v) => v.arn === arn));
  lines.push(makeHeading('assets', `Assets backed up here (${users.length})`));
  users.forEach((a, i) => lines.push(makeLine(`a${i}`, `${a.name} · ${a.resourceType} · ${a.classification.tier} · ${a.coverage.state}`, { tone: coverageTone(a.coverage.state), target: { kind: 'asset', arn: a.arn } })));
  return {
    kind: 'doc',
    title: record.vault.BackupVaultName,
    header: [[seg('vault '), seg(record.vault.BackupVaultName, 'accent'), seg(`  lock ${lock}`, lock === 'none' ? 'warn' : 'ok'), seg(`  ${accountName(data, record.accountId)} · ${record.region}`, 'dim')]],
    columns: [],
    rows: lines,
    empty: '',
  };
}
