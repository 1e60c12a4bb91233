import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse.js';
import { classify } from './classify.js';

// The bundled default policy ships with @vaultscope/sources (core parses text, it reads no files).
const { policy } = parsePolicy(readFileSync(new URL('../../../sources/assets/default-policy.yaml', import.meta.url), 'utf8'), 'default policy');

// The seed: the code of "REL09-BP01 Identify and back up all data that needs to be backed up, or reproduce the data
// from sources", Implementation Example 1 (DataDiscoveryManager), AWS Well-Architected Reliability Pillar,
// https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_backing_up_data_identified_backups_data.html
describe('classify (REL09-BP01 default rules)', () => {
  it.each([
    // [description, name, type, tags, tier, backupRequired, reproducible, rule fragment]
    ['explicit tag wins over everything', 'app-logs', 'S3', { DataClassification: 'critical', Environment: 'dev' }, 'critical', true, true, 'tag DataClassification=critical'],
    ['explicit tag is case-insensitive in value', 'x', 'S3', { DataClassification: 'Important' }, 'important', true, false, 'tag DataClassification=Important'],
    ['invalid explicit value falls through to Environment', 'x', 'EBS', { DataClassification: 'secret', Environment: 'prod' }, 'critical', true, false, 'tag Environment=prod'],
    // _classify_rds_database: DataClassification, then Environment prod/production → critical, staging/test → important, else standard.
    ['RDS Environment=production → critical', 'ledger', 'RDS', { Environment: 'production' }, 'critical', true, false, 'tag Environment=production'],
    ['RDS Environment=staging → important', 'ledger', 'RDS', { Environment: 'staging' }, 'important', true, false, 'tag Environment=staging'],
    ['RDS Environment=test → important', 'ledger', 'RDS', { Environment: 'test' }, 'important', true, false, 'tag Environment=test'],
    ['RDS Environment=dev → standard, still required (a database)', 'ledger', 'RDS', { Environment: 'dev' }, 'standard', true, false, 'database: backup required'],
    ['environment tag key in other case', 'ledger', 'RDS', { environment: 'prod' }, 'critical', true, false, 'tag environment=prod'],
    ['RDS without DataClassification or Environment → standard, whatever its name', 'payments-prod-db', 'RDS', {}, 'standard', true, false, 'service default for RDS'],
    ['untagged RDS → standard and required (seed: backup_required = True)', 'product-catalog', 'RDS', {}, 'standard', true, false, 'database: backup required unless tagged BackupRequired=false'],
    ['untagged Aurora → standard and required', 'core-ledger', 'Aurora', {}, 'standard', true, false, 'service default for Aurora'],
    // _classify_s3_bucket and _should_backup_s3_bucket.
    ['S3 name prod → critical', 'payments-prod-exports', 'S3', {}, 'critical', true, false, 'name contains "prod"'],
    ['S3 name critical → critical', 'critical-documents', 'S3', {}, 'critical', true, false, 'name contains "critical"'],
    ['S3 name backup → archival, not required (itself a copy)', 'nightly-backup-bucket', 'S3', {}, 'archival', false, false, 'name contains "backup"'],
    ['S3 name log → standard, reproducible, not required', 'access-logs', 'S3', {}, 'standard', false, true, 'name contains "log"'],
    ['S3 critical named snapshot → not required (itself a copy)', 'prod-snapshot-store', 'S3', {}, 'critical', false, false, 'itself a copy (name contains "snapshot")'],
    ['S3 critical named temp → not required (temporary data)', 'prod-temp-exports', 'S3', {}, 'critical', false, true, 'temporary data (name contains "temp")'],
    ['S3 service default → important, required', 'kyc-documents', 'S3', {}, 'important', true, false, 'service default for S3'],
    ['S3 BackupRequired=true beats the temporary name', 'prod-temp-exports', 'S3', { BackupRequired: 'true' }, 'critical', true, true, 'tag BackupRequired=true'],
    // _classify_dynamodb_table: prod/production → critical, user/customer/order → important, else standard; always required.
    ['DynamoDB name customer → important', 'customer-profiles', 'DynamoDB', {}, 'important', true, false, 'name contains "customer"'],
    ['DynamoDB name order → important', 'orders', 'DynamoDB', {}, 'important', true, false, 'name contains "order"'],
    ['DynamoDB name prod → critical', 'ledger-prod', 'DynamoDB', {}, 'critical', true, false, 'name contains "prod"'],
    ['DynamoDB service default → standard, required (a database)', 'fx-rates', 'DynamoDB', {}, 'standard', true, false, 'service default for DynamoDB'],
    ['DynamoDB named archive is not archival (seed has no such rule for tables)', 'order-archive', 'DynamoDB', {}, 'important', true, false, 'name contains "order"'],
    ['DynamoDB cache: reproducible, still required (no heuristic waives a database)', 'session-cache', 'DynamoDB', {}, 'standard', true, true, 'reproducible (name contains "cache"), still required'],
    ['DynamoDB BackupRequired=false waives it', 'fx-rates', 'DynamoDB', { BackupRequired: 'false' }, 'standard', false, false, 'tag BackupRequired=false'],
    ['Reproducible=true never waives a database', 'ledger', 'RDS', { Environment: 'prod', Reproducible: 'true' }, 'critical', true, true, 'reproducible (tag Reproducible=true), still required'],
    ['BackupRequired=false overrides a critical class', 'ledger', 'RDS', { Environment: 'prod', BackupRequired: 'false' }, 'critical', false, false, 'tag BackupRequired=false'],
    // Other services keep the generic rules.
    ['unknown service → policy default', 'thing', 'Neptune', {}, 'standard', false, false, 'policy default'],
    ['BackupRequired=true makes standard data required', 'scratch', 'EBS', { BackupRequired: 'true' }, 'standard', true, false, 'tag BackupRequired=true'],
    ['derived data by name is reproducible and stays required', 'analytics-prod', 'S3', {}, 'critical', true, true, 'reproducible (name contains "analytics"), still required'],
    ['Reproducible=true on critical data is shown, not a waiver', 'ledger-exports', 'S3', { Environment: 'prod', Reproducible: 'true', SourceSystem: 'core-banking' }, 'critical', true, true, 'reproducible from core-banking (tag Reproducible=true)'],
    ['explicit classification beats the copy name rule', 'report-archive', 'S3', { DataClassification: 'important' }, 'important', true, true, 'tag DataClassification=important'],
    ['names match whole words: "product" is not "prod", "catalog" is not "log"', 'product-catalog', 'S3', {}, 'important', true, false, 'service default for S3'],
    ['"preprod" is not production', 'payments-preprod', 'EBS', {}, 'standard', false, false, 'service default for EBS'],
    ['"logins" is not logs; "user" is a word', 'user-logins', 'DynamoDB', {}, 'important', true, false, 'name contains "user"'],
    ['"border" is not "order"', 'border-control', 'EBS', {}, 'standard', false, false, 'service default for EBS'],
    ['camelCase and digits split into words', 'CustomerOrders2024', 'DynamoDB', {}, 'important', true, false, 'name contains "customer"'],
    ['plural and -ing forms match', 'reporting-db', 'RDS', {}, 'standard', true, true, 'reproducible (name contains "report"), still required'],
    ['Reproducible=false beats the name heuristic', 'derived-positions', 'S3', { Environment: 'prod', Reproducible: 'false' }, 'critical', true, false, 'tag Environment=prod'],
  ] as const)('%s', (_d, name, resourceType, tags, tier, backupRequired, reproducible, rule) => {
    const c = classify({ name, resourceType, tags: { ...tags } }, policy);
    expect(c.tier).toBe(tier);
    expect(c.backupRequired).toBe(backupRequired);
    expect(c.reproducible).toBe(reproducible);
    expect(c.rule).toContain(rule);
    expect(c.rtoHours).toBe(policy.classes[tier].rtoHours);
    expect(c.rpoHours).toBe(policy.classes[tier].rpoHours);
  });

  it('keeps all of it configurable: a policy can make RDS names decide again and stop treating DynamoDB as a database', () => {
    const custom = {
      ...policy,
      classification: { ...policy.classification, namePatternsByType: {}, databaseTypes: ['RDS', 'Aurora'] },
    };
    expect(classify({ name: 'payments-prod-db', resourceType: 'RDS', tags: {} }, custom).tier).toBe('critical');
    expect(classify({ name: 'fx-rates', resourceType: 'DynamoDB', tags: {} }, custom).backupRequired).toBe(false);
  });

  it('records source systems from SourceSystem and Application, as the seed does', () => {
    const c = classify({ name: 'positions', resourceType: 'DynamoDB', tags: { SourceSystem: 'murex', Application: 'risk-engine', Reproducible: 'true' } }, policy);
    expect(c.sourceSystems).toEqual(['murex', 'risk-engine']);
    expect(c.rule).toContain('reproducible from murex, risk-engine (tag Reproducible=true), still required');
  });

  it('records owner, source systems and compliance requirements from tags', () => {
    const c = classify(
      { name: 'ledger', resourceType: 'RDS', tags: { Owner: 'payments-team', SourceSystem: 'core-banking; swift', Compliance: 'DORA,PSD2' } },
      policy,
    );
    expect(c.owner).toBe('payments-team');
    expect(c.sourceSystems).toEqual(['core-banking', 'swift']);
    expect(c.compliance).toEqual(['DORA', 'PSD2']);
  });
});
