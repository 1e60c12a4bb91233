/**
 * Customer data (CRM, KYC, AML) and lending (loan origination, collections).
 */
import { critical, hostVolumes, important, standard, tables, type AssetDef } from './catalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import { PRIMARY_REGION, SECONDARY_REGION } from './organization.js';

const CUSTOMER = { Environment: 'prod', Owner: 'customer-data-office', CostCenter: 'CC-2400', SourceSystem: 'crm-core', Compliance: 'DORA;GDPR;AMLD6' };
const LENDING = { Environment: 'prod', Owner: 'lending', CostCenter: 'CC-2500', SourceSystem: 'loan-origination', Compliance: 'DORA;CCD2;GDPR' };

const customerFrankfurt: AssetDef[] = [
  // Critical through Environment=prod, but its owner only tagged it for the daily plan: daily, one year, no copies,
  // an unlocked vault, and the restore tests only read from locked vaults.
  { type: 'S3', name: 'kyc-documents', tags: { backup: 'daily', Compliance: 'DORA;GDPR;AMLD6;eIDAS' } },
  { type: 'S3', name: 'kyc-screening-evidence', tags: critical() },
  { type: 'S3', name: 'customer-correspondence', tags: important() },
  { type: 'S3', name: 'customer-identity-documents', tags: critical() },
  { type: 'DynamoDB', name: 'customer-profiles', tags: important(), restore: 'aborted' },
  { type: 'DynamoDB', name: 'customer-consents', tags: important(), attrs: { pointInTimeRecovery: 'DISABLED' } },
  ...tables(['customer-contact-history', 'customer-addresses', 'customer-documents-index', 'customer-preferences'], important()),
  ...tables(['aml-alerts', 'sanctions-hits', 'customer-risk-ratings', 'pep-screening-results'], critical()),
  { type: 'DynamoDB', name: 'customer-segments-derived', tags: standard() },
  { type: 'RDS', name: 'crm-core-db', tags: critical() },
  { type: 'RDS', name: 'aml-case-management-db', tags: critical() },
  { type: 'Aurora', name: 'customer-master-db', tags: critical() },
  { type: 'Aurora', name: 'customer-identity-db', tags: critical() },
  { type: 'EFS', name: 'kyc-ocr-workspace', tags: standard({ Reproducible: 'true' }) },
  ...['crm-app-01', 'crm-app-02', 'crm-app-03', 'crm-app-04'].flatMap((h) => hostVolumes(h, important())),
  { type: 'FSx', name: 'crm-document-share', tags: important() },
];

const customerIreland: AssetDef[] = [
  // GetBucketTagging was denied: tags unknown; the bucket is still selected by its ARN prefix.
  { type: 'S3', name: 'customer-correspondence-ie', tagsUnreadable: true },
  // Critical through Environment=prod, selected by no plan.
  { type: 'S3', name: 'customer-complaints-ie' },
  { type: 'DynamoDB', name: 'customer-profiles', tags: important({ GlobalTable: 'true' }) },
  { type: 'DynamoDB', name: 'aml-alerts', tags: critical({ GlobalTable: 'true' }) },
  { type: 'RDS', name: 'crm-core-db-dr', tags: critical() },
  ...hostVolumes('crm-dr-01', important()),
];

const lendingFrankfurt: AssetDef[] = [
  ...tables(['loan-applications', 'loan-ledger', 'loan-schedules', 'loan-repayments'], critical()),
  ...tables(['credit-decisions', 'collateral-register', 'loan-covenants', 'credit-bureau-responses'], important()),
  { type: 'Aurora', name: 'lending-core-db', tags: critical() },
  { type: 'S3', name: 'loan-application-uploads', tags: critical() },
  { type: 'S3', name: 'loan-contracts', tags: critical({ Compliance: 'DORA;CCD2;GDPR;eIDAS' }) },
  { type: 'RDS', name: 'lending-scoring-db', tags: important() },
  ...['lending-app-01', 'lending-app-02', 'lending-app-03'].flatMap((h) => hostVolumes(h, critical())),
];

// The collections workload migrated to Ireland last quarter; nobody created backup plans there yet.
const lendingIreland: AssetDef[] = [
  ...tables(['loan-collections-cases', 'loan-collections-events', 'collections-payment-promises'], critical()),
  { type: 'RDS', name: 'collections-db', tags: critical() },
  { type: 'S3', name: 'collections-letters', tags: important() },
  { type: 'S3', name: 'collections-call-recordings', tags: important({ Compliance: 'DORA;GDPR;MiFID-II' }) },
  ...['collections-app-01', 'collections-app-02'].flatMap((h) => hostVolumes(h, critical())),
  { type: 'EFS', name: 'collections-shared', tags: important() },
];

/** Customer-data and lending sections of the catalogue. */
export const CUSTOMER_LENDING_CATALOGUE: readonly CatalogueSection[] = [
  { account: 'customer-data-prod', region: PRIMARY_REGION, baseTags: CUSTOMER, assets: customerFrankfurt },
  { account: 'customer-data-prod', region: SECONDARY_REGION, baseTags: CUSTOMER, assets: customerIreland },
  { account: 'lending-prod', region: PRIMARY_REGION, baseTags: LENDING, assets: lendingFrankfurt },
  { account: 'lending-prod', region: SECONDARY_REGION, baseTags: LENDING, assets: lendingIreland.map((a) => ({ ...a, ageDays: 75 + a.name.length })) },
];
