/**
 * Backup plans with their rules and selections: ListBackupPlans → GetBackupPlan → ListBackupSelections →
 * GetBackupSelection (a selection's criteria are only in GetBackupSelection).
 */
import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  paginateListBackupPlans,
  paginateListBackupSelections,
  type BackupClient,
  type BackupPlansListMember,
} from '@aws-sdk/client-backup';
import { backupPlanSchema, type BackupPlan } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, toPlain } from '../shapes.js';
import { conform } from '../validate.js';

const SERVICE = 'backup';

/** Every current plan of the Region; `undefined` when the plans could not be listed. */
export async function listBackupPlans(client: BackupClient, scope: RegionScope): Promise<BackupPlan[] | undefined> {
  const listed = await scope.errors.attempt({ service: SERVICE, operation: 'ListBackupPlans' }, () =>
    allPages(paginateListBackupPlans({ client }, { IncludeDeleted: false, MaxResults: 1000 }), (p) => p.BackupPlansList),
  );
  if (!listed) return undefined;
  const plans = await Promise.all(listed.map((member) => describePlan(client, member, scope)));
  return plans.filter((p): p is BackupPlan => p !== undefined);
}

async function describePlan(client: BackupClient, member: BackupPlansListMember, scope: RegionScope): Promise<BackupPlan | undefined> {
  const planId = member.BackupPlanId;
  if (!planId) return undefined;
  const resource = member.BackupPlanArn ?? planId;
  const [plan, selections] = await Promise.all([
    scope.errors.attempt({ service: SERVICE, operation: 'GetBackupPlan', resource }, () =>
      client.send(new GetBackupPlanCommand({ BackupPlanId: planId })),
    ),
    listSelections(client, planId, resource, scope),
  ]);
  if (!plan) return undefined;
  const record = {
    ...toPlain(plan),
    BackupPlanId: plan.BackupPlanId ?? planId,
    ...(selections ? { Selections: selections } : {}),
  };
  return conform(backupPlanSchema, record, scope.errors, { service: SERVICE, operation: 'GetBackupPlan', resource });
}

/** The plan's selections with their full criteria; `undefined` when they could not be listed. */
async function listSelections(client: BackupClient, planId: string, planResource: string, scope: RegionScope) {
  const listed = await scope.errors.attempt({ service: SERVICE, operation: 'ListBackupSelections', resource: planResource }, () =>
    allPages(paginateListBackupSelections({ client }, { BackupPlanId: planId, MaxResults: 1000 }), (p) => p.BackupSelectionsList),
  );
  if (!listed) return undefined;
  const selections = await Promise.all(
    listed.map(async (member) => {
      const selectionId = member.SelectionId;
      if (!selectionId) return undefined;
      const site = { service: SERVICE, operation: 'GetBackupSelection', resource: `${planResource}/selection/${selectionId}` };
      const out = await scope.errors.attempt(site, () =>
        client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId })),
      );
      if (!out?.BackupSelection) return undefined;
      const plain = toPlain(out);
      return { SelectionId: selectionId, BackupSelection: plain.BackupSelection, ...(plain.CreationDate ? { CreationDate: plain.CreationDate } : {}) };
    }),
  );
  return selections.filter((s) => s !== undefined);
}
