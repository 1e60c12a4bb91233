/**
 * Restore testing: which assets a restore-testing selection covers, and how long restores took. How a restore (test)
 * job is judged is in `jobs.ts` with the other job states.
 */
import type { Asset, RegionObservation, RestoreJob, RestoreTestingPlan } from '../estate/schema.js';

const TAG_PREFIX = 'aws:ResourceTag/';
const bareKey = (key: string): string => (key.startsWith(TAG_PREFIX) ? key.slice(TAG_PREFIX.length) : key);

const NOT_COVERED: { covered: false } = Object.freeze({ covered: false });

/** The restore-testing selection that covers an asset, if any. `undefined` result means not observed. */
export function restoreTestingSelectionFor(
  asset: Asset,
  obs: RegionObservation,
): { covered: boolean; planName?: string; selectionName?: string } | undefined {
  if (!obs.restoreTestingPlans) return undefined;
  for (const plan of obs.restoreTestingPlans) {
    for (const sel of plan.Selections ?? []) {
      if (selectionNames(sel, asset)) return { covered: true, planName: plan.RestoreTestingPlanName, selectionName: sel.RestoreTestingSelectionName };
    }
  }
  return NOT_COVERED;
}

/** Whether a restore-testing selection names the asset (type, ARN or `*`, tag conditions). */
function selectionNames(sel: NonNullable<RestoreTestingPlan['Selections']>[number], asset: Asset): boolean {
  if (sel.ProtectedResourceType !== asset.resourceType) return false;
  const arns = sel.ProtectedResourceArns ?? [];
  if (!arns.includes('*') && !arns.includes(asset.arn)) return false;
  // AWS evaluates these against the tags of the latest recovery point; we only see the live resource's tags.
  const conditions = sel.ProtectedResourceConditions;
  const equals = (conditions?.StringEquals ?? []).every((c) => asset.tags[bareKey(c.Key)] === c.Value);
  const notEquals = (conditions?.StringNotEquals ?? []).every((c) => asset.tags[bareKey(c.Key)] !== c.Value);
  return equals && notEquals;
}

/** Why a restore-testing plan can never pick one of the asset's recovery points. */
export interface RestoreTestIneligible {
  planName: string;
  selectionName: string;
  reason: string;
  vaults: string[];
}

/** The restore-testing verdict for one asset: covered, or named but never testable, or named by nothing. */
export interface RestoreTestingCoverage {
  covered: boolean;
  planName?: string;
  selectionName?: string;
  ineligible?: RestoreTestIneligible;
}

const vaultPatterns = new Map<string, RegExp>();

/** IncludeVaults/ExcludeVaults entries: `*`, a vault ARN, or an ARN with `*` wildcards (`…:backup-vault:asdf-*`). */
export function vaultSelectorMatches(pattern: string, vaultArn: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === vaultArn;
  let re = vaultPatterns.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&')).join('.*')}$`);
    vaultPatterns.set(pattern, re);
  }
  return re.test(vaultArn);
}

/**
 * Why the plan can never restore one of these recovery points, or undefined when it can (or it cannot be told).
 * RestoreTestingRecoveryPointSelection (API reference): recovery points are chosen only from `IncludeVaults`
 * ("one or more backup vaults … the wildcard ["*"] or specific ARNs") minus `ExcludeVaults`, and only of the listed
 * `RecoveryPointTypes` (SNAPSHOT and/or CONTINUOUS).
 */
export function restoreTestIneligibility(plan: RestoreTestingPlan, vaults: readonly string[], continuous: boolean): string | undefined {
  const selection = plan.RecoveryPointSelection;
  if (!selection || vaults.length === 0) return undefined;
  const types = selection.RecoveryPointTypes;
  if (types && types.length > 0 && !types.includes('SNAPSHOT') && !continuous) {
    return `the plan restores only ${types.join('/')} recovery points and the asset has no continuous backup`;
  }
  const include = selection.IncludeVaults ?? [];
  const exclude = selection.ExcludeVaults ?? [];
  const included = vaults.filter((v) => include.some((p) => vaultSelectorMatches(p, v)));
  const eligible = included.filter((v) => !exclude.some((p) => vaultSelectorMatches(p, v)));
  if (eligible.length > 0) return undefined;
  const names = vaults.map((v) => v.slice(v.lastIndexOf(':') + 1)).join(', ');
  return included.length === 0
    ? `its recovery points sit in ${names}, none of them in IncludeVaults [${include.join(', ')}]`
    : `its recovery points sit in ${names}, excluded by ExcludeVaults [${exclude.join(', ')}]`;
}

/**
 * Whether a restore-testing selection covers the asset and its plan can pick one of its recovery points.
 * `vaults`: where the asset's recovery points sit; `continuous`: whether it has continuous backup.
 * `undefined` means restore-testing plans were not observed.
 */
export function restoreTestingCoverage(asset: Asset, obs: RegionObservation, vaults: readonly string[], continuous: boolean): RestoreTestingCoverage | undefined {
  if (!obs.restoreTestingPlans) return undefined;
  let first: RestoreTestIneligible | undefined;
  for (const plan of obs.restoreTestingPlans) {
    for (const sel of plan.Selections ?? []) {
      if (!selectionNames(sel, asset)) continue;
      const reason = restoreTestIneligibility(plan, vaults, continuous);
      if (reason === undefined) return { covered: true, planName: plan.RestoreTestingPlanName, selectionName: sel.RestoreTestingSelectionName };
      first ??= { planName: plan.RestoreTestingPlanName, selectionName: sel.RestoreTestingSelectionName, reason, vaults: [...vaults] };
    }
  }
  return first ? { covered: false, planName: first.planName, selectionName: first.selectionName, ineligible: first } : NOT_COVERED;
}

/** Restore duration in hours (CompletionDate − CreationDate), when the job finished. */
export function restoreDurationHours(job: RestoreJob): number | undefined {
  if (!job.CompletionDate) return undefined;
  return (Date.parse(job.CompletionDate) - Date.parse(job.CreationDate)) / 3_600_000;
}

/** Age of the restored data at restore time in hours (CreationDate − RecoveryPointCreationDate). */
export function restoreDataAgeHours(job: RestoreJob): number | undefined {
  if (!job.RecoveryPointCreationDate) return undefined;
  return (Date.parse(job.CreationDate) - Date.parse(job.RecoveryPointCreationDate)) / 3_600_000;
}
