/**
 * Card issuing (cardhub): authorisations, tokens, disputes and clearing.
 */
import { critical, hostVolumes, important, standard, tables, type AssetDef } from './catalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import { FORMULA_HYPERLINK } from './hostile.js';
import { PRIMARY_REGION, SECONDARY_REGION } from './organization.js';

const PROD = { Environment: 'prod', Owner: 'cards-issuing', CostCenter: 'CC-2300', SourceSystem: 'cardhub', Compliance: 'DORA;PSD2;PCI-DSS;GDPR' };

const prodFrankfurt: AssetDef[] = [
  // The backup role lost dynamodb permissions two days ago: every job since fails, the recovery point goes stale.
  { type: 'DynamoDB', name: 'card-auth-events', tags: critical(), story: { kind: 'failing-since', daysAgo: 2, failure: 'access-denied' } },
  { type: 'DynamoDB', name: 'card-tokens', tags: critical({ Compliance: 'DORA;PCI-DSS' }), restore: 'timed-out' },
  ...tables(['card-limits', 'card-pin-offsets', 'card-blocklist', 'card-token-vault-map'], critical()),
  ...tables(['card-disputes', 'card-merchants', 'card-chargeback-cases', 'card-rewards-ledger', 'card-merchant-categories'], important()),
  { type: 'DynamoDB', name: 'card-3ds-sessions', tags: standard({ Reproducible: 'true' }) },
  { type: 'DynamoDB', name: 'fraud-scores-cache', tags: standard(), attrs: { pointInTimeRecovery: 'DISABLED' } },
  { type: 'Aurora', name: 'cards-issuing-db', tags: critical() },
  { type: 'RDS', name: 'cards-settlement-db', tags: critical(), restore: 'hostile-validation' },
  { type: 'RDS', name: 'cards-rewards-db', tags: important() },
  // Created six hours ago, after tonight's run: selected, not yet backed up.
  { type: 'RDS', name: 'cards-chargeback-db', tags: important(), ageHours: 6, story: { kind: 'no-jobs-yet' } },
  // Created without versioning: every backup job fails, so it never had a recovery point.
  {
    type: 'S3',
    name: 'card-dispute-evidence',
    tags: important(),
    attrs: { versioning: undefined },
    ageDays: 18,
    story: { kind: 'never-succeeded', failure: 's3-versioning' },
  },
  { type: 'S3', name: 'cards-clearing-files', tags: critical() },
  { type: 'S3', name: 'cards-statements', tags: important() },
  ...hostVolumes('cardhub-auth-01', critical()),
  ...hostVolumes('cardhub-auth-02', critical(), 'cardhub-auth-02-data', { restore: 'restore-failed' }),
  // A data volume whose Name tag is a spreadsheet formula; its KMS key was briefly not shared with the backup role.
  ...hostVolumes('cardhub-auth-03', critical(), FORMULA_HYPERLINK, { story: { kind: 'incidents', incidents: [{ daysAgo: 5, failure: 'kms-access-denied' }] } }),
  ...['cardhub-api-01', 'cardhub-api-02', 'cardhub-api-03'].flatMap((h) => hostVolumes(h, important())),
  // HSM proxy volumes nobody tagged: critical by Environment=prod, selected by no plan.
  { type: 'EBS', name: 'cards-hsm-proxy-01-data', host: 'cards-hsm-proxy-01' },
  { type: 'EBS', name: 'cards-hsm-proxy-02-data', host: 'cards-hsm-proxy-02' },
  { type: 'FSx', name: 'cards-embossing-share', tags: important() },
];

const prodIreland: AssetDef[] = [
  ...tables(['card-auth-events', 'card-tokens'], critical({ GlobalTable: 'true' })),
  // A replica added by the global-tables console, which does not copy tags: critical by Environment, in no plan.
  { type: 'DynamoDB', name: 'card-disputes', tags: { GlobalTable: 'true' } },
  { type: 'Aurora', name: 'cards-issuing-db-secondary', tags: critical() },
  { type: 'S3', name: 'cards-clearing-files-ie', tags: critical() },
  ...hostVolumes('cardhub-auth-ie-01', critical()),
];

/** Cards sections of the catalogue. */
export const CARDS_CATALOGUE: readonly CatalogueSection[] = [
  { account: 'cards-prod', region: PRIMARY_REGION, baseTags: PROD, assets: prodFrankfurt },
  { account: 'cards-prod', region: SECONDARY_REGION, baseTags: PROD, assets: prodIreland },
];
