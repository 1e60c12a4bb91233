/**
 * A framework rule's remediation: the AWS Backup selection that puts every resource of the type in a plan, and
 * for DynamoDB the seed's `aws dynamodb create-backup` for an immediate backup while the plan's first run is due.
 */
import type { FrameworkRuleDefinition } from './nist80053r5.js';

/** ARN patterns that select every resource of a type (AWS Backup allows `*` in Region, account and the id's end). */
const ALL_OF_TYPE: Readonly<Record<string, string>> = {
  DynamoDB: 'arn:aws:dynamodb:*:*:table/*',
  RDS: 'arn:aws:rds:*:*:db:*',
  Aurora: 'arn:aws:rds:*:*:cluster:*',
  EBS: 'arn:aws:ec2:*:*:volume/*',
  EFS: 'arn:aws:elasticfilesystem:*:*:file-system/*',
  S3: 'arn:aws:s3:::*',
};

const ROLE = 'arn:aws:iam::<account-id>:role/service-role/AWSBackupDefaultServiceRole';

function selectionCommand(types: readonly string[]): string {
  const resources = types.map((t) => ALL_OF_TYPE[t]).filter((r): r is string => r !== undefined);
  const selection = JSON.stringify({ SelectionName: `nist-${types.length === 1 ? types[0]!.toLowerCase() : 'all'}`, IamRoleArn: ROLE, Resources: resources });
  return `aws backup create-backup-selection --region <region> --backup-plan-id <backup-plan-id> --backup-selection '${selection}'`;
}

const DYNAMODB_NOW = 'aws dynamodb create-backup --region <region> --table-name <table-name> --backup-name <table-name>-<yyyymmdd>';

/** Commands that make a failing resource pass (placeholders in angle brackets). */
export function frameworkRemediation(rule: FrameworkRuleDefinition): string {
  const dynamo = rule.resourceTypes.length === 1 && rule.resourceTypes[0] === 'DynamoDB';
  switch (rule.kind) {
    case 'in-plan':
    case 'protected-by-plan':
      return dynamo ? `${selectionCommand(rule.resourceTypes)}; for an immediate backup: ${DYNAMODB_NOW}` : selectionCommand(rule.resourceTypes);
    case 'recovery-point':
      return dynamo
        ? `${DYNAMODB_NOW} (or aws backup start-backup-job --region <region> --backup-vault-name <vault> --resource-arn <arn> --iam-role-arn ${ROLE}); then make sure a plan selects it: ${selectionCommand(rule.resourceTypes)}`
        : `aws backup start-backup-job --region <region> --backup-vault-name <vault> --resource-arn <arn> --iam-role-arn ${ROLE}; then make sure a plan selects it: ${selectionCommand(rule.resourceTypes)}`;
    case 'pitr':
      return 'aws dynamodb update-continuous-backups --region <region> --table-name <table-name> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true';
    case 'vault-lock':
      return 'aws backup put-backup-vault-lock-configuration --region <region> --backup-vault-name <vault> --min-retention-days 7 --max-retention-days <days> --changeable-for-days 3 (or target a logically air-gapped vault)';
  }
}
