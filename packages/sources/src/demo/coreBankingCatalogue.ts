/**
 * Core banking (Temenos Transact): accounts, balances, postings and the general ledger, in production and test.
 */
import { critical, hostVolumes, important, standard, tables, type AssetDef } from './catalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import { PRIMARY_REGION, SECONDARY_REGION } from './organization.js';

const PROD = { Environment: 'prod', Owner: 'core-banking', CostCenter: 'CC-2200', SourceSystem: 'temenos-transact', Compliance: 'DORA;GDPR;CRR' };
const TEST = { Environment: 'test', Owner: 'core-banking', CostCenter: 'CC-2200', SourceSystem: 'temenos-transact' };

const prodFrankfurt: AssetDef[] = [
  // Selected by exact ARN (and by tag); its restores take longer than the 1 h RTO.
  { type: 'Aurora', name: 'core-banking-db', tags: critical(), sizeGb: 14_800, restore: 'slow' },
  // Only Environment=prod: selected by its exact ARN alone; its latest restore test failed validation.
  { type: 'RDS', name: 'core-banking-gl', restore: 'validation-failed' },
  { type: 'RDS', name: 'core-interest-engine-db', tags: important() },
  { type: 'RDS', name: 'core-products-db', tags: important() },
  { type: 'RDS', name: 'core-banking-read-replica', tags: { Reproducible: 'true' } },
  ...tables(['core-accounts', 'core-balances', 'core-customers', 'core-account-mandates', 'core-overdraft-limits'], critical()),
  { type: 'DynamoDB', name: 'core-postings', tags: critical(), story: { kind: 'incidents', incidents: [{ daysAgo: 9, failure: 'expired' }] } },
  ...tables(['core-standing-data', 'core-interest-accruals', 'core-limits', 'core-product-catalogue', 'core-fee-schedules', 'core-holiday-calendar', 'core-dormancy-flags'], important()),
  { type: 'DynamoDB', name: 'core-batch-checkpoints', tags: standard({ Reproducible: 'true' }) },
  { type: 'S3', name: 'core-banking-statements', tags: important() },
  { type: 'S3', name: 'core-banking-regulatory-reports', tags: important({ Compliance: 'DORA;CRR;FINREP;COREP' }) },
  { type: 'S3', name: 'core-banking-batch-landing', tags: standard() },
  ...['t24-app-01', 't24-app-02', 't24-app-03', 't24-app-04', 't24-app-05', 't24-app-06'].flatMap((h) => hostVolumes(h, critical())),
  ...hostVolumes('t24-batch-01', important()),
  // A reporting host added during the last release: its data volume was never classified.
  ...hostVolumes('t24-reporting-01', {}),
  // No restore-testing selection covers FSx.
  { type: 'FSx', name: 'core-banking-batch-share', tags: important() },
  { type: 'EFS', name: 'core-banking-shared-config', tags: important() },
];

const prodIreland: AssetDef[] = [
  { type: 'Aurora', name: 'core-banking-db-dr', tags: critical() },
  { type: 'RDS', name: 'core-banking-gl-dr', tags: critical() },
  ...tables(['core-accounts', 'core-balances', 'core-postings'], critical({ GlobalTable: 'true' })),
  ...hostVolumes('t24-dr-app-01', critical()),
  { type: 'S3', name: 'core-banking-statements-dr', tags: important() },
];

const testFrankfurt: AssetDef[] = [
  { type: 'Aurora', name: 'core-banking-db-test' },
  { type: 'RDS', name: 'core-banking-gl-test' },
  ...tables(['core-accounts-test', 'core-postings-test'], {}),
  { type: 'DynamoDB', name: 'core-banking-test-fixtures', tags: { SourceSystem: 'datagen-synthetic', Reproducible: 'true' } },
  { type: 'S3', name: 'core-banking-test-data' },
  ...hostVolumes('t24-test-01', {}),
  // EFS is not among the non-production plan's resource patterns.
  { type: 'EFS', name: 'core-banking-test-share' },
];

/** Core-banking sections of the catalogue. */
export const CORE_BANKING_CATALOGUE: readonly CatalogueSection[] = [
  { account: 'core-banking-prod', region: PRIMARY_REGION, baseTags: PROD, assets: prodFrankfurt },
  { account: 'core-banking-prod', region: SECONDARY_REGION, baseTags: PROD, assets: prodIreland },
  { account: 'core-banking-test', region: PRIMARY_REGION, baseTags: TEST, assets: testFrankfurt },
];
