/**
 * Restore tests of a period, each judged against its asset's recovery objectives: duration against RTO
 * (DORA Art. 12(6)), age of the restored data against RPO, validation verdict (Art. 12(7)).
 */
import { arnParts, jobOutcome, restoreDataAgeHours, restoreDurationHours, restoreVerdict, type PostureAsset, type RestoreJob, type RestoreVerdict } from '@vaultscope/core';

/** One restore test with its derived figures. */
export interface RestoreTestRow {
  job: RestoreJob;
  region: string;
  planName: string;
  verdict: RestoreVerdict;
  tier?: string;
  durationHours?: number;
  dataAgeHours?: number;
  rtoHours?: number;
  rpoHours?: number;
  withinRto?: boolean;
  withinRpo?: boolean;
}

/** Totals over the period's restore tests. */
export interface RestoreSummary {
  total: number;
  passed: number;
  failed: number;
  pending: number;
  passRate: number | null;
  /** Tests with a validation verdict of SUCCESSFUL among those that completed. */
  validated: number;
  rto: { measured: number; met: number; attainment: number | null };
  rpo: { measured: number; met: number; attainment: number | null };
  /** Restore jobs that were not tests (operational restores). */
  otherRestores: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Derives a restore test's row; the asset (when known) supplies RTO and RPO. */
export function toRestoreTestRow(job: RestoreJob, asset: PostureAsset | undefined): RestoreTestRow {
  const durationHours = jobOutcome(job.Status) === 'completed' ? restoreDurationHours(job) : undefined;
  const dataAgeHours = restoreDataAgeHours(job);
  const rtoHours = asset?.classification.rtoHours;
  const rpoHours = asset?.classification.rpoHours;
  const planArn = job.CreatedBy?.RestoreTestingPlanArn ?? '';
  return {
    job,
    region: job.Region ?? arnParts(job.BackupVaultArn ?? job.SourceResourceArn ?? job.RecoveryPointArn ?? '').region,
    planName: planArn.split(':').pop() ?? planArn,
    verdict: restoreVerdict(job),
    ...(asset ? { tier: asset.classification.tier } : {}),
    ...(durationHours !== undefined ? { durationHours } : {}),
    ...(dataAgeHours !== undefined ? { dataAgeHours } : {}),
    ...(rtoHours !== undefined ? { rtoHours } : {}),
    ...(rpoHours !== undefined ? { rpoHours } : {}),
    ...(durationHours !== undefined && rtoHours !== undefined ? { withinRto: durationHours <= rtoHours } : {}),
    ...(dataAgeHours !== undefined && rpoHours !== undefined ? { withinRpo: dataAgeHours <= rpoHours } : {}),
  };
}

/** Totals for a list of rows. */
export function summarizeRestoreTests(rows: readonly RestoreTestRow[], otherRestores: number): RestoreSummary {
  let passed = 0;
  let failed = 0;
  let validated = 0;
  const rto = { measured: 0, met: 0 };
  const rpo = { measured: 0, met: 0 };
  for (const r of rows) {
    if (r.verdict === 'passed') passed++;
    else if (r.verdict === 'failed') failed++;
    if (r.job.ValidationStatus === 'SUCCESSFUL') validated++;
    if (r.withinRto !== undefined) {
      rto.measured++;
      if (r.withinRto) rto.met++;
    }
    if (r.withinRpo !== undefined) {
      rpo.measured++;
      if (r.withinRpo) rpo.met++;
    }
  }
  return {
    total: rows.length,
    passed,
    failed,
    pending: rows.length - passed - failed,
    passRate: ratio(passed, passed + failed),
    validated,
    rto: { ...rto, attainment: ratio(rto.met, rto.measured) },
    rpo: { ...rpo, attainment: ratio(rpo.met, rpo.measured) },
    otherRestores,
  };
}
