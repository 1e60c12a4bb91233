/**
 * Restore testing: which assets a restore-testing selection covers, and how a restore (test) job is judged.
 */
import type { Asset, RegionObservation, RestoreJob } from '../estate/schema.js';

const TAG_PREFIX = 'aws:ResourceTag/';
const bareKey = (key: string): string => (key.startsWith(TAG_PREFIX) ? key.slice(TAG_PREFIX.length) : key);

const NOT_COVERED: { covered: boolean } = Object.freeze({ covered: false });

/** The restore-testing selection that covers an asset, if any. `undefined` result means not observed. */
export function restoreTestingSelectionFor(
  asset: Asset,
  obs: RegionObservation,
): { covered: boolean; planName?: string; selectionName?: string } | undefined {
  if (!obs.restoreTestingPlans) return undefined;
  for (const plan of obs.restoreTestingPlans) {
    for (const sel of plan.Selections ?? []) {
      if (sel.ProtectedResourceType !== asset.resourceType) continue;
      const arns = sel.ProtectedResourceArns ?? [];
      const listed = arns.includes('*') || arns.includes(asset.arn);
      if (!listed) continue;
      // AWS evaluates these against the tags of the latest recovery point; we only see the live resource's tags.
      const conditions = sel.ProtectedResourceConditions;
      const equals = (conditions?.StringEquals ?? []).every((c) => asset.tags[bareKey(c.Key)] === c.Value);
      const notEquals = (conditions?.StringNotEquals ?? []).every((c) => asset.tags[bareKey(c.Key)] !== c.Value);
      if (equals && notEquals) {
        return { covered: true, planName: plan.RestoreTestingPlanName, selectionName: sel.RestoreTestingSelectionName };
      }
    }
  }
  return NOT_COVERED;
}

/** A restore job is a restore test exactly when a restore-testing plan created it. */
export function isRestoreTest(job: RestoreJob): boolean {
  return Boolean(job.CreatedBy?.RestoreTestingPlanArn);
}

export type RestoreVerdict = 'passed' | 'failed' | 'pending';

/** Passed: restored and not invalidated; failed: restore failed/aborted or validation failed/timed out. */
export function restoreVerdict(job: RestoreJob): RestoreVerdict {
  if (job.Status === 'FAILED' || job.Status === 'ABORTED') return 'failed';
  if (job.ValidationStatus === 'FAILED' || job.ValidationStatus === 'TIMED_OUT') return 'failed';
  if (job.Status === 'COMPLETED' && job.ValidationStatus !== 'VALIDATING') return 'passed';
  return 'pending';
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
