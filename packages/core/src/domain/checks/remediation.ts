/**
 * Remediations: a concrete AWS CLI command (or console step) per check, filled with the asset's own names.
 * Single quotes in values are escaped for POSIX shells so the command can be pasted as it is.
 */
import type { RestoreTestingPlan } from '../../estate/schema.js';

const q = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The backup service role most accounts use; named so the command is complete, to be adapted if different. */
const defaultRole = (accountId: string): string =>
  `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;

export const remediation = {
  addToPlan(arn: string, accountId: string, region: string, planId?: string): string {
    const selection = JSON.stringify({ SelectionName: 'vaultscope-remediation', IamRoleArn: defaultRole(accountId), Resources: [arn] });
    return `aws backup create-backup-selection --region ${region} --backup-plan-id ${planId ? q(planId) : '<backup-plan-id>'} --backup-selection ${q(selection)}`;
  },
  enableVersioning(bucket: string): string {
    return `aws s3api put-bucket-versioning --bucket ${q(bucket)} --versioning-configuration Status=Enabled`;
  },
  startBackup(arn: string, accountId: string, region: string, vault: string): string {
    return `aws backup start-backup-job --region ${region} --backup-vault-name ${q(vault)} --resource-arn ${q(arn)} --iam-role-arn ${defaultRole(accountId)}`;
  },
  inspectJobs(arn: string, region: string): string {
    return `aws backup list-backup-jobs --region ${region} --by-resource-arn ${q(arn)} --query 'BackupJobs[?State!=\`COMPLETED\`].[CreationDate,State,MessageCategory,StatusMessage]'`;
  },
  updatePlan(planId: string, region: string, what: string): string {
    return `aws backup get-backup-plan --region ${region} --backup-plan-id ${q(planId)} --query BackupPlan > plan.json; ${what} in plan.json; aws backup update-backup-plan --region ${region} --backup-plan-id ${q(planId)} --backup-plan file://plan.json`;
  },
  lockVault(vault: string, region: string, maxRetentionDays: number): string {
    return `aws backup put-backup-vault-lock-configuration --region ${region} --backup-vault-name ${q(vault)} --min-retention-days 7 --max-retention-days ${maxRetentionDays} --changeable-for-days 3`;
  },
  enablePitr(table: string, region: string): string {
    return `aws dynamodb update-continuous-backups --region ${region} --table-name ${q(table)} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`;
  },
  addRestoreTest(arn: string, accountId: string, region: string, resourceType: string, planName?: string): string {
    const selection = JSON.stringify({
      RestoreTestingSelectionName: 'vaultscope_remediation',
      ProtectedResourceType: resourceType,
      ProtectedResourceArns: [arn],
      IamRoleArn: defaultRole(accountId),
      ValidationWindowHours: 4,
    });
    return `aws backup create-restore-testing-selection --region ${region} --restore-testing-plan-name ${planName ? q(planName) : '<restore-testing-plan-name>'} --restore-testing-selection ${q(selection)}`;
  },
  /** Adds the asset's vaults to a restore-testing plan's IncludeVaults and takes them out of its ExcludeVaults. */
  includeRestoreVault(plan: RestoreTestingPlan, vaults: readonly string[], region: string): string {
    const current = plan.RecoveryPointSelection ?? {};
    const include = current.IncludeVaults ?? [];
    const selection = {
      Algorithm: current.Algorithm ?? 'LATEST_WITHIN_WINDOW',
      RecoveryPointTypes: current.RecoveryPointTypes ?? ['SNAPSHOT'],
      IncludeVaults: include.includes('*') ? include : [...include, ...vaults.filter((v) => !include.includes(v))],
      ExcludeVaults: (current.ExcludeVaults ?? []).filter((v) => !vaults.includes(v)),
      ...(current.SelectionWindowDays !== undefined ? { SelectionWindowDays: current.SelectionWindowDays } : {}),
    };
    return `aws backup update-restore-testing-plan --region ${region} --restore-testing-plan-name ${q(plan.RestoreTestingPlanName)} --restore-testing-plan ${q(JSON.stringify({ RecoveryPointSelection: selection }))}`;
  },
  describeBackupJob(jobId: string, region: string): string {
    return `aws backup describe-backup-job --region ${region} --backup-job-id ${q(jobId)} --query '[State,MessageCategory,StatusMessage]'`;
  },
  describeCopyJob(jobId: string, region: string): string {
    return `aws backup describe-copy-job --region ${region} --copy-job-id ${q(jobId)} --query 'CopyJob.[State,MessageCategory,StatusMessage]'`;
  },
  describeRestore(jobId: string, region: string): string {
    return `aws backup describe-restore-job --region ${region} --restore-job-id ${q(jobId)}; aws backup get-restore-job-metadata --region ${region} --restore-job-id ${q(jobId)}`;
  },
  speedUpRestore(jobId: string, region: string): string {
    return `aws backup get-restore-job-metadata --region ${region} --restore-job-id ${q(jobId)} (then set faster restore metadata — e.g. a larger DBInstanceClass or provisioned throughput — with RestoreMetadataOverrides in the restore-testing selection, or revisit the RTO)`;
  },
  grantRead(service: string, operation: string, accountId: string): string {
    return `Grant ${service}:${operation} to the Vaultscope read role in account ${accountId} (docs/iam/member-read-role.json), then collect again`;
  },
  activateStsRegion(accountId: string, region: string): string {
    return `Activate the STS regional endpoint for ${region} in account ${accountId} (IAM console → Account settings → Security Token Service (STS) → Endpoints → ${region} → Activate), or use the global endpoint; then collect again`;
  },
  retryThrottled(): string {
    return 'Collect again with a lower --concurrency; the SDK already retries throttled calls adaptively';
  },
};
