/**
 * "Why not covered", table-driven. Each row cites the AWS Backup documentation it follows:
 * - [assign] dev guide "Assigning resources to a backup plan"
 *   (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html): Resources OR tags; if both a
 *   resource type and tags are given, the type filters first and tags further filter; NotResources excludes.
 * - [cli] dev guide "Assign resources with AWS CLI"
 *   (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html): a service-only pattern
 *   (`arn:aws:ec2:*`) depends on opt-in, a pattern naming the type does not; shared ARN formats need the opt-in.
 * - [conditions] API reference `Conditions` (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Conditions.html):
 *   StringEquals is exact matching, StringLike takes `*` anywhere, conditions are case sensitive.
 * - [condition] API reference `Condition` (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Condition.html):
 *   ListOfTags supports only StringEquals.
 */
import { describe, expect, it } from 'vitest';
import type { BackupPlan, BackupSelection } from '../estate/schema.js';
import { describeMiss, explainSelection, selectionMisses, type SelectionMiss } from './explainSelection.js';
import { evaluateSelection, type SelectionContext, type SelectionTarget } from './selection.js';

const ACCT = '111122223333';
const REGION = 'eu-west-1';
const target = (arn: string, resourceType: string, tags: Record<string, string> = {}): SelectionTarget => ({ arn, resourceType, tags, accountId: ACCT, region: REGION });
const volume = (tags?: Record<string, string>) => target(`arn:aws:ec2:${REGION}:${ACCT}:volume/vol-0abc`, 'EBS', tags);
const table = (tags?: Record<string, string>) => target(`arn:aws:dynamodb:${REGION}:${ACCT}:table/orders`, 'DynamoDB', tags);
const aurora = (tags?: Record<string, string>) => target(`arn:aws:rds:${REGION}:${ACCT}:cluster:ledger`, 'Aurora', tags);
const sel = (fields: Omit<BackupSelection, 'SelectionName'>, name = 'sel'): BackupSelection => ({ SelectionName: name, ...fields });
const tag = (key: string, value: string) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: key, ConditionValue: value });
const cond = (key: string, value: string) => ({ ConditionKey: `aws:ResourceTag/${key}`, ConditionValue: value });
const critical = { StringEquals: [cond('DataClassification', 'critical')] };

interface Row {
  name: string;
  selection: BackupSelection;
  target: SelectionTarget;
  ctx?: SelectionContext;
  misses: SelectionMiss[];
  text: string[];
}

const rows: Row[] = [
  // [assign] the example: the selection wants DataClassification=critical, the asset has none
  {
    name: '[conditions] wanted tag absent',
    selection: sel({ Resources: ['*'], Conditions: critical }),
    target: table(),
    misses: [{ clause: 'condition', op: 'StringEquals', key: 'DataClassification', value: 'critical' }],
    text: ['Conditions StringEquals DataClassification=critical: it has no DataClassification tag'],
  },
  {
    name: '[conditions] wanted tag has another value',
    selection: sel({ Resources: ['*'], Conditions: critical }),
    target: table({ DataClassification: 'internal' }),
    misses: [{ clause: 'condition', op: 'StringEquals', key: 'DataClassification', value: 'critical', actual: 'internal' }],
    text: ['Conditions StringEquals DataClassification=critical: it has DataClassification=internal'],
  },
  {
    name: '[conditions] values are case sensitive',
    selection: sel({ Resources: ['*'], Conditions: critical }),
    target: table({ DataClassification: 'Critical' }),
    misses: [{ clause: 'condition', op: 'StringEquals', key: 'DataClassification', value: 'critical', actual: 'Critical', hint: 'case' }],
    text: ['Conditions StringEquals DataClassification=critical: it has DataClassification=Critical (values are case-sensitive)'],
  },
  {
    name: '[conditions] StringEquals takes * literally where StringLike would match',
    selection: sel({ Resources: ['*'], Conditions: { StringEquals: [cond('env', 'prod*')] } }),
    target: table({ env: 'production' }),
    misses: [{ clause: 'condition', op: 'StringEquals', key: 'env', value: 'prod*', actual: 'production', hint: 'literal-wildcard' }],
    text: ['Conditions StringEquals env=prod*: it has env=production (StringEquals compares literally; StringLike would match)'],
  },
  {
    name: '[conditions] StringNotEquals excludes the value it has',
    selection: sel({ Resources: ['*'], Conditions: { StringNotEquals: [cond('stage', 'test')] } }),
    target: table({ stage: 'test' }),
    misses: [{ clause: 'condition', op: 'StringNotEquals', key: 'stage', value: 'test', actual: 'test' }],
    text: ['Conditions StringNotEquals stage=test: excluded, it has stage=test'],
  },
  // [assign] Resources OR tags: neither the type pattern nor the tag matches
  {
    name: '[assign] resource type pattern and tag both miss',
    selection: sel({ Resources: ['arn:aws:ec2:*:*:volume/*'], ListOfTags: [tag('backup', 'yes')] }),
    target: table({ backup: 'no' }),
    misses: [{ clause: 'resources', patterns: ['arn:aws:ec2:*:*:volume/*'], tags: [{ key: 'backup', value: 'yes', actual: 'no' }] }],
    text: ['Resources arn:aws:ec2:*:*:volume/* do not match its ARN; ListOfTags wants backup=yes, it has backup=no'],
  },
  {
    name: '[condition] ListOfTags wants a tag the asset lacks',
    selection: sel({ ListOfTags: [tag('aws:ResourceTag/backup', 'daily')] }),
    target: volume(),
    misses: [{ clause: 'resources', patterns: [], tags: [{ key: 'backup', value: 'daily' }] }],
    text: ['ListOfTags wants backup=daily, it has no backup tag'],
  },
  // [assign] "the specified resource types are filtered first, then tags further filter": both clauses are reported
  {
    name: '[assign] wrong type and a failing condition are both named',
    selection: sel({ Resources: ['arn:aws:rds:*:*:db:*'], Conditions: critical }),
    target: volume(),
    misses: [
      { clause: 'resources', patterns: ['arn:aws:rds:*:*:db:*'], tags: [] },
      { clause: 'condition', op: 'StringEquals', key: 'DataClassification', value: 'critical' },
    ],
    text: ['Resources arn:aws:rds:*:*:db:* do not match its ARN', 'Conditions StringEquals DataClassification=critical: it has no DataClassification tag'],
  },
  {
    name: '[assign] NotResources excludes it',
    selection: sel({ Resources: ['*'], NotResources: [`arn:aws:dynamodb:${REGION}:${ACCT}:table/ord*`] }),
    target: table(),
    misses: [{ clause: 'notResources', pattern: `arn:aws:dynamodb:${REGION}:${ACCT}:table/ord*` }],
    text: [`NotResources arn:aws:dynamodb:${REGION}:${ACCT}:table/ord* excludes it`],
  },
  // [cli] tags respect opt-in; the tag matches, the type is off in the Region
  {
    name: '[cli] tag matches but the type is not opted in',
    selection: sel({ ListOfTags: [tag('backup', 'yes')] }),
    target: table({ backup: 'yes' }),
    ctx: { optIn: { DynamoDB: false } },
    misses: [{ clause: 'optIn', resourceType: 'DynamoDB', region: REGION }],
    text: [`DynamoDB is not opted in to AWS Backup in ${REGION} (tags and service-wide patterns respect opt-in)`],
  },
  {
    name: '[cli] a pattern naming the type bypasses opt-in',
    selection: sel({ Resources: ['arn:aws:dynamodb:*:*:table/*'] }),
    target: table(),
    ctx: { optIn: { DynamoDB: false } },
    misses: [],
    text: [],
  },
  {
    name: '[cli] a tag miss and the opt-in are both named (fixing the tag alone would not do)',
    selection: sel({ ListOfTags: [tag('backup', 'yes')] }),
    target: table(),
    ctx: { optIn: { DynamoDB: false } },
    misses: [
      { clause: 'resources', patterns: [], tags: [{ key: 'backup', value: 'yes' }] },
      { clause: 'optIn', resourceType: 'DynamoDB', region: REGION },
    ],
    text: ['ListOfTags wants backup=yes, it has no backup tag', `DynamoDB is not opted in to AWS Backup in ${REGION} (tags and service-wide patterns respect opt-in)`],
  },
  {
    name: '[cli] shared ARN format: Aurora named explicitly still needs its opt-in',
    selection: sel({ Resources: ['arn:aws:rds:*:*:cluster:*'] }),
    target: aurora(),
    ctx: { optIn: { Aurora: false } },
    misses: [{ clause: 'optIn', resourceType: 'Aurora', region: REGION }],
    text: [`Aurora is not opted in to AWS Backup in ${REGION} (tags and service-wide patterns respect opt-in)`],
  },
  {
    name: 'restore-testing output is never selected',
    selection: sel({ Resources: ['*'] }),
    target: volume({ 'awsbackup-restore-test': '' }),
    misses: [{ clause: 'restoreTest' }],
    text: ['created by restore testing: backup plans never select it'],
  },
];

describe('selectionMisses', () => {
  it.each(rows)('$name', ({ selection, target: t, ctx, misses, text }) => {
    const got = selectionMisses(selection, t, ctx ?? {});
    expect(got).toEqual(misses);
    expect(got.map(describeMiss)).toEqual(text);
  });

  it('agrees with evaluateSelection on every row, target and opt-in setting', () => {
    const targets = [volume(), volume({ backup: 'yes' }), table({ DataClassification: 'critical', backup: 'yes' }), table({ stage: 'test' }), aurora({ env: 'production' })];
    const contexts: SelectionContext[] = [{}, { optIn: { EBS: false, DynamoDB: true, Aurora: false } }, { optIn: { EBS: true, DynamoDB: false, Aurora: true } }];
    for (const { selection } of rows) {
      for (const t of [...targets, ...rows.map((r) => r.target)]) {
        for (const ctx of contexts) {
          expect(selectionMisses(selection, t, ctx).length === 0, `${selection.SelectionName} ${t.arn} ${JSON.stringify(ctx)}`).toBe(evaluateSelection(selection, t, ctx).selected);
        }
      }
    }
  });
});

describe('explainSelection', () => {
  const plan = (id: string, selections: BackupSelection[] | undefined): BackupPlan => ({
    BackupPlanId: id,
    BackupPlan: { BackupPlanName: `plan-${id}`, Rules: [] },
    ...(selections ? { Selections: selections.map((s, i) => ({ SelectionId: `${id}-${i}`, BackupSelection: s })) } : {}),
  });

  it('orders selections and plans nearest first, and names plans whose selections were not read', () => {
    const plans = [
      plan('far', [sel({ Resources: ['arn:aws:rds:*:*:db:*'], Conditions: critical }, 'rds-critical')]),
      plan('near', [sel({ Resources: ['arn:aws:ec2:*:*:instance/*'] }, 'instances'), sel({ Resources: ['*'], Conditions: critical }, 'critical')]),
      plan('unread', undefined),
    ];
    const result = explainSelection(volume({ DataClassification: 'internal' }), plans, {});
    expect(result.map((p) => p.planName)).toEqual(['plan-near', 'plan-far', 'plan-unread']);
    expect(result[0]?.selections.map((s) => s.selectionName)).toEqual(['critical', 'instances']);
    expect(result[0]?.selections[0]?.misses.map(describeMiss)).toEqual(['Conditions StringEquals DataClassification=critical: it has DataClassification=internal']);
    expect(result[2]?.selections[0]?.misses).toEqual([{ clause: 'unobserved' }]);
  });

  it('reports a selecting selection with no misses', () => {
    const [only] = explainSelection(volume(), [plan('all', [sel({ Resources: ['*'] })])], {});
    expect(only?.selections[0]).toMatchObject({ selected: true, misses: [] });
  });
});
