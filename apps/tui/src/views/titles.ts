/**
 * Short names of screens for the breadcrumb, without building their views.
 */
import { sanitize } from '@vaultscope/core';
import { accountName, jobKey, planKey, type OrgData } from '../model/orgData.js';
import type { Screen } from './screen.js';

const LIST_TITLES = { assets: 'Assets', jobs: 'Jobs', restores: 'Restores', findings: 'Findings', plans: 'Plans', vaults: 'Vaults', frameworks: 'Frameworks', gaps: 'Not evaluated' } as const;

/** The breadcrumb name of a screen. */
export function screenTitle(data: OrgData | undefined, screen: Screen): string {
  switch (screen.kind) {
    case 'org':
      return 'Organization';
    case 'account':
      return sanitize(data ? accountName(data, screen.accountId) : screen.accountId);
    case 'asset':
      return sanitize(data?.assetByArn.get(screen.arn)?.name ?? 'asset');
    case 'job':
      return sanitize(`${screen.jobKind} ${data?.jobByKey.get(jobKey(screen.jobKind, screen.jobId))?.resourceName ?? 'job'}`);
    case 'finding':
      return sanitize(data?.findingById.get(screen.id)?.check ?? 'finding');
    case 'plan':
      return sanitize(data?.planByKey.get(planKey(screen.accountId, screen.region, screen.planId))?.plan.BackupPlan.BackupPlanName ?? 'plan');
    case 'vault':
      return sanitize(data?.vaultByArn.get(screen.arn)?.vault.BackupVaultName ?? 'vault');
    case 'list':
      return screen.scope?.label ? `${LIST_TITLES[screen.list]} (${sanitize(screen.scope.label)})` : LIST_TITLES[screen.list];
    case 'pulse':
      return 'Pulse';
    case 'help':
      return 'Help';
    case 'raw':
      return `${screenTitle(data, screen.of)} (raw)`;
  }
}
