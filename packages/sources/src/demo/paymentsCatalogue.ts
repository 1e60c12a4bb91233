/**
 * Payments: SEPA / instant payments hub (payhub) in production and staging.
 */
import { critical, hostVolumes, important, standard, dailyRequired, tables, type AssetDef } from './catalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import { PRIMARY_REGION, SECONDARY_REGION } from './organization.js';

const PROD = { Environment: 'prod', Owner: 'payments-platform', CostCenter: 'CC-2100', SourceSystem: 'payhub', Compliance: 'DORA;PSD2;GDPR' };
const STAGING = { Environment: 'staging', Owner: 'payments-platform', CostCenter: 'CC-2100', SourceSystem: 'payhub' };

// Every payments-* table is selected by the prefix pattern of the critical plan.
const LEDGER_TABLES = [
  'payments-ledger',
  'payments-transactions',
  'payments-idempotency-keys',
  'payments-sepa-instant',
  'payments-sepa-credit-transfers',
  'payments-fx-quotes',
  'payments-mandates',
  'payments-beneficiaries',
  'payments-limits',
  'payments-standing-orders',
  'payments-settlement-batches',
];

const SERVICE_TABLES = [
  'payhub-routing-rules',
  'payhub-merchant-config',
  'payhub-notification-prefs',
  'payhub-scheme-certificates',
  'payhub-cutoff-calendar',
  'payhub-iban-directory',
  'payhub-duplicate-checks',
  'payhub-rate-limits',
];

const prodFrankfurt: AssetDef[] = [
  ...tables(LEDGER_TABLES, critical()),
  // Tagged only Environment=prod: still critical and selected by prefix, but no restore-testing selection matches it.
  { type: 'DynamoDB', name: 'payments-webhooks-outbox' },
  // Excluded from the prefix selection by NotResources; reproducible session state.
  { type: 'DynamoDB', name: 'payments-session-cache', tags: standard({ Reproducible: 'true' }) },
  ...tables(SERVICE_TABLES, important()),
  { type: 'Aurora', name: 'payments-core-db', tags: critical({ SourceSystem: 'payhub;swift-alliance' }) },
  { type: 'RDS', name: 'payments-sanctions-db', tags: critical() },
  {
    type: 'RDS',
    name: 'payments-reporting-db',
    tags: important(),
    story: { kind: 'incidents', incidents: [{ daysAgo: 12, failure: 'invalid-state' }] },
  },
  {
    type: 'S3',
    name: 'payments-statements',
    tags: important(),
    story: { kind: 'incidents', incidents: [{ daysAgo: 4, failure: 'completed-with-issues' }, { daysAgo: 11, failure: 'completed-with-issues' }, { daysAgo: 19, failure: 'completed-with-issues' }] },
  },
  { type: 'S3', name: 'payments-swift-messages', tags: critical(), story: { kind: 'copy-denied', fromDaysAgo: 12, toDaysAgo: 5 } },
  { type: 'S3', name: 'payments-audit-trail', tags: critical({ Compliance: 'DORA;PSD2;GDPR;EBA-GL-2019-04' }) },
  { type: 'S3', name: 'payments-sepa-xml-inbound', tags: important(), story: { kind: 'incidents', incidents: [{ daysAgo: 23, failure: 'partial' }] } },
  { type: 'S3', name: 'payments-access-logs', tags: standard() },
  { type: 'S3', name: 'payments-reference-data', tags: standard(dailyRequired()) },
  // Critical through Environment=prod and selected by the bare `backup=hourly` tag.
  { type: 'EFS', name: 'payments-batch-shared', tags: { backup: 'hourly' } },
  { type: 'EFS', name: 'payments-sftp-inbound', tags: important() },
  ...['payhub-gw-01', 'payhub-gw-02', 'payhub-gw-03', 'payhub-gw-04'].flatMap((h) => hostVolumes(h, critical(), `${h}-journal`)),
  ...['payhub-api-01', 'payhub-api-02', 'payhub-api-03', 'payhub-api-04'].flatMap((h) => hostVolumes(h, important())),
  // Monitoring volumes nobody classified: critical by Environment, selected by no plan.
  { type: 'EBS', name: 'payhub-monitoring-01-data', host: 'payhub-monitoring-01' },
  { type: 'EBS', name: 'payhub-monitoring-02-data', host: 'payhub-monitoring-02' },
];

const prodIreland: AssetDef[] = [
  ...tables(['payments-ledger', 'payments-transactions', 'payments-idempotency-keys', 'payments-sepa-instant'], critical({ GlobalTable: 'true' })),
  { type: 'Aurora', name: 'payments-core-db-secondary', tags: critical() },
  { type: 'S3', name: 'payments-statements-ie', tags: important() },
  ...['payhub-gw-ie-01', 'payhub-gw-ie-02'].flatMap((h) => hostVolumes(h, critical(), `${h}-journal`)),
];

const stagingFrankfurt: AssetDef[] = [
  ...tables(['payments-ledger', 'payments-transactions', 'payments-mandates', 'payments-fx-quotes'], {}),
  // Synthetic load-test data: excluded by StringNotLike SourceSystem=*-synthetic.
  { type: 'DynamoDB', name: 'payments-loadtest-fixtures', tags: { SourceSystem: 'loadgen-synthetic', Reproducible: 'true' } },
  { type: 'RDS', name: 'payments-reporting-db-stg' },
  { type: 'Aurora', name: 'payments-core-db-stg' },
  { type: 'S3', name: 'payments-statements-stg' },
  { type: 'S3', name: 'payments-test-evidence' },
  ...hostVolumes('payhub-stg-01', {}),
];

/** Payments sections of the catalogue. */
export const PAYMENTS_CATALOGUE: readonly CatalogueSection[] = [
  { account: 'payments-prod', region: PRIMARY_REGION, baseTags: PROD, assets: prodFrankfurt },
  { account: 'payments-prod', region: SECONDARY_REGION, baseTags: PROD, assets: prodIreland },
  { account: 'payments-staging', region: PRIMARY_REGION, baseTags: STAGING, assets: stagingFrankfurt },
  // A replica bucket someone created in Ireland; the staging plans only exist in Frankfurt.
  { account: 'payments-staging', region: SECONDARY_REGION, baseTags: STAGING, assets: [{ type: 'S3', name: 'payments-stg-ie-replica' }] },
];
