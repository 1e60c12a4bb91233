/**
 * Copy support per resource type and Region, from the AWS Backup Developer Guide page "Feature availability"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html): the by-resource table
 * and its footnote 3, and the "Considerations for opt-in Regions" and Region footnotes.
 */
import { describe, expect, it } from 'vitest';
import { copiesUnrestricted, copyBlocked, copySupportUnknown, type CopySubject } from './copySupport.js';

const ACCT = '111122223333';
const subject = (resourceType: string, region = 'eu-west-1', extra: Partial<CopySubject> = {}): CopySubject => ({
  resourceType,
  region,
  arn: resourceType === 'RDS-cluster' ? `arn:aws:rds:${region}:${ACCT}:cluster:orders-maz` : `arn:aws:x:${region}:${ACCT}:thing/a`,
  ...extra,
});
const cluster = (region = 'eu-west-1'): CopySubject => ({ resourceType: 'RDS', region, arn: `arn:aws:rds:${region}:${ACCT}:cluster:orders-maz` });

interface Row {
  name: string;
  subject: CopySubject;
  dest: string;
  crossRegion: boolean;
  crossAccount: boolean;
  blocked: RegExp | undefined;
}

const rows: Row[] = [
  // By resource: "Amazon DynamoDB" has no copy columns; "DynamoDB with AWS Backup advanced features" has both.
  { name: 'DynamoDB without advanced features: no cross-Region copy', subject: subject('DynamoDB', 'eu-west-1', { dynamodbAdvanced: false }), dest: 'eu-central-1', crossRegion: true, crossAccount: false, blocked: /without AWS Backup advanced features/ },
  { name: 'DynamoDB without advanced features: no cross-account copy', subject: subject('DynamoDB', 'eu-west-1', { dynamodbAdvanced: false }), dest: 'eu-west-1', crossRegion: false, crossAccount: true, blocked: /no cross-Region or cross-account copies/ },
  { name: 'DynamoDB with advanced features copies across Regions', subject: subject('DynamoDB', 'eu-west-1', { dynamodbAdvanced: true }), dest: 'eu-central-1', crossRegion: true, crossAccount: false, blocked: undefined },
  { name: 'DynamoDB with advanced features copies across accounts', subject: subject('DynamoDB', 'eu-west-1', { dynamodbAdvanced: true }), dest: 'eu-west-1', crossRegion: false, crossAccount: true, blocked: undefined },
  // Footnote 3: "Multi-AZ clusters do not currently support any copy operations"; Multi-AZ instances can be copied.
  { name: 'RDS Multi-AZ DB cluster: no copy at all', subject: cluster(), dest: 'eu-central-1', crossRegion: true, crossAccount: false, blocked: /Multi-AZ DB clusters/ },
  { name: 'RDS Multi-AZ DB cluster: no cross-account copy either', subject: cluster(), dest: 'eu-west-1', crossRegion: false, crossAccount: true, blocked: /Multi-AZ DB clusters/ },
  { name: 'RDS DB instance (Multi-AZ instance) copies', subject: { resourceType: 'RDS', region: 'eu-west-1', arn: `arn:aws:rds:eu-west-1:${ACCT}:db:orders` }, dest: 'eu-central-1', crossRegion: true, crossAccount: true, blocked: undefined },
  { name: 'EBS copies across Regions and accounts', subject: subject('EBS'), dest: 'eu-central-1', crossRegion: true, crossAccount: true, blocked: undefined },
  { name: 'EC2 copies across Regions and accounts', subject: subject('EC2'), dest: 'us-east-1', crossRegion: true, crossAccount: true, blocked: undefined },
  // Opt-in Regions: DocumentDB neither; FSx not across Regions; Neptune, CloudFormation, Timestream not across accounts.
  { name: 'DocumentDB in an opt-in Region (Milan): no cross-Region copy', subject: subject('DocumentDB', 'eu-south-1'), dest: 'eu-west-1', crossRegion: true, crossAccount: false, blocked: /DocumentDB is not supported in opt-in Region eu-south-1/ },
  { name: 'DocumentDB in an opt-in Region (Zurich): no cross-account copy', subject: subject('DocumentDB', 'eu-central-2'), dest: 'eu-central-2', crossRegion: false, crossAccount: true, blocked: /cross-account copy of DocumentDB/ },
  { name: 'DocumentDB in Frankfurt (opt-in not required) copies', subject: subject('DocumentDB', 'eu-central-1'), dest: 'eu-west-1', crossRegion: true, crossAccount: true, blocked: undefined },
  { name: 'FSx in an opt-in Region (Cape Town): no cross-Region copy', subject: subject('FSx', 'af-south-1'), dest: 'eu-west-1', crossRegion: true, crossAccount: false, blocked: /FSx is not supported in opt-in Region af-south-1/ },
  { name: 'FSx in an opt-in Region may still copy across accounts', subject: subject('FSx', 'af-south-1'), dest: 'af-south-1', crossRegion: false, crossAccount: true, blocked: undefined },
  { name: 'Neptune in an opt-in Region (Bahrain): no cross-account copy', subject: subject('Neptune', 'me-south-1'), dest: 'me-south-1', crossRegion: false, crossAccount: true, blocked: /Neptune is not supported/ },
  { name: 'Neptune in an opt-in Region copies across Regions', subject: subject('Neptune', 'me-south-1'), dest: 'eu-west-1', crossRegion: true, crossAccount: false, blocked: undefined },
  // Region footnotes 2 and 4: China and GovCloud copy across Regions only to their twin; China: no cross-account.
  { name: 'China (Beijing) copies to Ningxia', subject: subject('EBS', 'cn-north-1'), dest: 'cn-northwest-1', crossRegion: true, crossAccount: false, blocked: undefined },
  { name: 'China (Beijing) copies nowhere else', subject: subject('EBS', 'cn-north-1'), dest: 'ap-east-1', crossRegion: true, crossAccount: false, blocked: /only to cn-northwest-1/ },
  { name: 'China: no cross-account copy', subject: subject('EBS', 'cn-northwest-1'), dest: 'cn-northwest-1', crossRegion: false, crossAccount: true, blocked: /cross-account copy is not supported in cn-northwest-1/ },
  { name: 'GovCloud (US-West) copies to US-East only', subject: subject('EFS', 'us-gov-west-1'), dest: 'us-east-1', crossRegion: true, crossAccount: false, blocked: /only to us-gov-east-1/ },
];

describe('copyBlocked', () => {
  it.each(rows)('$name', ({ subject: s, dest, crossRegion, crossAccount, blocked }) => {
    const reason = copyBlocked(s, dest, crossRegion, crossAccount);
    if (blocked) expect(reason).toMatch(blocked);
    else expect(reason).toBeUndefined();
    // The fast path never skips a subject that some copy could be blocked for.
    if (blocked) expect(copiesUnrestricted(s)).toBe(false);
  });

  it('cannot decide DynamoDB copies when the advanced-features setting was not observed', () => {
    expect(copyBlocked(subject('DynamoDB'), 'eu-central-1', true, false)).toBeUndefined();
    expect(copySupportUnknown(subject('DynamoDB'))).toMatch(/not observed/);
    expect(copySupportUnknown(subject('DynamoDB', 'eu-west-1', { dynamodbAdvanced: false }))).toBeUndefined();
    expect(copiesUnrestricted(subject('DynamoDB'))).toBe(false);
  });
});
