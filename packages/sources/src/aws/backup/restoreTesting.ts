/**
 * Restore-testing plans and their selections: ListRestoreTestingPlans → GetRestoreTestingPlan →
 * ListRestoreTestingSelections → GetRestoreTestingSelection.
 */
import {
  GetRestoreTestingPlanCommand,
  GetRestoreTestingSelectionCommand,
  paginateListRestoreTestingPlans,
  paginateListRestoreTestingSelections,
  type BackupClient,
  type RestoreTestingPlanForList,
} from '@aws-sdk/client-backup';
import { restoreTestingPlanSchema, type RestoreTestingPlan } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, toPlain } from '../shapes.js';
import { conform } from '../validate.js';

const SERVICE = 'backup';

export async function listRestoreTestingPlans(client: BackupClient, scope: RegionScope): Promise<RestoreTestingPlan[] | undefined> {
  const listed = await scope.errors.attempt({ service: SERVICE, operation: 'ListRestoreTestingPlans' }, () =>
    allPages(paginateListRestoreTestingPlans({ client }, { MaxResults: 1000 }), (p) => p.RestoreTestingPlans),
  );
  if (!listed) return undefined;
  const plans = await Promise.all(listed.map((member) => describePlan(client, member, scope)));
  return plans.filter((p): p is RestoreTestingPlan => p !== undefined);
}

async function describePlan(client: BackupClient, member: RestoreTestingPlanForList, scope: RegionScope): Promise<RestoreTestingPlan | undefined> {
  const name = member.RestoreTestingPlanName;
  if (!name) return undefined;
  const resource = member.RestoreTestingPlanArn ?? name;
  const [plan, selections] = await Promise.all([
    scope.errors.attempt({ service: SERVICE, operation: 'GetRestoreTestingPlan', resource }, async () =>
      (await client.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: name }))).RestoreTestingPlan,
    ),
    listSelections(client, name, resource, scope),
  ]);
  // Without GetRestoreTestingPlan the list entry still says the plan exists, its schedule and window.
  const record = { ...toPlain(plan ?? member), ...(selections ? { Selections: selections } : {}) };
  return conform(restoreTestingPlanSchema, record, scope.errors, { service: SERVICE, operation: 'GetRestoreTestingPlan', resource });
}

async function listSelections(client: BackupClient, planName: string, planResource: string, scope: RegionScope) {
  const listed = await scope.errors.attempt({ service: SERVICE, operation: 'ListRestoreTestingSelections', resource: planResource }, () =>
    allPages(
      paginateListRestoreTestingSelections({ client }, { RestoreTestingPlanName: planName, MaxResults: 1000 }),
      (p) => p.RestoreTestingSelections,
    ),
  );
  if (!listed) return undefined;
  const selections = await Promise.all(
    listed.map(async (member) => {
      const selectionName = member.RestoreTestingSelectionName;
      if (!selectionName) return undefined;
      const out = await scope.errors.attempt(
        { service: SERVICE, operation: 'GetRestoreTestingSelection', resource: `${planResource}/selection/${selectionName}` },
        async () =>
          (
            await client.send(
              new GetRestoreTestingSelectionCommand({ RestoreTestingPlanName: planName, RestoreTestingSelectionName: selectionName }),
            )
          ).RestoreTestingSelection,
      );
      return out ? toPlain(out) : undefined;
    }),
  );
  return selections.filter((s) => s !== undefined);
}
