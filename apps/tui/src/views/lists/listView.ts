/**
 * Organization-wide lists (`:assets`, `:jobs`, `:restores`, `:findings`, `:plans`, `:vaults`), optionally
 * narrowed by a scope when reached by drilling down.
 */
import type { JobRecord, OrgData } from '../../model/orgData.js';
import { failureReason } from '../pulse/pulseRows.js';
import { makeRow, seg } from '../row.js';
import type { ListKind, ListScope, ViewModel } from '../screen.js';
import { assetColumns, assetRows } from './assetRows.js';
import { findingColumns, findingRows } from './findingRows.js';
import { frameworkColumns, frameworkRows } from './frameworkRows.js';
import { jobColumns, jobRows, restoreColumns, restoreRows } from './jobRows.js';
import { planColumns, planRows, vaultColumns, vaultRows } from './planRows.js';

const TITLES: Record<ListKind, string> = {
  assets: 'Assets',
  jobs: 'Jobs',
  restores: 'Restores',
  findings: 'Findings',
  plans: 'Backup plans',
  vaults: 'Vaults',
  frameworks: 'Frameworks',
  gaps: 'Not evaluated',
};

function scopedJobs(data: OrgData, scope: ListScope | undefined, restores: boolean): readonly JobRecord[] {
  const base = scope?.accountId ? (data.jobsByAccount.get(scope.accountId) ?? []) : data.jobs;
  if (!scope && !restores) return base;
  return base.filter(
    (j) =>
      (restores ? j.kind === 'restore' : true) &&
      (!scope?.since || j.createdAt >= scope.since) &&
      (!scope?.states || scope.states.includes(j.state)) &&
      (!scope?.reason || failureReason(j) === scope.reason),
  );
}

/** An organization-wide list. */
export function listView(data: OrgData, list: ListKind, scope?: ListScope): ViewModel {
  const title = scope?.label ? `${TITLES[list]} · ${scope.label}` : TITLES[list];
  const byAccount = <T extends { accountId: string }>(items: readonly T[]): readonly T[] =>
    scope?.accountId ? items.filter((i) => i.accountId === scope.accountId) : items;
  const base = { kind: 'table' as const, title, header: [[seg(`${data.accounts.length} accounts`, 'dim')]] };
  switch (list) {
    case 'assets': {
      const arns = scope?.arns ? new Set(scope.arns) : undefined;
      const rows = assetRows(data, arns ? byAccount(data.assets).filter((a) => arns.has(a.arn)) : byAccount(data.assets), true);
      return { ...base, header: [[seg(`${rows.length} assets`, 'dim')]], columns: assetColumns(true), rows, empty: 'No assets.' };
    }
    case 'jobs': {
      const rows = jobRows(data, scopedJobs(data, scope, false), true);
      return { ...base, header: [[seg(`${rows.length} jobs, newest first`, 'dim')]], columns: jobColumns(true), rows, empty: 'No jobs.' };
    }
    case 'restores': {
      const rows = restoreRows(data, scopedJobs(data, scope, true), true);
      return { ...base, header: [[seg(`${rows.length} restore jobs, newest first`, 'dim')]], columns: restoreColumns(true), rows, empty: 'No restore jobs.' };
    }
    case 'findings': {
      const rows = findingRows(data, byAccount(data.findings), true);
      return { ...base, header: [[seg(`${rows.length} findings, worst first`, 'dim')]], columns: findingColumns(true), rows, empty: 'No findings.' };
    }
    case 'plans': {
      const rows = planRows(data, byAccount(data.plans), true);
      return { ...base, header: [[seg(`${rows.length} backup plans`, 'dim')]], columns: planColumns(true), rows, empty: 'No backup plans observed.' };
    }
    case 'frameworks': {
      const rows = frameworkRows(data.frameworks);
      const failing = rows.filter((r) => r.fault).length;
      return { ...base, header: [[seg(`${rows.length} rules, ${failing} failing`, 'dim')]], columns: frameworkColumns(), rows, empty: 'No framework rules in this posture.' };
    }
    case 'gaps': {
      // What the posture could not judge: a check (or every check, `*`) for a scope, and why.
      const gaps = data.posture.notEvaluated.filter((g) => !scope?.accountId || g.scope.includes(scope.accountId));
      const rows = gaps.map((g, i) =>
        makeRow({
          id: `${i}:${g.check}:${g.scope}`,
          cells: [g.check, g.scope, g.reason],
          fault: true,
          tone: 'warn',
          ...(data.assetByArn.has(g.scope) ? { target: { kind: 'asset' as const, arn: g.scope } } : {}),
        }),
      );
      return {
        ...base,
        header: [[seg(`${rows.length} checks the posture could not evaluate (figures that depend on them may be partial)`, rows.length ? 'warn' : 'dim')]],
        columns: [
          { title: 'CHECK', width: 14 },
          { title: 'SCOPE', width: 24, flex: true },
          { title: 'REASON', width: 30, flex: true },
        ],
        rows,
        empty: 'Every check was evaluated.',
      };
    }
    case 'vaults': {
      const rows = vaultRows(data, byAccount(data.vaults), true);
      return { ...base, header: [[seg(`${rows.length} vaults`, 'dim')]], columns: vaultColumns(true), rows, empty: 'No vaults observed.' };
    }
  }
}
