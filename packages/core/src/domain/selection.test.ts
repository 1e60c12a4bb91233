import { describe, expect, it } from 'vitest';
import type { BackupSelection } from '../estate/schema.js';
import { arnMatches, evaluateSelection, type SelectionContext, type SelectionResult, type SelectionTarget } from './selection.js';

const ACCT = '111122223333';
const REGION = 'eu-west-1';

function target(arn: string, resourceType: string, tags: Record<string, string> = {}): SelectionTarget {
  return { arn, resourceType, tags, accountId: ACCT, region: REGION };
}

const volume = (tags?: Record<string, string>) => target(`arn:aws:ec2:${REGION}:${ACCT}:volume/vol-0abc`, 'EBS', tags);
const instance = (tags?: Record<string, string>) => target(`arn:aws:ec2:${REGION}:${ACCT}:instance/i-0abc`, 'EC2', tags);
const dbInstance = (tags?: Record<string, string>) => target(`arn:aws:rds:${REGION}:${ACCT}:db:orders`, 'RDS', tags);
const auroraCluster = (tags?: Record<string, string>) =>
  target(`arn:aws:rds:${REGION}:${ACCT}:cluster:my-aurora-cluster`, 'Aurora', tags);
const neptuneCluster = (tags?: Record<string, string>) => target(`arn:aws:rds:${REGION}:${ACCT}:cluster:graph`, 'Neptune', tags);
const table = (tags?: Record<string, string>, name = 'orders') =>
  target(`arn:aws:dynamodb:${REGION}:${ACCT}:table/${name}`, 'DynamoDB', tags);
const bucket = (name = 'my-bucket-logs', tags?: Record<string, string>) => target(`arn:aws:s3:::${name}`, 'S3', tags);
const fsx = (tags?: Record<string, string>) => target(`arn:aws:fsx:${REGION}:${ACCT}:file-system/fs-0abc`, 'FSx', tags);
const multiAzCluster = (tags?: Record<string, string>) => target(`arn:aws:rds:${REGION}:${ACCT}:cluster:orders-maz`, 'RDS', tags);

function sel(fields: Omit<BackupSelection, 'SelectionName'>): BackupSelection {
  return { SelectionName: 'test', ...fields };
}
const tag = (key: string, value: string) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: key, ConditionValue: value });
const cond = (key: string, value: string) => ({ ConditionKey: key, ConditionValue: value });

const yes = (clause: string): SelectionResult => ({ selected: true, clause });
const NO: SelectionResult = { selected: false, optInBlocked: false };
const BLOCKED: SelectionResult = { selected: false, optInBlocked: true };

// aws-reference §2.4 item 5 (re:Post): all EBS volumes OR all resources tagged backup:yes.
const ebsOrTagged = sel({ Resources: ['arn:aws:ec2:*:*:volume/*'], ListOfTags: [tag('backup', 'yes')] });
// §2.4 item 6 (dev guide): EBS volumes and RDS instances tagged backup=true AND stage=prod.
const volumesAndDbsInProd = sel({
  Resources: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:rds:*:*:db:*'],
  Conditions: {
    StringEquals: [cond('aws:ResourceTag/backup', 'true'), cond('aws:ResourceTag/stage', 'prod')],
  },
});
const PROD_CLAUSE = ' + Conditions StringEquals backup=true AND StringEquals stage=prod';
// §2.4 item 7 (dev guide): all FSx, the Aurora cluster, all resources tagged backup=true, except stage=test.
const complex = sel({
  Resources: ['arn:aws:fsx:*', `arn:aws:rds:${REGION}:${ACCT}:cluster:my-aurora-cluster`],
  ListOfTags: [tag('backup', 'true')],
  Conditions: { StringNotEquals: [cond('aws:ResourceTag/stage', 'test')] },
});
const NOT_TEST = ' + Conditions StringNotEquals stage=test';
const allButBuckets = sel({ Resources: ['*'], NotResources: ['arn:aws:s3:::my-bucket-*'] });

interface Row {
  name: string;
  selection: BackupSelection;
  target: SelectionTarget;
  ctx?: SelectionContext;
  expected: SelectionResult;
}

const rows: Row[] = [
  // §2.4 item 5: Resources OR ListOfTags
  { name: 'EBS-or-tag: untagged volume selected by Resources', selection: ebsOrTagged, target: volume(), expected: yes('Resources arn:aws:ec2:*:*:volume/*') },
  { name: 'EBS-or-tag: table tagged backup=yes selected by ListOfTags', selection: ebsOrTagged, target: table({ backup: 'yes' }), expected: yes('ListOfTags backup=yes') },
  { name: 'EBS-or-tag: table tagged backup=no is not selected (key AND value)', selection: ebsOrTagged, target: table({ backup: 'no' }), expected: NO },
  { name: 'EBS-or-tag: ListOfTags values are case-sensitive', selection: ebsOrTagged, target: table({ backup: 'YES' }), expected: NO },
  { name: 'EBS-or-tag: instance is neither a volume nor tagged', selection: ebsOrTagged, target: instance(), expected: NO },

  // §2.4 item 6: Resources AND Conditions
  { name: 'volumes+dbs in prod: volume with both tags', selection: volumesAndDbsInProd, target: volume({ backup: 'true', stage: 'prod' }), expected: yes(`Resources arn:aws:ec2:*:*:volume/*${PROD_CLAUSE}`) },
  { name: 'volumes+dbs in prod: DB instance with both tags', selection: volumesAndDbsInProd, target: dbInstance({ backup: 'true', stage: 'prod' }), expected: yes(`Resources arn:aws:rds:*:*:db:*${PROD_CLAUSE}`) },
  { name: 'volumes+dbs in prod: volume missing stage tag', selection: volumesAndDbsInProd, target: volume({ backup: 'true' }), expected: NO },
  { name: 'volumes+dbs in prod: table with both tags is the wrong type', selection: volumesAndDbsInProd, target: table({ backup: 'true', stage: 'prod' }), expected: NO },
  { name: 'volumes+dbs in prod: db:* does not match an Aurora cluster', selection: volumesAndDbsInProd, target: auroraCluster({ backup: 'true', stage: 'prod' }), expected: NO },
  { name: 'volumes+dbs in prod: condition values are case-sensitive', selection: volumesAndDbsInProd, target: volume({ backup: 'true', stage: 'Prod' }), expected: NO },

  // §2.4 item 7: Conditions apply to the union of Resources and ListOfTags
  { name: 'complex: untagged FSx (StringNotEquals on a missing key holds)', selection: complex, target: fsx(), expected: yes(`Resources arn:aws:fsx:*${NOT_TEST}`) },
  { name: 'complex: FSx tagged stage=test excluded', selection: complex, target: fsx({ stage: 'test' }), expected: NO },
  { name: 'complex: the named Aurora cluster', selection: complex, target: auroraCluster(), expected: yes(`Resources arn:aws:rds:${REGION}:${ACCT}:cluster:my-aurora-cluster${NOT_TEST}`) },
  { name: 'complex: table tagged backup=true', selection: complex, target: table({ backup: 'true' }), expected: yes(`ListOfTags backup=true${NOT_TEST}`) },
  { name: 'complex: table tagged backup=true but stage=test', selection: complex, target: table({ backup: 'true', stage: 'test' }), expected: NO },
  { name: 'complex: untagged table', selection: complex, target: table(), expected: NO },

  // §2.4 item 9: empty selection = everything (opted in)
  { name: 'empty selection selects a volume', selection: sel({}), target: volume(), expected: yes('all resources (empty selection)') },
  { name: 'empty selection selects a bucket', selection: sel({ Resources: [], ListOfTags: [] }), target: bucket(), expected: yes('all resources (empty selection)') },
  { name: 'Conditions only: matching resource', selection: sel({ Conditions: { StringEquals: [cond('aws:ResourceTag/Environment', 'prod')] } }), target: table({ Environment: 'prod' }), expected: yes('all resources (empty selection) + Conditions StringEquals Environment=prod') },
  { name: 'Conditions only: non-matching resource', selection: sel({ Conditions: { StringEquals: [cond('aws:ResourceTag/Environment', 'prod')] } }), target: table({ Environment: 'dev' }), expected: NO },

  // NotResources subtracts
  { name: 'NotResources: bucket prefix excluded from *', selection: allButBuckets, target: bucket('my-bucket-logs'), expected: NO },
  { name: 'NotResources: other bucket still selected by *', selection: allButBuckets, target: bucket('reports'), expected: yes('Resources *') },
  { name: 'NotResources: volume selected by *', selection: allButBuckets, target: volume(), expected: yes('Resources *') },
  { name: 'NotResources beats ListOfTags', selection: sel({ ListOfTags: [tag('backup', 'true')], NotResources: [`arn:aws:dynamodb:${REGION}:${ACCT}:table/orders`] }), target: table({ backup: 'true' }), expected: NO },

  // ARN wildcards in selections
  { name: 'prefix wildcard arn:aws:s3:::my-bucket-* selects', selection: sel({ Resources: ['arn:aws:s3:::my-bucket-*'] }), target: bucket('my-bucket-logs'), expected: yes('Resources arn:aws:s3:::my-bucket-*') },
  { name: 'leading wildcard arn:aws:s3:::*-logs is unsupported and selects nothing', selection: sel({ Resources: ['arn:aws:s3:::*-logs'] }), target: bucket('my-bucket-logs'), expected: NO },
  { name: 'Region wildcard in a DynamoDB pattern', selection: sel({ Resources: ['arn:aws:dynamodb:*:*:table/*'] }), target: table(), expected: yes('Resources arn:aws:dynamodb:*:*:table/*') },
  { name: 'pattern for another Region does not select', selection: sel({ Resources: [`arn:aws:dynamodb:us-east-1:${ACCT}:table/*`] }), target: table(), expected: NO },

  // aws:ResourceTag/ key forms, operators, case sensitivity
  { name: 'ListOfTags with aws:ResourceTag/ prefix', selection: sel({ ListOfTags: [tag('aws:ResourceTag/backup', 'true')] }), target: volume({ backup: 'true' }), expected: yes('ListOfTags backup=true') },
  { name: 'ListOfTags is OR across entries', selection: sel({ ListOfTags: [tag('backup', 'daily'), tag('backup', 'hourly')] }), target: volume({ backup: 'hourly' }), expected: yes('ListOfTags backup=hourly') },
  { name: 'tag keys are case-sensitive', selection: sel({ ListOfTags: [tag('backup', 'true')] }), target: volume({ Backup: 'true' }), expected: NO },
  { name: 'Conditions with a bare key', selection: sel({ Conditions: { StringEquals: [cond('stage', 'prod')] } }), target: volume({ stage: 'prod' }), expected: yes('all resources (empty selection) + Conditions StringEquals stage=prod') },
  { name: 'StringLike prod* matches production', selection: sel({ Resources: ['*'], Conditions: { StringLike: [cond('aws:ResourceTag/Environment', 'prod*')] } }), target: volume({ Environment: 'production' }), expected: yes('Resources * + Conditions StringLike Environment=prod*') },
  { name: 'StringLike prod* is case-sensitive', selection: sel({ Resources: ['*'], Conditions: { StringLike: [cond('aws:ResourceTag/Environment', 'prod*')] } }), target: volume({ Environment: 'Production' }), expected: NO },
  { name: 'StringLike *rod* matches in the middle', selection: sel({ Resources: ['*'], Conditions: { StringLike: [cond('Environment', '*rod*')] } }), target: volume({ Environment: 'preprod-eu' }), expected: yes('Resources * + Conditions StringLike Environment=*rod*') },
  { name: 'StringLike ? matches one character', selection: sel({ Resources: ['*'], Conditions: { StringLike: [cond('Environment', 'pr?d')] } }), target: volume({ Environment: 'prod' }), expected: yes('Resources * + Conditions StringLike Environment=pr?d') },
  { name: 'StringLike on a missing key is false', selection: sel({ Resources: ['*'], Conditions: { StringLike: [cond('Environment', '*')] } }), target: volume(), expected: NO },
  { name: 'StringNotLike on a missing key is true (IAM)', selection: sel({ Resources: ['*'], Conditions: { StringNotLike: [cond('aws:ResourceTag/stage', 'test*')] } }), target: volume(), expected: yes('Resources * + Conditions StringNotLike stage=test*') },
  { name: 'StringNotLike excludes a matching value', selection: sel({ Resources: ['*'], Conditions: { StringNotLike: [cond('aws:ResourceTag/stage', 'test*')] } }), target: volume({ stage: 'testing' }), expected: NO },
  { name: 'Conditions AND across all four operators', selection: sel({ Resources: ['*'], Conditions: { StringEquals: [cond('backup', 'true')], StringNotEquals: [cond('stage', 'test')], StringLike: [cond('team', 'data*')], StringNotLike: [cond('owner', 'tmp-*')] } }), target: volume({ backup: 'true', stage: 'prod', team: 'data-eng', owner: 'ana' }), expected: yes('Resources * + Conditions StringEquals backup=true AND StringNotEquals stage=test AND StringLike team=data* AND StringNotLike owner=tmp-*') },
  { name: 'Conditions AND: one failing entry rejects', selection: sel({ Resources: ['*'], Conditions: { StringEquals: [cond('backup', 'true')], StringLike: [cond('team', 'data*')] } }), target: volume({ backup: 'true', team: 'web' }), expected: NO },

  // §2.5 opt-in
  { name: 'opt-in: tag-only selection respects opt-in', selection: sel({ ListOfTags: [tag('backup', 'true')] }), target: table({ backup: 'true' }), ctx: { optIn: { DynamoDB: false } }, expected: BLOCKED },
  { name: 'opt-in: tag-only selection with the type opted in', selection: sel({ ListOfTags: [tag('backup', 'true')] }), target: table({ backup: 'true' }), ctx: { optIn: { DynamoDB: true } }, expected: yes('ListOfTags backup=true') },
  { name: 'opt-in: service-only arn:aws:ec2:* respects opt-in', selection: sel({ Resources: ['arn:aws:ec2:*'] }), target: instance(), ctx: { optIn: { EC2: false, EBS: true } }, expected: BLOCKED },
  { name: 'opt-in: service-only arn:aws:ec2:* selects an opted-in volume', selection: sel({ Resources: ['arn:aws:ec2:*'] }), target: volume(), ctx: { optIn: { EC2: false, EBS: true } }, expected: yes('Resources arn:aws:ec2:*') },
  { name: 'opt-in: explicit type pattern bypasses opt-in', selection: sel({ Resources: ['arn:aws:dynamodb:*:*:table/*'] }), target: table(), ctx: { optIn: { DynamoDB: false } }, expected: yes('Resources arn:aws:dynamodb:*:*:table/*') },
  { name: 'opt-in: exact ARN bypasses opt-in', selection: sel({ Resources: [`arn:aws:ec2:${REGION}:${ACCT}:instance/i-0abc`] }), target: instance(), ctx: { optIn: { EC2: false } }, expected: yes(`Resources arn:aws:ec2:${REGION}:${ACCT}:instance/i-0abc`) },
  { name: 'opt-in: Aurora named explicitly still needs opt-in', selection: sel({ Resources: ['arn:aws:rds:*:*:cluster:*'] }), target: auroraCluster(), ctx: { optIn: { Aurora: false, RDS: true } }, expected: BLOCKED },
  { name: 'opt-in: Aurora named explicitly and opted in', selection: sel({ Resources: ['arn:aws:rds:*:*:cluster:*'] }), target: auroraCluster(), ctx: { optIn: { Aurora: true } }, expected: yes('Resources arn:aws:rds:*:*:cluster:*') },
  { name: 'opt-in: Neptune exact ARN still needs opt-in', selection: sel({ Resources: [`arn:aws:rds:${REGION}:${ACCT}:cluster:graph`] }), target: neptuneCluster(), ctx: { optIn: { Neptune: false } }, expected: BLOCKED },
  { name: 'opt-in: Resources * respects opt-in', selection: sel({ Resources: ['*'] }), target: volume(), ctx: { optIn: { EBS: false } }, expected: BLOCKED },
  { name: 'opt-in: empty selection respects opt-in', selection: sel({}), target: fsx(), ctx: { optIn: { FSx: false } }, expected: BLOCKED },
  { name: 'opt-in: explicit pattern wins even when a tag also matched', selection: sel({ Resources: ['arn:aws:ec2:*:*:volume/*'], ListOfTags: [tag('backup', 'true')] }), target: volume({ backup: 'true' }), ctx: { optIn: { EBS: false } }, expected: yes('Resources arn:aws:ec2:*:*:volume/*') },
  { name: 'opt-in: failing Conditions are not an opt-in block', selection: sel({ ListOfTags: [tag('backup', 'true')], Conditions: { StringEquals: [cond('stage', 'prod')] } }), target: table({ backup: 'true' }), ctx: { optIn: { DynamoDB: false } }, expected: NO },
  { name: 'opt-in: type absent from an observed map counts as not opted in', selection: sel({}), target: volume(), ctx: { optIn: { S3: true } }, expected: BLOCKED },
  { name: 'opt-in: unobserved map means opted in', selection: sel({ ListOfTags: [tag('backup', 'true')] }), target: table({ backup: 'true' }), ctx: {}, expected: yes('ListOfTags backup=true') },
  { name: 'opt-in: full S3 pattern names the bucket type', selection: sel({ Resources: ['arn:aws:s3:::*'] }), target: bucket(), ctx: { optIn: { S3: false } }, expected: yes('Resources arn:aws:s3:::*') },
  { name: 'opt-in: arn:aws:ec2:*:*:* names no type', selection: sel({ Resources: ['arn:aws:ec2:*:*:*'] }), target: volume(), ctx: { optIn: { EBS: false } }, expected: BLOCKED },

  // "Assign resources with AWS CLI" (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html),
  // Shared resource types: "Aurora and RDS Clusters share the ARN format arn:aws:rds:::cluster:*. To backup Aurora
  // databases, you must enable the opt-in setting for Aurora. FSx and FSx for OpenZFS share the ARN format
  // arn:aws:fsx:::file-system/*. Enable the respective opt-in settings to backup these file systems."
  { name: 'shared ARN: file-system/* names FSx but FSx still needs its opt-in', selection: sel({ Resources: ['arn:aws:fsx:*:*:file-system/*'] }), target: fsx(), ctx: { optIn: { FSx: false, EFS: true } }, expected: BLOCKED },
  { name: 'shared ARN: file-system/* with FSx opted in', selection: sel({ Resources: ['arn:aws:fsx:*:*:file-system/*'] }), target: fsx(), ctx: { optIn: { FSx: true } }, expected: yes('Resources arn:aws:fsx:*:*:file-system/*') },
  { name: 'shared ARN: even the exact FSx ARN needs the opt-in', selection: sel({ Resources: [`arn:aws:fsx:${REGION}:${ACCT}:file-system/fs-0abc`] }), target: fsx(), ctx: { optIn: { FSx: false } }, expected: BLOCKED },
  { name: 'shared ARN: cluster:* reaching an RDS Multi-AZ cluster needs the RDS opt-in', selection: sel({ Resources: ['arn:aws:rds:*:*:cluster:*'] }), target: multiAzCluster(), ctx: { optIn: { RDS: false, Aurora: true } }, expected: BLOCKED },
  { name: 'shared ARN: cluster:* reaching an RDS Multi-AZ cluster with RDS opted in', selection: sel({ Resources: ['arn:aws:rds:*:*:cluster:*'] }), target: multiAzCluster(), ctx: { optIn: { RDS: true, Aurora: false } }, expected: yes('Resources arn:aws:rds:*:*:cluster:*') },
  { name: 'shared ARN: the Aurora opt-in does not stand in for RDS', selection: sel({ Resources: [`arn:aws:rds:${REGION}:${ACCT}:cluster:orders-maz`] }), target: multiAzCluster(), ctx: { optIn: { Aurora: true } }, expected: BLOCKED },
  { name: 'shared ARN: a DB instance (db:*) is not shared and bypasses opt-in', selection: sel({ Resources: ['arn:aws:rds:*:*:db:*'] }), target: dbInstance(), ctx: { optIn: { RDS: false } }, expected: yes('Resources arn:aws:rds:*:*:db:*') },

  // Restore testing output is never selected
  { name: 'restore test: tagged awsbackup-restore-test', selection: sel({}), target: volume({ 'awsbackup-restore-test': '' }), expected: NO },
  { name: 'restore test: table named awsbackup-restore-test-*', selection: sel({ Resources: ['arn:aws:dynamodb:*:*:table/*'] }), target: table({}, 'awsbackup-restore-test-0f1e'), expected: NO },
  { name: 'restore test: bucket named awsbackup-restore-test-*', selection: sel({ Resources: ['*'] }), target: bucket('awsbackup-restore-test-abc'), expected: NO },
  { name: 'restore test: Name tag awsbackup-restore-test-*', selection: sel({ Resources: ['arn:aws:ec2:*:*:volume/*'] }), target: volume({ Name: 'awsbackup-restore-test-vol' }), expected: NO },
];

describe('evaluateSelection', () => {
  it.each(rows)('$name', ({ selection, target: t, ctx, expected }) => {
    expect(evaluateSelection(selection, t, ctx ?? {})).toEqual(expected);
  });

  it('does not mutate its inputs', () => {
    const selection = sel({ Resources: ['*'], ListOfTags: [tag('aws:ResourceTag/backup', 'true')] });
    const t = volume({ backup: 'true' });
    const before = JSON.stringify([selection, t]);
    evaluateSelection(selection, t, { optIn: { EBS: true } });
    expect(JSON.stringify([selection, t])).toBe(before);
  });
});

const volumeArn = `arn:aws:ec2:${REGION}:${ACCT}:volume/vol-0abc`;
const instanceArn = `arn:aws:ec2:${REGION}:${ACCT}:instance/i-0abc`;
const dbArn = `arn:aws:rds:${REGION}:${ACCT}:db:orders`;
const clusterArn = `arn:aws:rds:${REGION}:${ACCT}:cluster:my-aurora-cluster`;
const tableArn = `arn:aws:dynamodb:${REGION}:${ACCT}:table/orders`;
const fsxArn = `arn:aws:fsx:${REGION}:${ACCT}:file-system/fs-0abc`;
const bucketArn = 'arn:aws:s3:::my-bucket-logs';

const arnRows: Array<[pattern: string, arn: string, expected: boolean]> = [
  ['*', bucketArn, true],
  ['*', clusterArn, true],
  ['arn:aws:ec2:*:*:volume/*', volumeArn, true],
  ['arn:aws:ec2:*:*:volume/*', instanceArn, false],
  ['arn:aws:ec2:*', instanceArn, true],
  ['arn:aws:ec2:*', volumeArn, true],
  ['arn:aws:ec2', volumeArn, false],
  ['arn:aws:fsx:*', fsxArn, true],
  ['arn:aws:fsx:*', volumeArn, false],
  ['arn:*', tableArn, true],
  ['arn:aws:rds:*:*:db:*', dbArn, true],
  ['arn:aws:rds:*:*:db:*', clusterArn, false],
  ['arn:aws:rds:*:*:cluster:*', clusterArn, true],
  ['arn:aws:rds:*:*:cluster:*', dbArn, false],
  ['arn:aws:dynamodb:*:*:table/*', tableArn, true],
  [`arn:aws:dynamodb:${REGION}:*:table/*`, tableArn, true],
  ['arn:aws:dynamodb:us-east-1:*:table/*', tableArn, false],
  [`arn:aws:dynamodb:*:${ACCT}:table/*`, tableArn, true],
  ['arn:aws:dynamodb:*:444455556666:table/*', tableArn, false],
  ['arn:aws:dynamodb:eu-*:*:table/*', tableArn, true],
  ['arn:*:dynamodb:*:*:table/*', tableArn, true],
  ['arn:aws:dynamodb:*:*:table/ord*', tableArn, true],
  ['arn:aws:dynamodb:*:*:table/*ders', tableArn, false],
  [tableArn, tableArn, true],
  [`arn:aws:dynamodb:${REGION}:${ACCT}:table/Orders`, tableArn, false],
  [`arn:aws:dynamodb:${REGION}:${ACCT}:table/order`, tableArn, false],
  ['arn:aws:s3:::my-bucket-*', bucketArn, true],
  ['arn:aws:s3:::*-logs', bucketArn, false],
  ['arn:aws:s3:::*', bucketArn, true],
  ['arn:aws:s3:*:*:my-bucket-logs', bucketArn, true],
  // Empty Region/account fields are literal: they match S3's empty fields, not a regional ARN.
  ['arn:aws:ec2:::instance/*', instanceArn, false],
  ['arn:aws:s3:::my-bucket-*', 'not-an-arn', false],
];

describe('arnMatches', () => {
  it.each(arnRows)('%s vs %s → %s', (pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });
});
