/**
 * The bundled demo organization: Nordhavn Bank, a regulated EU bank with 16 accounts in six OUs, three Regions and
 * ~310 data stores, 90 days of backup, copy and restore history, restore testing, Audit Manager evidence and a few
 * collection errors. Mostly healthy, with assets built to make every check fire (the catalogue files say which, and
 * generateDemoEstate.test.ts lists them). Deterministic: the same seed and `now` give a deep-equal estate.
 */
import { ESTATE_FORMAT, sortedByKeyDescending, type BackupVault, type Estate, type RegionObservation } from '@vaultscope/core';
import { buildAuditManager } from './auditManager.js';
import { obsKey, replayBackupHistory, type ObservationContext } from './backupHistory.js';
import { AssetBuilder, type DemoAsset } from './catalogue.js';
import { CARDS_CATALOGUE } from './cardsCatalogue.js';
import type { CatalogueSection } from './catalogueSection.js';
import { observationErrors, organizationErrors } from './collectionErrors.js';
import { CORE_BANKING_CATALOGUE } from './coreBankingCatalogue.js';
import { CUSTOMER_LENDING_CATALOGUE } from './customerLendingCatalogue.js';
import { BACKUP_ACCOUNT_ID, DEMO_ACCOUNTS, PRIMARY_REGION, SECONDARY_REGION, toOrganization, toOrganizationAccounts, type DemoAccount, type DemoRegion } from './organization.js';
import { PAYMENTS_CATALOGUE } from './paymentsCatalogue.js';
import { buildPlans } from './plans.js';
import { PLATFORM_CATALOGUE } from './platformCatalogue.js';
import { createRng, deriveSeed } from './random.js';
import { replayRestoreJobs } from './restoreJobs.js';
import { buildRestoreTestingPlans, type DemoRestorePlan } from './restoreTestingPlans.js';
import { createClock } from './schedules.js';
import { iso } from './time.js';
import { buildVaults } from './vaults.js';

/** The seed the bundled demo uses unless told otherwise. */
export const DEFAULT_DEMO_SEED = 20261121;

/** Options of the demo generator. */
export interface DemoEstateOptions {
  /** PRNG seed (default 20261121). */
  seed?: number;
  /** Capture time; every timestamp is relative to it (default: the current time). */
  now?: Date;
}

const CATALOGUE: readonly CatalogueSection[] = [...PAYMENTS_CATALOGUE, ...CORE_BANKING_CATALOGUE, ...CARDS_CATALOGUE, ...CUSTOMER_LENDING_CATALOGUE, ...PLATFORM_CATALOGUE];

const OPT_IN_TYPES = ['Aurora', 'CloudFormation', 'DocumentDB', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'Neptune', 'RDS', 'Redshift', 'S3', 'Storage Gateway', 'VirtualMachine'];

function optInFor(account: DemoAccount, region: DemoRegion): Record<string, boolean> {
  // shared-services never opted in to FSx in Ireland: the type was added after the account first used AWS Backup there.
  const blocked = account.name === 'shared-services' && region === SECONDARY_REGION ? 'FSx' : undefined;
  return Object.fromEntries(OPT_IN_TYPES.map((t) => [t, t !== blocked]));
}

/**
 * customer-data-prod's Irish Region lost DynamoDB advanced backup features when a Region-settings change was
 * applied from a template that predates them: AWS Backup then copies none of its DynamoDB backups.
 */
function dynamodbAdvancedFor(account: DemoAccount, region: DemoRegion): boolean {
  return !(account.name === 'customer-data-prod' && region === SECONDARY_REGION);
}

/** Each EC2 instance names the volumes attached to it, as DescribeInstances' BlockDeviceMappings do. */
function linkInstanceVolumes(list: DemoAsset[]): void {
  for (const demo of list) {
    if (demo.asset.resourceType !== 'EC2') continue;
    const id = demo.asset.arn.slice(demo.asset.arn.lastIndexOf('/') + 1);
    const volumes = list.filter((v) => v.asset.attributes?.attachedInstanceId === id).map((v) => v.asset.arn.slice(v.asset.arn.lastIndexOf('/') + 1));
    demo.asset.attributes = { ...demo.asset.attributes, attachedVolumeIds: volumes };
  }
}

function buildAssets(seed: number, now: number): Map<string, DemoAsset[]> {
  const builder = new AssetBuilder(createRng(deriveSeed(seed, 'assets')), now);
  const byObs = new Map<string, DemoAsset[]>();
  for (const section of CATALOGUE) {
    const account = DEMO_ACCOUNTS.find((a) => a.name === section.account);
    if (!account || !account.regions.includes(section.region)) throw new Error(`demo: ${section.account}/${section.region} is not an observed account and Region`);
    const key = obsKey(account.id, section.region);
    const list = byObs.get(key) ?? [];
    for (const def of section.assets) list.push(builder.build(def, account, section.region, section.baseTags));
    byObs.set(key, list);
  }
  for (const list of byObs.values()) linkInstanceVolumes(list);
  return byObs;
}

function frameworksFor(account: DemoAccount, region: DemoRegion, now: number): RegionObservation['frameworks'] {
  if (account.id !== BACKUP_ACCOUNT_ID || region !== PRIMARY_REGION) return undefined;
  const control = (ControlName: string, ControlInputParameters: { ParameterName: string; ParameterValue: string }[] = []) => ({ ControlName, ControlInputParameters, ControlScope: {} });
  return [
    {
      FrameworkName: 'nordhavn_dora_backup_controls',
      FrameworkArn: `arn:aws:backup:${region}:${account.id}:framework:nordhavn_dora_backup_controls-4f6d0c2e`,
      FrameworkDescription: 'AWS Backup Audit Manager controls behind the DORA Art. 12 evidence.',
      NumberOfControls: 5,
      CreationTime: iso(now - 300 * 86_400_000),
      DeploymentStatus: 'COMPLETED',
      FrameworkStatus: 'ACTIVE',
      FrameworkControls: [
        control('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN'),
        control('BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', [
          { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'hours' },
          { ParameterName: 'requiredFrequencyValue', ParameterValue: '4' },
          { ParameterName: 'requiredRetentionDays', ParameterValue: '1095' },
        ]),
        control('BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', [{ ParameterName: 'crossRegionList', ParameterValue: 'eu-north-1' }]),
        control('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK'),
        control('RESTORE_TIME_FOR_RESOURCES_MEET_TARGET', [{ ParameterName: 'maxRestoreTime', ParameterValue: '240' }]),
      ],
    },
  ];
}

/** Newest first, as AWS lists jobs; jobs created at the same time keep their generated order. */
function newestFirst<T extends { CreationDate: string }>(jobs: readonly T[]): T[] {
  return sortedByKeyDescending(jobs, (j) => j.CreationDate);
}

/** Generates the demo organization's estate as of `now`. */
export function generateDemoEstate(options: DemoEstateOptions = {}): Estate {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const now = (options.now ?? new Date()).getTime();
  const clock = createClock(now);
  const assetsByObs = buildAssets(seed, now);

  const infraRng = createRng(deriveSeed(seed, 'infrastructure'));
  const vaultsByObs = new Map<string, BackupVault[]>();
  const vaultByArn = new Map<string, BackupVault>();
  for (const account of DEMO_ACCOUNTS) {
    for (const region of account.regions) {
      const vaults = buildVaults(account, region, infraRng, now);
      vaultsByObs.set(obsKey(account.id, region), vaults);
      for (const v of vaults) vaultByArn.set(v.BackupVaultArn, v);
    }
  }
  const observations = new Map<string, ObservationContext>();
  const restorePlans = new Map<string, DemoRestorePlan[]>();
  for (const account of DEMO_ACCOUNTS) {
    for (const region of account.regions) {
      const key = obsKey(account.id, region);
      observations.set(key, { plans: buildPlans(account, region, clock, infraRng, vaultByArn), optIn: optInFor(account, region), vaults: vaultsByObs.get(key) ?? [], dynamodbAdvanced: dynamodbAdvancedFor(account, region) });
      restorePlans.set(key, buildRestoreTestingPlans(account, region, assetsByObs.get(key) ?? [], clock, infraRng));
    }
  }

  const allAssets = [...assetsByObs.values()].flat();
  const history = replayBackupHistory(allAssets, observations, clock, deriveSeed(seed, 'backup-history'));
  const restores = replayRestoreJobs(restorePlans, assetsByObs, history.recoveryPoints, clock, deriveSeed(seed, 'restore-history'));

  const regions: RegionObservation[] = [];
  for (const account of DEMO_ACCOUNTS) {
    for (const region of account.regions) {
      const key = obsKey(account.id, region);
      const obs = observations.get(key);
      const errors = observationErrors(account.name, region);
      const frameworks = frameworksFor(account, region, now);
      regions.push({
        accountId: account.id,
        region,
        assets: (assetsByObs.get(key) ?? []).map((a) => a.asset),
        regionSettings: { ResourceTypeOptInPreference: obs?.optIn ?? {}, ResourceTypeManagementPreference: { DynamoDB: obs?.dynamodbAdvanced ?? true, EFS: true } },
        backupPlans: (obs?.plans ?? []).map((p) => p.plan),
        backupVaults: vaultsByObs.get(key) ?? [],
        protectedResources: history.protectedResources.get(key) ?? [],
        restoreTestingPlans: (restorePlans.get(key) ?? []).map((p) => p.plan),
        ...(frameworks ? { frameworks } : {}),
        ...(errors.length ? { errors } : {}),
      });
    }
  }

  return {
    format: ESTATE_FORMAT,
    capturedAt: iso(now),
    source: 'demo',
    organization: toOrganization(),
    accounts: toOrganizationAccounts(now),
    regions,
    jobs: {
      since: iso(clock.since),
      // Newest first, as the List*Jobs APIs return them.
      backup: newestFirst(history.backup),
      copy: newestFirst(history.copy),
      restore: newestFirst(restores),
    },
    auditManager: buildAuditManager(allAssets, clock, deriveSeed(seed, 'audit-manager')),
    errors: organizationErrors(),
  };
}
