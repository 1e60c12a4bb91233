/**
 * Backup selections (GetBackupSelection shape). Between them they use every selection feature AWS Backup has:
 * exact ARNs, Region/account wildcards, resource-id prefixes, service-only patterns, `*`, ListOfTags in both key
 * forms, all four Conditions operators, NotResources, and an empty selection that takes everything.
 */
import type { BackupSelection } from '@vaultscope/core';
import { auroraArn, dynamoArn, rdsArn } from './arns.js';
import { accountNamed, PRIMARY_REGION, SECONDARY_REGION, type DemoAccount, type DemoRegion } from './organization.js';

/** The plans the demo deploys; each account/Region gets a subset. */
export type PlanKey = 'critical' | 'important' | 'standard' | 'nonprod' | 'org' | 'shared' | 'archival' | 'sandbox';

const tag = (key: string, value: string) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: key, ConditionValue: value });
const cond = (key: string, value: string) => ({ ConditionKey: `aws:ResourceTag/${key}`, ConditionValue: value });

const ALL_DATA_STORES = ['arn:aws:dynamodb:*:*:table/*', 'arn:aws:rds:*:*:db:*', 'arn:aws:rds:*:*:cluster:*', 'arn:aws:s3:::*', 'arn:aws:ec2:*:*:volume/*'];

/** Selections of one plan in one account/Region (without IamRoleArn, which the plan adds). */
export function selectionsFor(key: PlanKey, account: DemoAccount, region: DemoRegion): BackupSelection[] {
  switch (key) {
    case 'critical': {
      const out: BackupSelection[] = [
        // Both ListOfTags key forms: the CloudFormation `aws:ResourceTag/` form and the bare key.
        { SelectionName: 'critical-by-tag', ListOfTags: [tag('aws:ResourceTag/DataClassification', 'critical'), tag('backup', 'hourly')] },
      ];
      if (account.name === 'payments-prod' && region === PRIMARY_REGION) {
        out.push({
          SelectionName: 'payments-tables-by-prefix',
          Resources: [dynamoArn(region, account.id, 'payments-*')],
          NotResources: [dynamoArn(region, account.id, 'payments-session-cache')],
        });
      }
      if (account.name === 'core-banking-prod' && region === PRIMARY_REGION) {
        out.push({
          SelectionName: 'core-ledger-explicit',
          Resources: [auroraArn(region, account.id, 'core-banking-db'), rdsArn(region, account.id, 'core-banking-gl')],
        });
      }
      return out;
    }
    case 'important': {
      const out: BackupSelection[] = [
        { SelectionName: 'important-by-condition', Resources: ['*'], Conditions: { StringEquals: [cond('DataClassification', 'important')] } },
      ];
      if (account.name === 'customer-data-prod' && region === SECONDARY_REGION) {
        // Tag-independent on purpose: these buckets' tags are not always readable by every role.
        out.push({ SelectionName: 'correspondence-buckets', Resources: ['arn:aws:s3:::customer-correspondence-*'] });
      }
      return out;
    }
    case 'standard':
      return [
        {
          SelectionName: 'daily-tagged',
          Resources: ['*'],
          Conditions: { StringEquals: [cond('backup', 'daily')], StringNotEquals: [cond('Environment', 'sandbox')] },
        },
      ];
    case 'nonprod': {
      const environment = account.environment === 'staging'
        ? { StringLike: [cond('Environment', 'stag*')] }
        : { StringEquals: [cond('Environment', account.environment)] };
      return [
        {
          SelectionName: 'nonprod-data-stores',
          // Region and account wildcards: one definition deployed to every non-production account.
          Resources: ALL_DATA_STORES,
          Conditions: { ...environment, StringNotLike: [cond('SourceSystem', '*-synthetic')] },
        },
      ];
    }
    case 'org':
      return [{ SelectionName: 'org-policy-backup-daily', ListOfTags: [tag('backup', 'daily')] }];
    case 'shared':
      return region === PRIMARY_REGION
        ? [{ SelectionName: 'fsx-and-tagged', Resources: ['arn:aws:fsx:*'], ListOfTags: [tag('aws:ResourceTag/backup', 'daily')] }]
        : // file-system/* is shared by FSx and FSx for OpenZFS: naming it does not bypass the FSx opt-in, which
          // shared-services never gave in Ireland (Assign resources with AWS CLI, "Shared resource types").
          [{ SelectionName: 'tagged-daily', Resources: ['arn:aws:fsx:*:*:file-system/*'], ListOfTags: [tag('aws:ResourceTag/backup', 'daily')] }];
    case 'archival':
      return account.role === 'security'
        ? [{ SelectionName: 'audit-evidence', Resources: ['arn:aws:s3:::nordhavn-audit-evidence-*'] }]
        : [{ SelectionName: 'cloudtrail-and-config', Resources: ['arn:aws:s3:::nordhavn-cloudtrail-*', 'arn:aws:s3:::nordhavn-config-*'] }];
    case 'sandbox':
      // No criteria at all: AWS Backup selects every opted-in resource in the account and Region.
      return [{ SelectionName: 'sandbox-everything' }];
  }
}

/** Which plans an account has in a Region. */
export function planKeysFor(account: DemoAccount, region: DemoRegion): PlanKey[] {
  const workloadRegion = region === PRIMARY_REGION || region === SECONDARY_REGION;
  switch (account.role) {
    case 'prod':
      if (!workloadRegion || (account === accountNamed('lending-prod') && region === SECONDARY_REGION)) return [];
      return ['critical', 'important', 'standard'];
    case 'nonprod':
      return region === PRIMARY_REGION ? ['nonprod', 'org'] : ['org'];
    case 'dev':
      return ['org'];
    case 'shared':
      return ['shared'];
    case 'security':
      return region === PRIMARY_REGION ? ['archival', 'standard'] : [];
    case 'log-archive':
      return ['archival'];
    case 'sandbox':
      return account.name === 'sandbox-quant' && region === PRIMARY_REGION ? ['sandbox'] : [];
    default:
      return [];
  }
}
