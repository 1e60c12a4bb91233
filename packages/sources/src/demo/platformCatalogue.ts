/**
 * Platform, security, data-platform and sandbox accounts. Hostile names and tags live mostly here, where people
 * type free text into Name tags.
 */
import { dailyRequired, important, standard, stateless, type AssetDef } from './catalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import {
  CYRILLIC,
  ESC_CLEAR,
  ESC_RED,
  ESC_TITLE,
  FORMULA_AT,
  FORMULA_DDE,
  FORMULA_MINUS,
  GREEK,
  JAPANESE,
  RIGHT_TO_LEFT_MARK,
  RIGHT_TO_LEFT_OVERRIDE,
} from './hostile.js';
import { PRIMARY_REGION, SECONDARY_REGION } from './organization.js';

const DEV = { Environment: 'dev', Owner: 'data-platform', CostCenter: 'CC-3100', SourceSystem: 'lakehouse' };
const SHARED = { Environment: 'shared', Owner: 'cloud-platform', CostCenter: 'CC-1000', SourceSystem: 'platform' };
const SECURITY = { Environment: 'security', Owner: 'ciso-office', CostCenter: 'CC-1100', Compliance: 'DORA;GDPR;ISO27001' };
const QUANT = { Environment: 'sandbox', Owner: 'quant-research', CostCenter: 'CC-3900' };
const ENGINEERING = { Environment: 'sandbox', Owner: 'engineering-enablement', CostCenter: 'CC-3900' };

const required = { BackupRequired: 'true' };

const devFrankfurt: AssetDef[] = [
  { type: 'S3', name: 'dp-raw-zone', tags: dailyRequired() },
  { type: 'S3', name: 'dp-curated-zone', tags: dailyRequired() },
  // Versioning was suspended nine days ago to save cost: every backup since fails.
  { type: 'S3', name: 'dp-ml-training-data', tags: dailyRequired(), attrs: { versioning: 'Suspended' }, story: { kind: 'failing-since', daysAgo: 9, failure: 's3-versioning' } },
  { type: 'S3', name: 'dp-analytics-results' },
  { type: 'S3', name: 'dp-athena-query-results', tags: stateless },
  // Marked as needing backup, but not tagged for any plan.
  { type: 'S3', name: 'dp-feature-store-offline', tags: required },
  { type: 'S3', name: 'dp-lineage-graph', tags: required },
  { type: 'DynamoDB', name: 'dp-pipeline-state', tags: dailyRequired() },
  { type: 'DynamoDB', name: 'dp-schema-registry', tags: dailyRequired() },
  { type: 'DynamoDB', name: 'dp-job-locks', tags: { Reproducible: 'true' } },
  { type: 'DynamoDB', name: 'dp-data-contracts', tags: required },
  { type: 'RDS', name: 'dp-metastore-db', tags: dailyRequired() },
  { type: 'EFS', name: 'dp-notebooks-shared', tags: dailyRequired() },
  ...['emr-core-01', 'emr-core-02', 'emr-core-03', 'emr-core-04'].map((h): AssetDef => ({ type: 'EBS', name: `${h}-hdfs`, host: h, tags: stateless })),
  ...['jupyter-01', 'jupyter-02', 'jupyter-03'].map((h): AssetDef => ({ type: 'EBS', name: `${h}-home`, host: h })),
];

const sharedFrankfurt: AssetDef[] = [
  // Selected by the service-only pattern arn:aws:fsx:*; the last three runs never started in their window.
  { type: 'FSx', name: 'corp-fileshare-frankfurt', tags: standard(required), story: { kind: 'failing-since', daysAgo: 3, failure: 'expired' } },
  { type: 'FSx', name: 'build-artifacts-lustre', tags: { Reproducible: 'true' }, attrs: { fileSystemType: 'LUSTRE' } },
  { type: 'FSx', name: JAPANESE, tags: standard({ ...required, Team: 'tokyo-desk' }), attrs: { fileSystemType: 'ONTAP' } },
  // Covered only by EFS automatic backups.
  { type: 'EFS', name: 'jenkins-home', tags: required, attrs: { efsAutomaticBackups: 'ENABLED' } },
  { type: 'EFS', name: 'grafana-data', tags: dailyRequired() },
  { type: 'EFS', name: GREEK, tags: standard({ Team: CYRILLIC }) },
  ...['ci-runner-01', 'ci-runner-02', 'ci-runner-03', 'ci-runner-04'].map((h): AssetDef => ({ type: 'EBS', name: `${h}-root`, host: h, tags: stateless })),
  { type: 'EBS', name: 'artifactory-data', host: 'artifactory-01', tags: dailyRequired() },
  // HashiCorp Vault raft nodes are backed up as EC2 instances (tag backup=daily): each AMI covers the node's data
  // volume, which no plan selects on its own.
  ...['vault-raft-01', 'vault-raft-02', 'vault-raft-03'].map((h): AssetDef => ({ type: 'EC2', name: h, host: h, tags: dailyRequired() })),
  ...['vault-raft-01', 'vault-raft-02', 'vault-raft-03'].map((h): AssetDef => ({ type: 'EBS', name: `${h}-data`, host: h, tags: required })),
  { type: 'S3', name: 'nordhavn-terraform-state', tags: standard(dailyRequired()) },
  { type: 'S3', name: 'nordhavn-build-artifacts', tags: stateless },
];

const sharedIreland: AssetDef[] = [
  // FSx is not opted in here: neither the tag nor the shared file-system/* pattern gets past the opt-in.
  { type: 'FSx', name: 'corp-fileshare-dublin', tags: standard(dailyRequired()) },
  { type: 'EBS', name: 'ci-runner-ie-01-root', host: 'ci-runner-ie-01', tags: stateless },
  { type: 'EFS', name: 'shared-tooling-ie', tags: dailyRequired() },
];

const sandboxEngineering: AssetDef[] = [
  { type: 'DynamoDB', name: 'eng-playground-orders', tags: { Owner: FORMULA_DDE } },
  { type: 'S3', name: 'eng-sandbox-uploads', tags: { CostCenter: FORMULA_AT, Description: FORMULA_MINUS } },
  { type: 'EBS', name: `${ESC_RED}red-team-scratch\u001b[0m`, host: 'eng-ws-01' },
  { type: 'EBS', name: `build-cache${ESC_TITLE}`, host: 'eng-ws-02' },
  { type: 'EBS', name: `${ESC_CLEAR}tmp-volume`, host: 'eng-ws-03' },
  { type: 'EBS', name: `invoice-${RIGHT_TO_LEFT_OVERRIDE}fdp.exe`, host: 'eng-ws-04', tags: { Note: `${RIGHT_TO_LEFT_MARK}copy of prod data?` } },
  { type: 'EFS', name: 'eng-shared-tmp' },
];

/** Platform, security, data-platform and sandbox sections of the catalogue. */
export const PLATFORM_CATALOGUE: readonly CatalogueSection[] = [
  { account: 'data-platform-dev', region: PRIMARY_REGION, baseTags: DEV, assets: devFrankfurt },
  {
    account: 'data-platform-dev',
    region: SECONDARY_REGION,
    baseTags: DEV,
    assets: [
      { type: 'S3', name: 'dp-raw-zone-ie', tags: dailyRequired() },
      { type: 'DynamoDB', name: 'dp-pipeline-state-ie', tags: dailyRequired() },
    ],
  },
  { account: 'shared-services', region: PRIMARY_REGION, baseTags: SHARED, assets: sharedFrankfurt },
  { account: 'shared-services', region: SECONDARY_REGION, baseTags: SHARED, assets: sharedIreland },
  {
    account: 'shared-network',
    region: PRIMARY_REGION,
    baseTags: { ...SHARED, Owner: 'network-engineering' },
    assets: [
      { type: 'EBS', name: 'egress-proxy-01-root', host: 'egress-proxy-01', tags: stateless },
      { type: 'EBS', name: 'egress-proxy-02-root', host: 'egress-proxy-02', tags: stateless },
      { type: 'S3', name: 'nordhavn-vpc-flow-logs' },
    ],
  },
  {
    account: 'shared-network',
    region: SECONDARY_REGION,
    baseTags: { ...SHARED, Owner: 'network-engineering' },
    assets: [{ type: 'EBS', name: 'egress-proxy-ie-01-root', host: 'egress-proxy-ie-01', tags: stateless }],
  },
  {
    account: 'security-audit',
    region: PRIMARY_REGION,
    baseTags: SECURITY,
    assets: [
      // Archival by name; its weekly plan keeps 7 years where the archival class requires 10.
      { type: 'S3', name: 'nordhavn-audit-evidence-archive', tags: required },
      { type: 'S3', name: 'nordhavn-guardduty-findings', tags: standard(dailyRequired()) },
      { type: 'S3', name: 'nordhavn-audit-manager-reports' },
      { type: 'DynamoDB', name: 'security-exceptions-register', tags: dailyRequired() },
    ],
  },
  {
    account: 'log-archive',
    region: PRIMARY_REGION,
    baseTags: SECURITY,
    assets: [
      { type: 'S3', name: 'nordhavn-cloudtrail-archive', tags: required },
      { type: 'S3', name: 'nordhavn-config-history-archive', tags: required },
      { type: 'S3', name: 'nordhavn-alb-access-logs' },
      { type: 'S3', name: 'nordhavn-s3-access-logs' },
    ],
  },
  { account: 'log-archive', region: SECONDARY_REGION, baseTags: SECURITY, assets: [{ type: 'S3', name: 'nordhavn-cloudtrail-archive-ie', tags: required }] },
  {
    account: 'nordhavn-management',
    region: PRIMARY_REGION,
    baseTags: { Environment: 'management', Owner: 'cloud-platform', CostCenter: 'CC-1000' },
    assets: [
      { type: 'S3', name: 'nordhavn-cur-reports' },
      // No tags beyond the basics: important by the S3 service default, and in no plan.
      { type: 'S3', name: 'nordhavn-org-cloudformation-templates' },
    ],
  },
  {
    account: 'sandbox-quant',
    region: PRIMARY_REGION,
    baseTags: QUANT,
    assets: [
      { type: 'DynamoDB', name: 'quant-backtest-results', attrs: { pointInTimeRecovery: 'DISABLED' } },
      // Signals now feed a production model: the owner classed the table important. Its only recovery points sit in
      // the Default vault, which the quants' restore checks exclude, so it can never be restore-tested.
      { type: 'DynamoDB', name: 'quant-signals', tags: important({ BackupRequired: 'true' }) },
      { type: 'S3', name: 'quant-research-notebooks' },
      { type: 'S3', name: 'quant-market-data-cache' },
      { type: 'EBS', name: 'quant-ws-01-root', host: 'quant-ws-01', tags: stateless },
      { type: 'EBS', name: 'quant-ws-01-data', host: 'quant-ws-01' },
      { type: 'EBS', name: 'quant-ws-02-root', host: 'quant-ws-02', tags: stateless },
      { type: 'EBS', name: 'quant-ws-02-data', host: 'quant-ws-02' },
      { type: 'RDS', name: 'quant-sandbox-db' },
    ],
  },
  { account: 'sandbox-engineering', region: PRIMARY_REGION, baseTags: ENGINEERING, assets: sandboxEngineering },
  {
    account: 'sandbox-engineering',
    region: SECONDARY_REGION,
    baseTags: ENGINEERING,
    assets: [
      { type: 'S3', name: 'eng-sandbox-ie' },
      // Untagged databases, made by hand: the REL09-BP01 seed classifies RDS by its tags only (the name's "prod"
      // does not count) and DynamoDB by name, both standard by default, and requires a backup of every database.
      { type: 'RDS', name: 'legacy-payments-prod-replica', untagged: true },
      { type: 'DynamoDB', name: 'eng-feature-flags', untagged: true },
    ],
  },
];
