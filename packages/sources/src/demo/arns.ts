/**
 * ARNs in exactly the forms AWS Backup uses for selections, jobs and vaults (aws-reference §7.0).
 */

/** The resource types the demo creates (a subset of AWS Backup's resource-type strings). */
export type ResourceKind = 'S3' | 'RDS' | 'Aurora' | 'DynamoDB' | 'EFS' | 'EBS' | 'EC2' | 'FSx';

export const s3Arn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const rdsArn = (region: string, account: string, id: string): string => `arn:aws:rds:${region}:${account}:db:${id}`;
export const auroraArn = (region: string, account: string, id: string): string => `arn:aws:rds:${region}:${account}:cluster:${id}`;
export const dynamoArn = (region: string, account: string, table: string): string => `arn:aws:dynamodb:${region}:${account}:table/${table}`;
export const efsArn = (region: string, account: string, fsId: string): string => `arn:aws:elasticfilesystem:${region}:${account}:file-system/${fsId}`;
export const ebsArn = (region: string, account: string, volumeId: string): string => `arn:aws:ec2:${region}:${account}:volume/${volumeId}`;
export const ec2Arn = (region: string, account: string, instanceId: string): string => `arn:aws:ec2:${region}:${account}:instance/${instanceId}`;
export const fsxArn = (region: string, account: string, fsId: string): string => `arn:aws:fsx:${region}:${account}:file-system/${fsId}`;

export const vaultArn = (region: string, account: string, name: string): string => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
export const planArn = (region: string, account: string, id: string): string => `arn:aws:backup:${region}:${account}:backup-plan:${id}`;
export const roleArn = (account: string, path: string): string => `arn:aws:iam::${account}:role/${path}`;

/** The role AWS Backup assumes for plans in an account (custom roles must contain "AWSBackup"). */
export const backupRoleArn = (account: string): string => roleArn(account, 'service-role/AWSBackupDefaultServiceRole');

/**
 * A recovery point ARN as AWS Backup reports it for a resource type: RDS/Aurora snapshots, EBS snapshots and FSx
 * backups keep their service's ARN; other types get a backup-owned recovery point.
 */
export function recoveryPointArn(kind: ResourceKind, region: string, account: string, ids: { uuid(): string; hex(length: number): string }): string {
  switch (kind) {
    case 'RDS':
      return `arn:aws:rds:${region}:${account}:snapshot:awsbackup:job-${ids.uuid()}`;
    case 'Aurora':
      return `arn:aws:rds:${region}:${account}:cluster-snapshot:awsbackup:job-${ids.uuid()}`;
    case 'EBS':
      return `arn:aws:ec2:${region}::snapshot/snap-0${ids.hex(16)}`;
    case 'EC2':
      // An EC2 backup is an AMI whose snapshots cover every attached volume.
      return `arn:aws:ec2:${region}::image/ami-0${ids.hex(16)}`;
    case 'FSx':
      return `arn:aws:fsx:${region}:${account}:backup/backup-0${ids.hex(16)}`;
    default:
      return `arn:aws:backup:${region}:${account}:recovery-point:${ids.uuid()}`;
  }
}

/** Account and Region fields of an ARN (empty for S3 buckets). */
export function arnScope(arn: string): { region: string; account: string } {
  const parts = arn.split(':');
  return { region: parts[3] ?? '', account: parts[4] ?? '' };
}
