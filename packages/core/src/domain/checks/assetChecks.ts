/**
 * The per-asset checks. Each one fires only on evidence; where the evidence was not observed it adds a
 * `notEvaluated` entry instead of passing silently.
 */
import type { Asset, RegionObservation } from '../../estate/schema.js';
import type { Policy } from '../../policy/schema.js';
import type { Classification, Finding, NotEvaluated, VaultRef } from '../../posture/schema.js';
import type { CoverageResult } from '../coverage.js';
import type { EstateIndex } from '../estateIndex.js';
import { inWindow } from '../jobWindow.js';
import { gapReason, selectionInputGap } from '../evidenceGaps.js';
import { observationImmutable } from '../airGap.js';
import { enableAdvancedDynamoDb } from '../copySupport.js';
import { isFault, isRestoreTest, jobOutcome, restoreVerdict } from '../jobs.js';
import { restoreDurationHours, restoreTestingCoverage, type RestoreTestIneligible } from '../restoreTesting.js';
import { isImmutable } from '../vaults.js';
import { makeFinding, type FindingInput } from './finding.js';
import { remediation } from './remediation.js';

/** Everything a per-asset check reads. */
export interface AssetCheckInput {
  asset: Asset;
  obs: RegionObservation;
  classification: Classification;
  coverage: CoverageResult;
  index: EstateIndex;
  policy: Policy;
  now: Date;
  /** Start of the evaluation window (now − policy.evaluationWindowDays). */
  windowStart: string;
}

/** Output of the per-asset checks. */
export interface AssetCheckOutput {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /** Whether the asset's restore testing is covered by a selection (undefined: not observed). */
  restoreTested?: boolean;
  /** A restore-testing selection names the asset but its plan can never pick its recovery points. */
  restoreTestIneligible?: RestoreTestIneligible;
}


function hours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  return h >= 48 && h % 24 === 0 ? `${h / 24} d` : `${Math.round(h * 10) / 10} h`;
}

/** Runs every per-asset check for one asset. */
export function runAssetChecks(input: AssetCheckInput): AssetCheckOutput {
  const { asset, obs, classification: cls, coverage: cov, index, policy, now, windowStart } = input;
  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const classPolicy = policy.classes[cls.tier];
  // One input object per finding, straight into makeFinding: 100,000 assets fire close to as many findings.
  const fire = (f: Omit<FindingInput, 'tier' | 'accountId' | 'region' | 'resourceArn'>): void => {
    findings.push(
      makeFinding({
        check: f.check,
        tier: cls.tier,
        accountId: obs.accountId,
        region: obs.region,
        resourceArn: asset.arn,
        resourceType: asset.resourceType,
        message: f.message,
        remediation: f.remediation,
        evidence: f.evidence,
        discriminator: f.discriminator,
      }),
    );
  };
  const skip = (check: string, reason: string): void => {
    notEvaluated.push({ check, scope: asset.arn, reason });
  };
  const state = cov.coverage.state;
  const selected = cov.coverage.selectedBy.length > 0;
  // Whose jobs and restore tests are this asset's evidence: its own, or its instance's when covered through it.
  const evidence = cov.through ?? asset;
  const firstPlan = cov.rules[0]?.plan.BackupPlanId ?? obs.backupPlans?.[0]?.BackupPlanId;
  const firstVault = cov.rules[0]?.rule.TargetBackupVaultName ?? 'Default';
  const label = `${asset.resourceType} ${asset.name}`;
  const gaps = index.gapsByArn.get(asset.arn);
  const tagsGap = gaps?.get('tags');
  if (tagsGap) skip('classification', `${gapReason('tags', tagsGap)}: classified and matched against selections without its tags`);

  // Service settings: PITR matters whether or not the class needs AWS Backup, wherever the class asks for it.
  if (asset.resourceType === 'DynamoDB' && classPolicy.dynamodbPitr) {
    const pitr = asset.attributes?.pointInTimeRecovery;
    if (pitr === 'DISABLED') {
      fire({
        check: 'dynamodb.pitr-disabled',
        message: `${label} has point-in-time recovery off: only snapshot recovery points exist (${cls.tier}, RPO ${hours(cls.rpoHours)})`,
        remediation: remediation.enablePitr(asset.name, obs.region),
      });
    } else if (pitr === undefined) {
      const gap = gaps?.get('pointInTimeRecovery');
      skip('dynamodb.pitr-disabled', gap ? gapReason('pointInTimeRecovery', gap) : 'point-in-time recovery status not observed');
    }
  }
  const versioningGap = asset.attributes?.versioning === undefined ? gaps?.get('versioning') : undefined;
  if (asset.resourceType === 'S3' && selected && versioningGap) {
    skip('s3.versioning-disabled', gapReason('versioning', versioningGap));
  } else if (asset.resourceType === 'S3' && selected && asset.attributes?.versioning !== 'Enabled') {
    fire({
      check: 's3.versioning-disabled',
      message: `${label} is selected by ${cov.coverage.selectedBy[0]?.planName} but versioning is ${asset.attributes?.versioning ?? 'never enabled'}: AWS Backup for S3 fails without it`,
      remediation: remediation.enableVersioning(asset.name),
    });
  }

  if (!cls.backupRequired) return { findings, notEvaluated };

  const optInType = cov.coverage.optInRequired ?? asset.resourceType;
  // A volume attached to an instance is best protected through the instance's AMI: the fix selects the instance.
  const instance = asset.resourceType === 'EBS' ? index.instanceOfVolume.get(asset.arn) : undefined;
  const unselectedInstance = instance ? ` (nor is its instance ${instance.name}, whose AMI would cover it)` : '';
  if (state === 'UNKNOWN') {
    const input = selectionInputGap(asset.resourceType, gaps);
    skip(
      'backup.not-in-plan',
      input
        ? `${gapReason(input.gap, input.error)}: whether a plan selects it cannot be decided`
        : 'backup plans or selections of this account and Region were not observed',
    );
  } else if (state === 'UNPROTECTED' || state === 'OPT_IN_BLOCKED') {
    fire({
      check: 'backup.not-in-plan',
      message:
        state === 'OPT_IN_BLOCKED'
          ? `${label} (${cls.tier}) would be selected${optInType !== asset.resourceType ? ` through its ${optInType} instance` : ''}, but ${optInType} is not opted in to AWS Backup in ${obs.region}`
          : `${label} (${cls.tier}, RPO ${hours(cls.rpoHours)}) is selected by no backup plan in ${obs.accountId}/${obs.region}${unselectedInstance}`,
      remediation:
        state === 'OPT_IN_BLOCKED'
          ? `aws backup update-region-settings --region ${obs.region} --resource-type-opt-in-preference ${optInType}=true`
          : remediation.addToPlan(instance?.arn ?? asset.arn, obs.accountId, obs.region, firstPlan),
    });
  }

  if (selected) {
    if (state === 'UNKNOWN') skip('backup.selected-never-protected', 'neither protected resources nor backup jobs were observed');
    if (state === 'SELECTED_NOT_PROTECTED') {
      fire({
        check: 'backup.selected-never-protected',
        message: `${label} is selected by ${cov.coverage.selectedBy.map((m) => m.planName).join(', ')} but has no recovery point`,
        remediation:
          asset.resourceType === 'S3' && asset.attributes?.versioning !== 'Enabled'
            ? remediation.enableVersioning(asset.name)
            : remediation.startBackup(asset.arn, obs.accountId, obs.region, firstVault),
      });
    }
    if (state === 'STALE' && cov.coverage.lastRecoveryPointAt) {
      const ageH = (now.getTime() - Date.parse(cov.coverage.lastRecoveryPointAt)) / 3_600_000;
      fire({
        check: 'backup.recovery-point-stale',
        message: `${label}: last recovery point is ${hours(ageH)} old, RPO is ${hours(cls.rpoHours)}`,
        remediation: remediation.inspectJobs(asset.arn, obs.region),
        evidence: { lastRecoveryPointAt: cov.coverage.lastRecoveryPointAt, ageHours: Math.round(ageH * 10) / 10 },
      });
    }
    const freq = cov.coverage.frequencyHours;
    // The policy's frequency is never longer than the RPO (checked on load), but may be stricter.
    const requiredFrequency = Math.min(classPolicy.backupFrequencyHours, cls.rpoHours);
    if (freq === undefined && cov.stoppedRules.length && !cov.scheduleProblems.length) {
      fire({
        check: 'backup.frequency-exceeds-rpo',
        message: `${label}: no covering rule runs again (${cov.stoppedRules.join(', ')}: the schedule's Year field has ended), RPO is ${hours(cls.rpoHours)}`,
        remediation: remediation.updatePlan(firstPlan ?? '<backup-plan-id>', obs.region, 'set a ScheduleExpression without an ended Year field, e.g. "cron(0 * ? * * *)"'),
        evidence: { stoppedRules: cov.stoppedRules.join(', '), rpoHours: cls.rpoHours },
      });
    } else if (cov.scheduleProblems.length && freq === undefined) {
      skip('backup.frequency-exceeds-rpo', `unreadable schedule: ${cov.scheduleProblems.join('; ')}`);
    } else if (freq !== undefined && freq > requiredFrequency) {
      fire({
        check: 'backup.frequency-exceeds-rpo',
        message: `${label}: the most frequent covering rule runs every ${hours(freq)}, ${cls.tier} policy requires every ${hours(requiredFrequency)} (RPO ${hours(cls.rpoHours)})`,
        remediation: remediation.updatePlan(firstPlan ?? '<backup-plan-id>', obs.region, `set ScheduleExpression to "cron(0 * ? * * *)" or EnableContinuousBackup=true`),
        evidence: { frequencyHours: freq, requiredFrequencyHours: requiredFrequency, rpoHours: cls.rpoHours },
      });
    }
    const retention = cov.coverage.retentionNeverExpires ? Number.POSITIVE_INFINITY : (cov.coverage.retentionDays ?? 0);
    if (retention < classPolicy.retentionDays) {
      fire({
        check: 'backup.retention-below-policy',
        message: `${label}: longest retention is ${retention} days, ${cls.tier} policy requires ${classPolicy.retentionDays}`,
        remediation: remediation.updatePlan(firstPlan ?? '<backup-plan-id>', obs.region, `set Lifecycle.DeleteAfterDays to ${classPolicy.retentionDays}`),
        evidence: { retentionDays: retention, requiredDays: classPolicy.retentionDays },
      });
    }
    // Copies the rules ask for but AWS does not make for this type (and Region) are not credited.
    const notMade = cov.coverage.copiesNotMade ?? [];
    const blockedNote = (kind: 'Region' | 'account'): string => {
      const relevant = notMade.filter((n) => (kind === 'Region' ? arnRegion(n.destination) !== obs.region : arnAccount(n.destination) !== obs.accountId));
      return relevant.length ? `; the rules copy to ${relevant.map((n) => n.destination).join(', ')}, but ${relevant[0]!.reason}` : '';
    };
    const copyFix = (fallback: string): string =>
      notMade.some((n) => n.reason.startsWith('DynamoDB without')) ? enableAdvancedDynamoDb(obs.region) : fallback;
    // Copies whose support could not be decided are listed as the rules say, and the checks say "not evaluated".
    if (classPolicy.crossRegionCopy && cov.copySupportUnknown && cov.coverage.copyRegions.length > 0) {
      skip('backup.no-cross-region-copy', cov.copySupportUnknown);
    } else if (classPolicy.crossRegionCopy && cov.coverage.copyRegions.length === 0) {
      fire({
        check: 'backup.no-cross-region-copy',
        message: `${label} (${cls.tier}) has no copy outside ${obs.region}${blockedNote('Region')}`,
        remediation: copyFix(remediation.updatePlan(firstPlan ?? '<backup-plan-id>', obs.region, `add CopyActions [{"DestinationBackupVaultArn":"arn:aws:backup:<other-region>:${obs.accountId}:backup-vault:<vault>"}]`)),
      });
    }
    if (classPolicy.crossAccountCopy && cov.copySupportUnknown && cov.coverage.copyAccounts.length > 0) {
      skip('backup.no-cross-account-copy', cov.copySupportUnknown);
    } else if (classPolicy.crossAccountCopy && cov.coverage.copyAccounts.length === 0) {
      fire({
        check: 'backup.no-cross-account-copy',
        message: `${label} (${cls.tier}) has no copy outside account ${obs.accountId}${blockedNote('account')}`,
        remediation: copyFix(remediation.updatePlan(firstPlan ?? '<backup-plan-id>', obs.region, `add CopyActions [{"DestinationBackupVaultArn":"arn:aws:backup:${obs.region}:<backup-account>:backup-vault:<vault>"}]`)),
      });
    }
    if (classPolicy.vaultLock) {
      // Vaults AWS never sends this asset's backups to do not count, whatever their lock.
      const vaults = cov.coverage.vaults.filter((v) => v.reach !== 'none');
      const immutable = vaults.some((v) => vaultIsolates(v)) || vaults.some((v) => observationImmutable(v.observed));
      const pendingCopy = vaults.filter((v) => v.airGapped && v.reach === 'copy' && !v.observed);
      if (!immutable && vaults.some((v) => v.lock === 'unknown')) {
        skip('backup.vault-not-locked', `vault(s) not observed: ${vaults.filter((v) => v.lock === 'unknown').map((v) => v.arn ?? v.name).join(', ')}`);
      } else if (!immutable && pendingCopy.length > 0 && !index.copyJobsByArn) {
        skip('backup.vault-not-locked', `${asset.resourceType} reaches air-gapped vault ${pendingCopy[0]!.name} only by copy, and copy jobs were not observed`);
      } else if (!immutable) {
        const why = [
          ...pendingCopy.map((v) => `${asset.resourceType} reaches air-gapped ${v.name} only by copy, and no copy into it completed in ${policy.evaluationWindowDays} days`),
          ...cov.coverage.vaults.filter((v) => v.reach === 'none' && v.airGapped).map((v) => `${v.name}: ${v.reachReason ?? 'not reached'}`),
        ];
        fire({
          check: 'backup.vault-not-locked',
          message: `${label} (${cls.tier}): none of its vaults (${cov.coverage.vaults.map((v) => v.name).join(', ')}) has a Vault Lock or is air-gapped${why.length ? ` (${why.join('; ')})` : ''}`,
          remediation: cov.coverage.vaults.some((v) => v.reach === 'none' && v.reachReason?.includes('advanced features'))
            ? enableAdvancedDynamoDb(obs.region)
            : remediation.lockVault(firstVault, obs.region, classPolicy.retentionDays),
        });
      }
    }
  }

  // Job failures in the window, backup and copy.
  if (index.backupJobsByArn && index.copyJobsByArn) {
    // Scanned in place: jobs outnumber assets, and most of them succeeded.
    let count = 0;
    let latest: { id: string; at: string; state: string; category?: string; message?: string } | undefined;
    const consider = (id: string, job: { CreationDate: string; State: string; MessageCategory?: string; StatusMessage?: string }): void => {
      if (job.CreationDate < windowStart || !isFault(jobOutcome(job.State, job.MessageCategory))) return;
      count++;
      if (!latest || job.CreationDate > latest.at) {
        latest = { id, at: job.CreationDate, state: job.State, category: job.MessageCategory, message: job.StatusMessage };
      }
    };
    for (const j of index.backupJobsByArn.get(evidence.arn) ?? []) consider(j.BackupJobId, j);
    for (const j of index.copyJobsByArn.get(evidence.arn) ?? []) consider(j.CopyJobId, j);
    if (latest) {
      fire({
        check: 'backup.job-failures',
        message: `${label}: ${count} backup/copy job(s) failed, expired or completed with issues in ${policy.evaluationWindowDays} days; latest ${latest.state}${latest.message ? `: ${latest.message}` : ''}`,
        remediation: remediation.inspectJobs(asset.arn, obs.region),
        evidence: { count, latestJobId: latest.id, latestState: latest.state, latestCategory: latest.category },
      });
    }
  } else skip('backup.job-failures', 'backup or copy job history not observed');

  // Restore testing: a volume covered through its instance is restored (and tested) as the instance.
  const restoreSel = restoreTestingCoverage(evidence, obs, cov.recoveryPointVaults, cov.coverage.continuous === true);
  const restores = index.restoreJobsByArn ? inWindow(index.restoreJobsByArn.get(evidence.arn), windowStart) : undefined;
  const tests = restores && restores.length ? restores.filter(isRestoreTest) : restores;
  if (classPolicy.restoreTesting === 'required') {
    if (restoreSel === undefined || tests === undefined) {
      skip('restore.not-tested', restoreSel === undefined ? 'restore-testing plans not observed' : 'restore job history not observed');
    } else {
      const passed = tests.filter((t) => restoreVerdict(t) === 'passed');
      if (!restoreSel.covered || passed.length === 0) {
        const ineligible = restoreSel.ineligible;
        const plan = ineligible ? obs.restoreTestingPlans?.find((p) => p.RestoreTestingPlanName === ineligible.planName) : undefined;
        fire({
          check: 'restore.not-tested',
          message: ineligible
            ? `${label} is named by restore-testing selection ${ineligible.selectionName}, but plan ${ineligible.planName} can never pick its recovery points: ${ineligible.reason}`
            : restoreSel.covered
              ? `${label} is in restore-testing selection ${restoreSel.selectionName} but no test succeeded in ${policy.evaluationWindowDays} days`
              : `${label} (${cls.tier}) is covered by no restore-testing selection`,
          remediation:
            ineligible && plan
              ? remediation.includeRestoreVault(plan, ineligible.vaults, obs.region)
              : remediation.addRestoreTest(evidence.arn, obs.accountId, obs.region, evidence.resourceType, obs.restoreTestingPlans?.[0]?.RestoreTestingPlanName),
          ...(ineligible ? { evidence: { restoreTestingPlan: ineligible.planName, vaults: ineligible.vaults.join(', ') } } : {}),
        });
      }
    }
  }
  for (const test of tests ?? []) {
    if (restoreVerdict(test) === 'failed') {
      const why = test.ValidationStatus === 'FAILED' || test.ValidationStatus === 'TIMED_OUT' ? `validation ${test.ValidationStatus}` : `restore ${test.Status}`;
      fire({
        check: 'restore.test-failed',
        discriminator: test.RestoreJobId,
        message: `${label}: restore test ${test.RestoreJobId} on ${test.CreationDate.slice(0, 10)}: ${why}${test.ValidationStatusMessage ?? test.StatusMessage ? ` — ${test.ValidationStatusMessage ?? test.StatusMessage}` : ''}`,
        remediation: remediation.describeRestore(test.RestoreJobId, obs.region),
        evidence: { restoreJobId: test.RestoreJobId, status: test.Status, validationStatus: test.ValidationStatus },
      });
    }
  }
  for (const job of restores ?? []) {
    const duration = restoreDurationHours(job);
    if (duration !== undefined && jobOutcome(job.Status) === 'completed' && duration > cls.rtoHours) {
      fire({
        check: 'restore.time-exceeds-rto',
        discriminator: job.RestoreJobId,
        message: `${label}: ${isRestoreTest(job) ? 'restore test' : 'restore'} ${job.RestoreJobId} took ${hours(duration)}, RTO is ${hours(cls.rtoHours)}`,
        remediation: remediation.speedUpRestore(job.RestoreJobId, obs.region),
        evidence: { restoreJobId: job.RestoreJobId, durationHours: Math.round(duration * 100) / 100, rtoHours: cls.rtoHours },
      });
    }
  }
  if (!restoreSel) return { findings, notEvaluated };
  return restoreSel.ineligible
    ? { findings, notEvaluated, restoreTested: false, restoreTestIneligible: restoreSel.ineligible }
    : { findings, notEvaluated, restoreTested: restoreSel.covered };
}

const arnRegion = (arn: string): string => arn.split(':')[3] ?? '';
const arnAccount = (arn: string): string => arn.split(':')[4] ?? '';

/** Whether a vault's configuration isolates this asset's backups: a Vault Lock, or an air-gapped vault it reaches. */
function vaultIsolates(v: VaultRef): boolean {
  // A vault the type reaches only by copy isolates nothing until a copy into it completed, whatever its lock.
  if (v.reach === 'none') return false;
  if (v.reach === 'copy') return v.observed?.via === 'copy';
  return isImmutable(v);
}
