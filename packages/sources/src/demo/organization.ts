/**
 * Nordhavn Bank's AWS Organization: accounts, OUs and the Regions each account was observed in.
 * Account ids are fixed (not seeded) so that documentation and tests can name them.
 */
import type { Account } from '@vaultscope/core';
import { DAY, iso } from './time.js';

export const PRIMARY_REGION = 'eu-central-1';
export const SECONDARY_REGION = 'eu-west-1';
export const DR_REGION = 'eu-north-1';
/** The Regions the demo observes: two workload Regions and one Region for disaster-recovery copies. */
export const DEMO_REGIONS = [PRIMARY_REGION, SECONDARY_REGION, DR_REGION] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

export const ORGANIZATION_ID = 'o-7k2m9xq4ph';
export const MANAGEMENT_ACCOUNT_ID = '204817553019';
export const BACKUP_ACCOUNT_ID = '455170392846';
export const AUDIT_ACCOUNT_ID = '318604427751';

/** What an account is for; decides which plans, vaults and restore tests it has. */
export type AccountRole = 'management' | 'security' | 'log-archive' | 'backup' | 'shared' | 'network' | 'prod' | 'nonprod' | 'dev' | 'sandbox';

/** One account of the demo organization with the facts the generators need. */
export interface DemoAccount {
  id: string;
  name: string;
  ouPath: string;
  role: AccountRole;
  /** Environment tag of the account and of its resources. */
  environment: string;
  owner: string;
  costCenter: string;
  /** Regions observed for this account. */
  regions: readonly DemoRegion[];
  joinedDaysAgo: number;
}

const WORKLOAD_REGIONS = [PRIMARY_REGION, SECONDARY_REGION] as const;
const WITH_DR = [PRIMARY_REGION, SECONDARY_REGION, DR_REGION] as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: MANAGEMENT_ACCOUNT_ID, name: 'nordhavn-management', ouPath: 'Root', role: 'management', environment: 'management', owner: 'cloud-platform', costCenter: 'CC-1000', regions: WORKLOAD_REGIONS, joinedDaysAgo: 2210 },
  { id: AUDIT_ACCOUNT_ID, name: 'security-audit', ouPath: 'Root/Security', role: 'security', environment: 'security', owner: 'ciso-office', costCenter: 'CC-1100', regions: WORKLOAD_REGIONS, joinedDaysAgo: 2190 },
  { id: '392018846205', name: 'log-archive', ouPath: 'Root/Security', role: 'log-archive', environment: 'security', owner: 'ciso-office', costCenter: 'CC-1100', regions: WORKLOAD_REGIONS, joinedDaysAgo: 2190 },
  { id: BACKUP_ACCOUNT_ID, name: 'central-backup', ouPath: 'Root/Security', role: 'backup', environment: 'security', owner: 'resilience-engineering', costCenter: 'CC-1120', regions: WITH_DR, joinedDaysAgo: 1120 },
  { id: '517733980412', name: 'shared-services', ouPath: 'Root/SharedServices', role: 'shared', environment: 'shared', owner: 'cloud-platform', costCenter: 'CC-1000', regions: WORKLOAD_REGIONS, joinedDaysAgo: 2080 },
  { id: '560291847736', name: 'shared-network', ouPath: 'Root/SharedServices', role: 'network', environment: 'shared', owner: 'network-engineering', costCenter: 'CC-1010', regions: WORKLOAD_REGIONS, joinedDaysAgo: 2080 },
  { id: '611408273590', name: 'payments-prod', ouPath: 'Root/Workloads/Prod', role: 'prod', environment: 'prod', owner: 'payments-platform', costCenter: 'CC-2100', regions: WITH_DR, joinedDaysAgo: 1850 },
  { id: '648220915307', name: 'core-banking-prod', ouPath: 'Root/Workloads/Prod', role: 'prod', environment: 'prod', owner: 'core-banking', costCenter: 'CC-2200', regions: WITH_DR, joinedDaysAgo: 1790 },
  { id: '702615384492', name: 'cards-prod', ouPath: 'Root/Workloads/Prod', role: 'prod', environment: 'prod', owner: 'cards-issuing', costCenter: 'CC-2300', regions: WITH_DR, joinedDaysAgo: 1460 },
  { id: '739904126658', name: 'customer-data-prod', ouPath: 'Root/Workloads/Prod', role: 'prod', environment: 'prod', owner: 'customer-data-office', costCenter: 'CC-2400', regions: WITH_DR, joinedDaysAgo: 1390 },
  { id: '781356602947', name: 'lending-prod', ouPath: 'Root/Workloads/Prod', role: 'prod', environment: 'prod', owner: 'lending', costCenter: 'CC-2500', regions: WITH_DR, joinedDaysAgo: 610 },
  { id: '823047719564', name: 'payments-staging', ouPath: 'Root/Workloads/NonProd', role: 'nonprod', environment: 'staging', owner: 'payments-platform', costCenter: 'CC-2100', regions: WORKLOAD_REGIONS, joinedDaysAgo: 1850 },
  { id: '856631094270', name: 'core-banking-test', ouPath: 'Root/Workloads/NonProd', role: 'nonprod', environment: 'test', owner: 'core-banking', costCenter: 'CC-2200', regions: WORKLOAD_REGIONS, joinedDaysAgo: 1790 },
  { id: '901772458316', name: 'data-platform-dev', ouPath: 'Root/Workloads/NonProd', role: 'dev', environment: 'dev', owner: 'data-platform', costCenter: 'CC-3100', regions: WORKLOAD_REGIONS, joinedDaysAgo: 930 },
  { id: '934580261174', name: 'sandbox-quant', ouPath: 'Root/Sandbox', role: 'sandbox', environment: 'sandbox', owner: 'quant-research', costCenter: 'CC-3900', regions: [PRIMARY_REGION], joinedDaysAgo: 420 },
  { id: '967213805539', name: 'sandbox-engineering', ouPath: 'Root/Sandbox', role: 'sandbox', environment: 'sandbox', owner: 'engineering-enablement', costCenter: 'CC-3900', regions: WORKLOAD_REGIONS, joinedDaysAgo: 380 },
];

/** Looks an account up by name; throws on a typo so catalogue mistakes fail loudly. */
export function accountNamed(name: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.name === name);
  if (!account) throw new Error(`demo: no account named ${name}`);
  return account;
}

/** The accounts in Organizations' shape, with the OU path and account tags. */
export function toOrganizationAccounts(now: number): Account[] {
  return DEMO_ACCOUNTS.map((a) => ({
    Id: a.id,
    Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:account/${ORGANIZATION_ID}/${a.id}`,
    Email: `aws+${a.name}@nordhavn-bank.example`,
    Name: a.name,
    State: 'ACTIVE',
    JoinedMethod: a.role === 'management' ? 'INVITED' : 'CREATED',
    JoinedTimestamp: iso(now - a.joinedDaysAgo * DAY),
    OuPath: a.ouPath,
    Tags: { Environment: a.environment, Owner: a.owner, CostCenter: a.costCenter },
  }));
}

/** The organization record as DescribeOrganization returns it. */
export function toOrganization(): { Id: string; Arn: string; MasterAccountId: string; FeatureSet: string; MasterAccountEmail: string } {
  return {
    Id: ORGANIZATION_ID,
    Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:organization/${ORGANIZATION_ID}`,
    MasterAccountId: MANAGEMENT_ACCOUNT_ID,
    FeatureSet: 'ALL',
    MasterAccountEmail: 'aws+nordhavn-management@nordhavn-bank.example',
  };
}
