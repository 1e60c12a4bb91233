/**
 * The columns of every CSV in a pack. `docs/csv-columns.md` documents them (a test keeps the two in step).
 * Column names are stable: a column may be added at the end, never renamed or given a new meaning.
 */
import {
  CHECKS,
  arnParts,
  coverageNotes,
  isRestoreTest,
  type BackupJob,
  type CopyJob,
  type Finding,
  type PostureAsset,
  type RestoreJob,
} from '@vaultscope/core';
import type { DoraRow } from '../model/dora.js';
import type { ExceptionRow } from '../model/exceptions.js';
import type { ObjectiveRow } from '../model/objectives.js';
import type { VaultRow } from '../model/vaults.js';
import type { RestoreTestRow } from '../model/restoreTestRows.js';
import { copyDirection } from '../model/stats.js';
import type { AuditEvidenceRow } from '../model/auditManager.js';
import { jobRegion } from '../model/jobRegion.js';
import type { Column } from './writeCsv.js';

/** Lookups the columns need. */
export interface CsvContext {
  accountName(accountId: string): string | undefined;
  /** The asset's business function (from the policy's `businessFunctionTags`), when it has one. */
  businessFunction?(arn: string): string | undefined;
}

const minutesBetween = (from: string | undefined, to: string | undefined): number | undefined =>
  from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 60_000) : undefined;
const round2 = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * 100) / 100);
const join = (values: readonly string[] | undefined): string => (values ?? []).join('; ');


export function assetColumns(ctx: CsvContext): Column<PostureAsset>[] {
  return [
    { header: 'account_id', value: (a) => a.accountId, doc: 'AWS account id' },
    { header: 'account_name', value: (a) => ctx.accountName(a.accountId), doc: 'account name from AWS Organizations' },
    { header: 'region', value: (a) => a.region, doc: 'AWS Region' },
    { header: 'resource_type', value: (a) => a.resourceType, doc: 'AWS Backup resource type (S3, RDS, Aurora, DynamoDB, EFS, EBS, EC2, FSx, …)' },
    { header: 'name', value: (a) => a.name, doc: 'resource name' },
    { header: 'arn', value: (a) => a.arn, doc: 'resource ARN' },
    { header: 'class', value: (a) => a.classification.tier, doc: 'data class: critical, important, standard, archival' },
    { header: 'classification_rule', value: (a) => a.classification.rule, doc: 'the rule that decided the class (tag, name pattern, service default)' },
    { header: 'rto_hours', value: (a) => a.classification.rtoHours, doc: 'recovery time objective of the class, hours' },
    { header: 'rpo_hours', value: (a) => a.classification.rpoHours, doc: 'recovery point objective of the class, hours' },
    { header: 'backup_required', value: (a) => a.classification.backupRequired, doc: 'true when the policy requires a backup' },
    { header: 'reproducible', value: (a) => a.classification.reproducible, doc: 'true for derived data that can be rebuilt' },
    { header: 'coverage_state', value: (a) => a.coverage.state, doc: 'PROTECTED, STALE, SELECTED_NOT_PROTECTED, UNPROTECTED, NOT_REQUIRED, OPT_IN_BLOCKED, UNKNOWN' },
    { header: 'selected_by', value: (a) => join(a.coverage.selectedBy.map((s) => `${s.planName} / ${s.selectionName} (${s.clause})`)), doc: 'backup plan / selection (clause) that select the asset, `; `-separated' },
    { header: 'last_recovery_point_at', value: (a) => a.coverage.lastRecoveryPointAt, doc: 'time of the newest recovery point (ISO-8601, UTC)' },
    { header: 'backup_frequency_hours', value: (a) => a.coverage.frequencyHours, doc: 'longest gap between scheduled backups of the most frequent covering rule' },
    { header: 'retention_days', value: (a) => (a.coverage.retentionNeverExpires ? 'never expires' : a.coverage.retentionDays), doc: 'longest retention of a covering rule, days (`never expires` when a rule keeps forever)' },
    { header: 'copy_regions', value: (a) => join(a.coverage.copyRegions), doc: 'Regions that covering rules copy to (copies AWS does not make for the resource type are left out: see coverage_notes)' },
    { header: 'copy_accounts', value: (a) => join(a.coverage.copyAccounts), doc: 'accounts that covering rules copy to (copies AWS does not make for the resource type are left out: see coverage_notes)' },
    { header: 'vault_lock', value: (a) => join(a.coverage.vaults.map((v) => `${v.name}:${v.lock}`)), doc: 'target vaults and their Vault Lock mode (compliance, governance, none, unknown)' },
    { header: 'air_gapped', value: (a) => a.coverage.vaults.some((v) => v.airGapped), doc: 'true when a target vault is logically air-gapped' },
    { header: 'restore_tested', value: (a) => a.coverage.restoreTested, doc: 'true when a restore-testing selection covers the asset and its plan can pick one of its recovery points' },
    { header: 'owner', value: (a) => a.classification.owner, doc: 'owner from tags' },
    { header: 'size_bytes', value: (a) => a.sizeBytes, doc: 'size as reported by the service, bytes' },
    { header: 'coverage_notes', value: (a) => join(coverageNotes(a.coverage).map((n) => n.text)), doc: 'why the coverage reads as it does where AWS behaviour decided it (covered through an EC2 instance, opt-in, copies not made, air-gapped reach, job evidence, restore-test eligibility), `; `-separated' },
    { header: 'business_function', value: (a) => ctx.businessFunction?.(a.arn), doc: 'business function from the first of the policy\'s `businessFunctionTags` the asset carries (default `BusinessFunction`, `Application`)' },
  ];
}

export function findingColumns(ctx: CsvContext): Column<Finding>[] {
  return [
    { header: 'id', value: (f) => f.id, doc: 'stable finding id (same check, account, Region and resource → same id)' },
    { header: 'severity', value: (f) => f.severity, doc: 'critical, high, medium, low, info' },
    { header: 'check', value: (f) => f.check, doc: 'check id (see the posture format)' },
    { header: 'title', value: (f) => CHECKS[f.check].title, doc: 'check title' },
    { header: 'account_id', value: (f) => f.accountId, doc: 'AWS account id' },
    { header: 'account_name', value: (f) => ctx.accountName(f.accountId), doc: 'account name' },
    { header: 'region', value: (f) => f.region, doc: 'AWS Region' },
    { header: 'resource_arn', value: (f) => f.resourceArn, doc: 'affected resource' },
    { header: 'message', value: (f) => f.message, doc: 'what was found' },
    { header: 'remediation', value: (f) => f.remediation, doc: 'how to fix it (often an AWS CLI command)' },
    { header: 'dora', value: (f) => join(f.dora), doc: 'DORA provisions the finding is evidence for' },
    { header: 'frameworks', value: (f) => join(f.frameworks ?? []), doc: 'compliance framework rules the finding speaks to, `framework/rule` (e.g. `nist-800-53-r5/dynamodb-in-backup-plan`)' },
  ];
}

export function backupJobColumns(ctx: CsvContext): Column<BackupJob>[] {
  return [
    { header: 'backup_job_id', value: (j) => j.BackupJobId, doc: 'AWS Backup job id' },
    { header: 'account_id', value: (j) => j.AccountId, doc: 'account that owns the job' },
    { header: 'account_name', value: (j) => ctx.accountName(j.AccountId), doc: 'account name' },
    { header: 'region', value: jobRegion, doc: 'AWS Region' },
    { header: 'resource_type', value: (j) => j.ResourceType, doc: 'AWS Backup resource type' },
    { header: 'resource_name', value: (j) => j.ResourceName, doc: 'resource name (not unique)' },
    { header: 'resource_arn', value: (j) => j.ResourceArn, doc: 'protected resource' },
    { header: 'state', value: (j) => j.State, doc: 'CREATED, PENDING, RUNNING, ABORTING, ABORTED, COMPLETED, FAILED, EXPIRED, PARTIAL' },
    { header: 'message_category', value: (j) => j.MessageCategory, doc: 'AWS message category (SUCCESS, AccessDenied, …)' },
    { header: 'status_message', value: (j) => j.StatusMessage, doc: 'AWS status message (the failure reason)' },
    { header: 'creation_date', value: (j) => j.CreationDate, doc: 'job creation (ISO-8601, UTC); the period filter uses this' },
    { header: 'completion_date', value: (j) => j.CompletionDate, doc: 'job completion' },
    { header: 'duration_minutes', value: (j) => minutesBetween(j.CreationDate, j.CompletionDate), doc: 'completion − creation, minutes' },
    { header: 'backup_size_bytes', value: (j) => j.BackupSizeInBytes, doc: 'as AWS reports it (meaning varies by service)' },
    { header: 'backup_vault_name', value: (j) => j.BackupVaultName, doc: 'target vault' },
    { header: 'vault_type', value: (j) => j.VaultType, doc: 'BACKUP_VAULT or LOGICALLY_AIR_GAPPED_BACKUP_VAULT' },
    { header: 'vault_lock_state', value: (j) => j.VaultLockState, doc: 'LOCKED or UNLOCKED' },
    { header: 'recovery_point_arn', value: (j) => j.RecoveryPointArn, doc: 'resulting recovery point' },
    { header: 'backup_plan_name', value: (j) => j.CreatedBy?.BackupPlanName, doc: 'plan that created the job (empty for on-demand jobs)' },
    { header: 'backup_rule_name', value: (j) => j.CreatedBy?.BackupRuleName, doc: 'rule that created the job' },
  ];
}

export function copyJobColumns(ctx: CsvContext): Column<CopyJob>[] {
  // Several columns read the direction of the same row: work it out once per row.
  let lastJob: CopyJob | undefined;
  let lastDir: ReturnType<typeof copyDirection> | undefined;
  const direction = (j: CopyJob): ReturnType<typeof copyDirection> => {
    if (j !== lastJob || !lastDir) {
      lastJob = j;
      lastDir = copyDirection(j);
    }
    return lastDir;
  };
  return [
    { header: 'copy_job_id', value: (j) => j.CopyJobId, doc: 'AWS Backup copy job id' },
    { header: 'account_id', value: (j) => j.AccountId, doc: 'account that owns the job' },
    { header: 'account_name', value: (j) => ctx.accountName(j.AccountId), doc: 'account name' },
    { header: 'resource_type', value: (j) => j.ResourceType, doc: 'AWS Backup resource type' },
    { header: 'resource_name', value: (j) => j.ResourceName, doc: 'resource name' },
    { header: 'resource_arn', value: (j) => j.ResourceArn, doc: 'protected resource' },
    { header: 'state', value: (j) => j.State, doc: 'CREATED, RUNNING, COMPLETED, FAILED, PARTIAL' },
    { header: 'message_category', value: (j) => j.MessageCategory, doc: 'AWS message category' },
    { header: 'status_message', value: (j) => j.StatusMessage, doc: 'AWS status message' },
    { header: 'creation_date', value: (j) => j.CreationDate, doc: 'job creation (ISO-8601, UTC)' },
    { header: 'completion_date', value: (j) => j.CompletionDate, doc: 'job completion' },
    { header: 'source_region', value: (j) => direction(j).sourceRegion, doc: 'Region of the source vault' },
    { header: 'source_vault_arn', value: (j) => j.SourceBackupVaultArn, doc: 'source vault' },
    { header: 'destination_account_id', value: (j) => direction(j).destAccount, doc: 'account of the destination vault' },
    { header: 'destination_region', value: (j) => direction(j).destRegion, doc: 'Region of the destination vault' },
    { header: 'destination_vault_arn', value: (j) => j.DestinationBackupVaultArn, doc: 'destination vault' },
    { header: 'cross_region', value: (j) => direction(j).crossRegion, doc: 'true when the destination is in another Region (DORA Art. 12(3))' },
    { header: 'cross_account', value: (j) => direction(j).crossAccount, doc: 'true when the destination is in another account (DORA Art. 12(3))' },
    { header: 'destination_vault_type', value: (j) => j.DestinationVaultType, doc: 'BACKUP_VAULT or LOGICALLY_AIR_GAPPED_BACKUP_VAULT' },
    { header: 'destination_vault_lock_state', value: (j) => j.DestinationVaultLockState, doc: 'LOCKED or UNLOCKED' },
    { header: 'backup_size_bytes', value: (j) => j.BackupSizeInBytes, doc: 'as AWS reports it' },
  ];
}

/** Every restore job of the period, tests and operational restores alike (the manifest's restore count). */
export function restoreJobColumns(ctx: CsvContext): Column<RestoreJob>[] {
  return [
    { header: 'restore_job_id', value: (j) => j.RestoreJobId, doc: 'AWS Backup restore job id' },
    { header: 'account_id', value: (j) => j.AccountId, doc: 'account that owns the job' },
    { header: 'account_name', value: (j) => ctx.accountName(j.AccountId), doc: 'account name' },
    { header: 'region', value: (j) => j.Region ?? (arnParts(j.BackupVaultArn ?? j.SourceResourceArn ?? j.RecoveryPointArn ?? '').region || ''), doc: 'AWS Region' },
    { header: 'resource_type', value: (j) => j.ResourceType, doc: 'AWS Backup resource type' },
    { header: 'source_resource_arn', value: (j) => j.SourceResourceArn, doc: 'the resource whose backup was restored' },
    { header: 'restore_test', value: (j) => isRestoreTest(j), doc: 'true for a restore test (started by a restore-testing plan; also in restore-tests.csv), false for an operational restore' },
    { header: 'restore_testing_plan', value: (j) => j.CreatedBy?.RestoreTestingPlanArn?.split(':').pop(), doc: 'restore-testing plan that started it (empty for an operational restore)' },
    { header: 'status', value: (j) => j.Status, doc: 'PENDING, RUNNING, COMPLETED, ABORTED, FAILED' },
    { header: 'creation_date', value: (j) => j.CreationDate, doc: 'start (ISO-8601, UTC)' },
    { header: 'completion_date', value: (j) => j.CompletionDate, doc: 'completion' },
    { header: 'recovery_point_arn', value: (j) => j.RecoveryPointArn, doc: 'the recovery point restored' },
    { header: 'created_resource_arn', value: (j) => j.CreatedResourceArn, doc: 'the resource the restore created' },
    { header: 'status_message', value: (j) => j.StatusMessage, doc: 'AWS status message' },
  ];
}

export function restoreTestColumns(ctx: CsvContext): Column<RestoreTestRow>[] {
  return [
    { header: 'restore_job_id', value: (r) => r.job.RestoreJobId, doc: 'AWS Backup restore job id' },
    { header: 'account_id', value: (r) => r.job.AccountId, doc: 'account that owns the job' },
    { header: 'account_name', value: (r) => ctx.accountName(r.job.AccountId), doc: 'account name' },
    { header: 'region', value: (r) => r.region, doc: 'AWS Region' },
    { header: 'resource_type', value: (r) => r.job.ResourceType, doc: 'AWS Backup resource type' },
    { header: 'source_resource_arn', value: (r) => r.job.SourceResourceArn, doc: 'the resource whose backup was restored' },
    { header: 'class', value: (r) => r.tier, doc: 'data class of that resource (empty when it is not in the inventory)' },
    { header: 'restore_testing_plan', value: (r) => r.planName, doc: 'restore-testing plan that ran the test' },
    { header: 'status', value: (r) => r.job.Status, doc: 'PENDING, RUNNING, COMPLETED, ABORTED, FAILED' },
    { header: 'validation_status', value: (r) => r.job.ValidationStatus, doc: 'SUCCESSFUL, FAILED, TIMED_OUT, VALIDATING (DORA Art. 12(7))' },
    { header: 'validation_message', value: (r) => r.job.ValidationStatusMessage, doc: 'validation message' },
    { header: 'verdict', value: (r) => r.verdict, doc: 'passed, failed or pending' },
    { header: 'creation_date', value: (r) => r.job.CreationDate, doc: 'test start (ISO-8601, UTC)' },
    { header: 'completion_date', value: (r) => r.job.CompletionDate, doc: 'test completion' },
    { header: 'duration_hours', value: (r) => round2(r.durationHours), doc: 'completion − creation, hours' },
    { header: 'rto_hours', value: (r) => r.rtoHours, doc: 'RTO of the class' },
    { header: 'within_rto', value: (r) => r.withinRto, doc: 'duration ≤ RTO (DORA Art. 12(6))' },
    { header: 'recovery_point_created', value: (r) => r.job.RecoveryPointCreationDate, doc: 'when the restored recovery point was taken' },
    { header: 'data_age_hours', value: (r) => round2(r.dataAgeHours), doc: 'creation − recovery point creation, hours (RPO proxy)' },
    { header: 'rpo_hours', value: (r) => r.rpoHours, doc: 'RPO of the class' },
    { header: 'within_rpo', value: (r) => r.withinRpo, doc: 'data age ≤ RPO' },
    { header: 'deletion_status', value: (r) => r.job.DeletionStatus, doc: 'cleanup of the restored test resource' },
    { header: 'status_message', value: (r) => r.job.StatusMessage, doc: 'AWS status message' },
  ];
}

export function doraColumns(): Column<DoraRow>[] {
  return [
    { header: 'id', value: (r) => r.id, doc: 'row id (stable)' },
    { header: 'provision', value: (r) => r.provision, doc: 'DORA / RTS 2024/1774 provision' },
    { header: 'requirement', value: (r) => r.requirement, doc: 'what the provision asks, in short' },
    { header: 'evidence', value: (r) => r.evidence, doc: 'the evidence this pack holds for it' },
    { header: 'status', value: (r) => r.status, doc: 'met, partially met, not met, not evaluated, not applicable (simplified framework)' },
    { header: 'figures', value: (r) => r.figures, doc: 'the figures the status rests on' },
    { header: 'files', value: (r) => join(r.files), doc: 'pack files that carry the detail' },
    { header: 'thresholds', value: (r) => r.thresholds, doc: 'the rule that turns the figures into the status, so the status can be re-performed' },
    { header: 'time_base', value: (r) => r.timeBase, doc: 'the instant or interval the figures describe (posture as of the period end; jobs created in the period)' },
    { header: 'reason', value: (r) => r.reason, doc: 'why the row is capped below met, not evaluated or not applicable' },
  ];
}

export function auditEvidenceColumns(): Column<AuditEvidenceRow>[] {
  return [
    { header: 'assessment', value: (r) => r.assessment, doc: 'AWS Audit Manager assessment name' },
    { header: 'control', value: (r) => r.control, doc: 'control name (from the evidence folder)' },
    { header: 'evidence_folder_id', value: (r) => r.folderId, doc: 'evidence folder id' },
    { header: 'evidence_id', value: (r) => r.id, doc: 'evidence id' },
    { header: 'time', value: (r) => r.time, doc: 'collection time (ISO-8601, UTC)' },
    { header: 'account_id', value: (r) => r.accountId, doc: 'account of the evidence' },
    { header: 'data_source', value: (r) => r.dataSource, doc: 'AWS Config, Security Hub, CloudTrail, API call, manual, …' },
    { header: 'event_source', value: (r) => r.eventSource, doc: 'AWS service of the event' },
    { header: 'event_name', value: (r) => r.eventName, doc: 'event or API name' },
    { header: 'evidence_type', value: (r) => r.evidenceType, doc: 'evidence category as Audit Manager reports it' },
    { header: 'compliance_check', value: (r) => r.complianceCheck, doc: 'COMPLIANT, NON_COMPLIANT, … (as reported; empty when not applicable)' },
    { header: 'resources', value: (r) => r.resources, doc: 'assessed resource ARNs, `; `-separated' },
  ];
}

export function vaultColumns(ctx: CsvContext): Column<VaultRow>[] {
  return [
    { header: 'account_id', value: (v) => v.accountId, doc: 'account that owns the vault' },
    { header: 'account_name', value: (v) => ctx.accountName(v.accountId), doc: 'account name' },
    { header: 'region', value: (v) => v.region, doc: 'AWS Region' },
    { header: 'vault_name', value: (v) => v.name, doc: 'backup vault name' },
    { header: 'vault_arn', value: (v) => v.arn, doc: 'backup vault ARN' },
    { header: 'vault_type', value: (v) => v.type, doc: 'BACKUP_VAULT, LOGICALLY_AIR_GAPPED_BACKUP_VAULT, … as AWS reports it' },
    { header: 'lock_mode', value: (v) => v.lock, doc: 'Vault Lock mode at the time base: compliance (lock date passed), governance (locked, still removable), none' },
    { header: 'lock_date', value: (v) => v.lockDate, doc: 'when the lock becomes immutable (ISO-8601, UTC)' },
    { header: 'min_retention_days', value: (v) => v.minRetentionDays, doc: 'Vault Lock minimum retention, days' },
    { header: 'max_retention_days', value: (v) => v.maxRetentionDays, doc: 'Vault Lock maximum retention, days' },
    { header: 'encryption_key_type', value: (v) => v.encryptionKeyType, doc: 'AWS_OWNED_KMS_KEY or CUSTOMER_MANAGED_KMS_KEY (empty when AWS did not report it)' },
    { header: 'encryption_key_arn', value: (v) => v.encryptionKeyArn, doc: 'KMS key that encrypts the vault' },
    { header: 'recovery_points', value: (v) => v.recoveryPoints, doc: 'recovery points in the vault when observed (AWS may approximate)' },
  ];
}

export function exceptionColumns(ctx: CsvContext): Column<ExceptionRow>[] {
  return [
    { header: 'kind', value: (e) => e.kind, doc: 'backup job, copy job, restore test, restore job' },
    { header: 'id', value: (e) => e.id, doc: 'AWS Backup job id (the row of backup-jobs.csv, copy-jobs.csv or restore-jobs.csv)' },
    { header: 'account_id', value: (e) => e.accountId, doc: 'account that owns the job' },
    { header: 'account_name', value: (e) => ctx.accountName(e.accountId), doc: 'account name' },
    { header: 'region', value: (e) => e.region, doc: 'AWS Region' },
    { header: 'resource_type', value: (e) => e.resourceType, doc: 'AWS Backup resource type' },
    { header: 'resource_arn', value: (e) => e.resourceArn, doc: 'the resource backed up, copied or restored' },
    { header: 'state', value: (e) => e.state, doc: 'job state at the end of the period (FAILED, EXPIRED, ABORTED, PARTIAL; restore tests: their status)' },
    { header: 'reason', value: (e) => e.reason, doc: 'AWS message category and status message; validation status of a failed restore test' },
    { header: 'creation_date', value: (e) => e.createdAt, doc: 'job creation (ISO-8601, UTC)' },
    { header: 'check', value: (e) => e.check, doc: 'check the exception is evidence for (backup.job-failures, restore.test-failed)' },
  ];
}

export function objectiveColumns(): Column<ObjectiveRow>[] {
  return [
    { header: 'scope', value: (o) => o.scope, doc: 'class or business function' },
    { header: 'name', value: (o) => o.name, doc: 'class name, or business function (`(no business function tag)` for assets without one)' },
    { header: 'rto_hours', value: (o) => o.rtoHours.join('; '), doc: 'RTO of the class, or of the classes of the function\'s assets, hours' },
    { header: 'rpo_hours', value: (o) => o.rpoHours.join('; '), doc: 'RPO likewise, hours' },
    { header: 'assets', value: (o) => o.assets, doc: 'assets at the time base' },
    { header: 'backup_required', value: (o) => o.backupRequired, doc: 'of them backup-required' },
    { header: 'rpo_measured', value: (o) => o.rpoMeasured, doc: 'backup-required assets whose protection state is known' },
    { header: 'rpo_met', value: (o) => o.rpoMet, doc: 'of them with a recovery point within the RPO (PROTECTED) at the time base' },
    { header: 'rto_measured', value: (o) => o.rtoMeasured, doc: 'restore tests of the period with a duration and an RTO' },
    { header: 'rto_met', value: (o) => o.rtoMet, doc: 'of them finished within the RTO' },
  ];
}
