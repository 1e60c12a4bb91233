/** Ready-made moto organizations: a small, hand-checked one for integration tests and a large one for benchmarks. */
import type { MotoAccountSpec, MotoOrganizationSpec, MotoRegionSpec, Tags } from './seed.js';

export const MOTO_REGIONS = ['eu-west-1', 'eu-central-1'] as const;

/**
 * Four member accounts in three OUs (plus one directly under the root), assets in two Regions, vaults with and
 * without Vault Lock, and plans with a cross-Region copy.
 */
export function defaultMotoSpec(): MotoOrganizationSpec {
  return {
    accounts: [
      {
        name: 'payments-prod',
        ou: 'Workloads/Prod',
        tags: { Environment: 'prod', Owner: 'payments' },
        regions: {
          'eu-west-1': {
            buckets: [{ name: 'payments-ledger-euw1', tags: { DataClassification: 'critical', backup: 'daily' }, versioning: 'Enabled' }],
            tables: [{ name: 'orders', tags: { DataClassification: 'critical' }, pitr: true }],
            dbInstances: [{ id: 'payments-db', engine: 'postgres', encrypted: true, backupRetentionDays: 7, multiAZ: true, sizeGiB: 100, tags: { Environment: 'prod' } }],
            dbClusters: [{ id: 'ledger', engine: 'aurora-postgresql', members: 2, tags: { DataClassification: 'critical' } }],
            fileSystems: [{ name: 'shared-docs', automaticBackups: true, tags: { Environment: 'prod' } }],
            volumes: [{ name: 'batch-scratch', sizeGiB: 50, encrypted: true, attach: true, tags: { Environment: 'prod' }, instance: { name: 'batch-runner', tags: { Environment: 'prod', backup: 'daily' } } }],
            vaults: [{ name: 'payments-vault', lock: { minRetentionDays: 7, maxRetentionDays: 3650 } }],
            backupPlans: [
              {
                name: 'critical-hourly',
                vault: 'payments-vault',
                schedule: 'cron(0 * ? * * *)',
                deleteAfterDays: 2555,
                copyToVaultArn: 'arn:aws:backup:eu-central-1:{account}:backup-vault:payments-dr',
              },
            ],
          },
          'eu-central-1': {
            buckets: [{ name: 'payments-dr-euc1', tags: { DataClassification: 'important' }, versioning: 'Suspended' }],
            tables: [{ name: 'orders-archive', tags: { DataClassification: 'important' }, pitr: false }],
            vaults: [{ name: 'payments-dr' }],
          },
        },
      },
      {
        name: 'analytics-dev',
        ou: 'Workloads/NonProd',
        tags: { Environment: 'dev' },
        regions: {
          'eu-west-1': {
            buckets: [{ name: 'analytics-scratch-euw1' }],
            tables: [{ name: 'sessions', tags: { Reproducible: 'true' } }],
            volumes: [{ name: 'loose-volume', sizeGiB: 8, encrypted: false }],
          },
          'eu-central-1': {
            fileSystems: [{ name: 'analytics-share', automaticBackups: false }],
            vaults: [{ name: 'Default' }],
            backupPlans: [{ name: 'daily', vault: 'Default' }],
          },
        },
      },
      {
        name: 'security-audit',
        ou: 'Security',
        tags: { Environment: 'prod', Owner: 'security' },
        regions: {
          'eu-central-1': {
            buckets: [{ name: 'security-logs-euc1', tags: { DataClassification: 'important' }, versioning: 'Enabled' }],
            dbInstances: [{ id: 'audit-db', engine: 'mysql', encrypted: false, backupRetentionDays: 0 }],
          },
        },
      },
      { name: 'sandbox', tags: { Environment: 'sandbox' } },
    ],
    management: {
      regions: {
        'eu-west-1': { vaults: [{ name: 'org-central' }] },
      },
    },
  };
}

export interface ScaleSpecOptions {
  accounts?: number;
  regions?: readonly string[];
  /** Multiplies the per-Region asset mix (1 = 21 assets per account × Region). */
  density?: number;
}

/**
 * A large organization for benchmarks: `accounts` members (default 20) spread over 4 OUs, each with the same
 * mix in every Region (default 2 Regions): 3 S3 buckets, 2 DynamoDB tables, 2 RDS instances, 1 Aurora cluster
 * (2 members), 1 EFS file system and 12 EBS volumes — 21 assets, so 840 in all — plus a locked vault and a plan.
 * EBS volumes are the most numerous data asset in most estates, hence their share.
 */
export function scaleMotoSpec(options: ScaleSpecOptions = {}): MotoOrganizationSpec {
  const count = options.accounts ?? 20;
  const regions = options.regions ?? MOTO_REGIONS;
  const density = Math.max(1, Math.round(options.density ?? 1));
  const ous = ['Workloads/Prod', 'Workloads/NonProd', 'Data', 'Security'];
  const accounts: MotoAccountSpec[] = [];
  for (let a = 0; a < count; a += 1) {
    const name = `acct-${String(a + 1).padStart(2, '0')}`;
    const regionSpecs: Record<string, MotoRegionSpec> = {};
    for (const region of regions) {
      const short = region.replaceAll('-', '');
      const n = (prefix: string, i: number) => `${prefix}-${name}-${short}-${i}`;
      const range = (k: number) => Array.from({ length: k * density }, (_, i) => i + 1);
      regionSpecs[region] = {
        buckets: range(3).map((i) => ({
          name: n('bkt', i),
          tags: (i === 1 ? { DataClassification: 'critical', backup: 'daily' } : { Environment: 'prod' }) as Tags,
          ...(i !== 3 ? { versioning: 'Enabled' as const } : {}),
        })),
        tables: range(2).map((i) => ({ name: n('tbl', i), tags: { DataClassification: i === 1 ? 'critical' : 'standard' }, pitr: i === 1 })),
        dbInstances: range(2).map((i) => ({ id: n('db', i), encrypted: true, backupRetentionDays: 7, tags: { Environment: 'prod' } })),
        dbClusters: range(1).map((i) => ({ id: n('aur', i), members: 2, tags: { DataClassification: 'critical' } })),
        fileSystems: range(1).map((i) => ({ name: n('efs', i), automaticBackups: i === 1 })),
        volumes: range(12).map((i) => ({ name: n('vol', i), sizeGiB: 10 * i, encrypted: i % 2 === 0, tags: { Environment: 'prod' } })),
        vaults: [{ name: `vault-${short}`, lock: { minRetentionDays: 7 } }],
        backupPlans: [{ name: `plan-${short}`, vault: `vault-${short}` }],
      };
    }
    accounts.push({ name, ou: ous[a % ous.length] as string, tags: { Environment: a % 2 ? 'prod' : 'dev' }, regions: regionSpecs });
  }
  return { accounts, concurrency: 6 };
}
