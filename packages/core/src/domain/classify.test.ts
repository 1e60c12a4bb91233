import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy/load.js';
import { classify } from './classify.js';

const { policy } = defaultPolicy();

describe('classify (REL09-BP01 default rules)', () => {
  it.each([
    // [description, name, type, tags, tier, backupRequired, reproducible, rule fragment]
    ['explicit tag wins over everything', 'app-logs', 'S3', { DataClassification: 'critical', Environment: 'dev' }, 'critical', true, true, 'tag DataClassification=critical'],
    ['explicit tag is case-insensitive in value', 'x', 'S3', { DataClassification: 'Important' }, 'important', true, false, 'tag DataClassification=Important'],
    ['invalid explicit value falls through to Environment', 'x', 'EBS', { DataClassification: 'secret', Environment: 'prod' }, 'critical', true, false, 'tag Environment=prod'],
    ['Environment=production → critical', 'ledger', 'RDS', { Environment: 'production' }, 'critical', true, false, 'tag Environment=production'],
    ['Environment=staging → important', 'ledger', 'RDS', { Environment: 'staging' }, 'important', true, false, 'tag Environment=staging'],
    ['Environment=test → important (REL09 example)', 'ledger', 'RDS', { Environment: 'test' }, 'important', true, false, 'tag Environment=test'],
    ['Environment=dev → standard, not required', 'ledger', 'RDS', { Environment: 'dev' }, 'standard', false, false, 'tag Environment=dev'],
    ['environment tag key in other case', 'ledger', 'RDS', { environment: 'prod' }, 'critical', true, false, 'tag environment=prod'],
    ['name prod → critical', 'payments-prod-db', 'RDS', {}, 'critical', true, false, 'name contains "prod"'],
    ['name backup → archival, not required', 'nightly-backup-bucket', 'S3', {}, 'archival', false, false, 'name contains "backup"'],
    ['name log → standard, reproducible', 'access-logs', 'S3', {}, 'standard', false, true, 'name contains "log"'],
    ['name customer → important', 'customer-profiles', 'DynamoDB', {}, 'important', true, false, 'name contains "customer"'],
    ['name order → important', 'orders', 'DynamoDB', {}, 'important', true, false, 'name contains "order"'],
    ['service default S3 → important', 'kyc-documents', 'S3', {}, 'important', true, false, 'service default for S3'],
    ['service default DynamoDB → standard', 'fx-rates', 'DynamoDB', {}, 'standard', false, false, 'service default for DynamoDB'],
    ['unknown service → policy default', 'thing', 'Neptune', {}, 'standard', false, false, 'policy default'],
    ['BackupRequired=true makes standard data required', 'fx-rates', 'DynamoDB', { BackupRequired: 'true' }, 'standard', true, false, 'tag BackupRequired=true'],
    ['BackupRequired=false overrides a critical class', 'ledger', 'RDS', { Environment: 'prod', BackupRequired: 'false' }, 'critical', false, false, 'tag BackupRequired=false'],
    ['Reproducible=true makes critical data not required', 'ledger', 'RDS', { Environment: 'prod', Reproducible: 'true' }, 'critical', false, true, 'tag Reproducible=true'],
    ['derived data by name is reproducible and not required', 'analytics-prod', 'S3', {}, 'critical', false, true, 'derived data'],
    ['prod cache by Environment is reproducible and not required', 'session-cache', 'DynamoDB', { Environment: 'prod' }, 'critical', false, true, 'name contains "cache"'],
    ['explicit classification beats the derived-data heuristic', 'report-archive', 'S3', { DataClassification: 'important' }, 'important', true, true, 'tag DataClassification=important'],
    ['names match whole words: "product" is not "prod", "catalog" is not "log"', 'product-catalog', 'RDS', {}, 'important', true, false, 'service default for RDS'],
    ['"preprod" is not production', 'payments-preprod', 'EBS', {}, 'standard', false, false, 'service default for EBS'],
    ['"nonprod" is not production', 'analytics-nonprod-db', 'RDS', {}, 'important', false, true, 'derived data'],
    ['"logins" is not logs; "user" is a word', 'user-logins', 'DynamoDB', {}, 'important', true, false, 'name contains "user"'],
    ['"border" is not "order"', 'border-control', 'EBS', {}, 'standard', false, false, 'service default for EBS'],
    ['camelCase and digits split into words', 'CustomerOrders2024', 'DynamoDB', {}, 'important', true, false, 'name contains "customer"'],
    ['plural and -ing forms match', 'reporting-db', 'RDS', {}, 'important', false, true, 'name contains "report"'],
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
