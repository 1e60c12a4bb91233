/**
 * Integration: a real moto_server (free loopback port) seeded with an organization of four member accounts in
 * OUs, reached through AssumeRole, with assets in two Regions. A recording proxy sits between the SDK and moto
 * to prove on the wire that a collection only reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultMotoSpec,
  MOTO_REGIONS,
  operationOf,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  type MotoServer,
  type RecordingProxy,
  type SeededOrganization,
} from '../../../../test-fixtures/src/moto/index.js';
import { parseEstate } from '../snapshot/load.js';
import { type Asset, type Estate, type RegionObservation, evaluate } from '@vaultscope/core';
import { defaultPolicy } from '../policy/load.js';
import { collectEstate } from './collectEstate.js';
import type { ApiCall } from './governor.js';
import type { CollectProgress } from './progress.js';
import { isReadOperation } from './readOnly.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  'AWS_EC2_METADATA_DISABLED',
] as const;

let moto: MotoServer;
let proxy: RecordingProxy;
let seeded: SeededOrganization;
let estate: Estate;
const calls: ApiCall[] = [];
const reports: CollectProgress[] = [];
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

beforeAll(async () => {
  for (const key of ENV_KEYS) if (process.env[key] !== undefined) savedEnv[key] = process.env[key];
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  moto = await startMoto();
  seeded = await seedMotoOrganization(moto.endpoint, defaultMotoSpec());
  proxy = await startRecordingProxy(moto.endpoint);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: proxy.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  estate = await collectEstate({
    regions: [...MOTO_REGIONS],
    maxAttempts: 1,
    now: () => NOW,
    onApiCall: (call) => calls.push(call),
    onProgress: (p) => reports.push(p),
  });
}, 90_000);

afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const accountId = (name: string) => {
  const found = seeded.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no seeded account ${name}`);
  return found.id;
};
const observation = (name: string, region: string): RegionObservation => {
  const id = name === 'management' ? seeded.managementAccountId : accountId(name);
  const obs = estate.regions.find((r) => r.accountId === id && r.region === region);
  if (!obs) throw new Error(`no observation for ${name} in ${region}`);
  return obs;
};
const asset = (obs: RegionObservation, name: string): Asset => {
  const found = obs.assets?.find((a) => a.name === name);
  if (!found) throw new Error(`no asset ${name} in ${obs.accountId}/${obs.region}: ${obs.assets?.map((a) => a.name).join(', ')}`);
  return found;
};

describe('collectEstate against moto', () => {
  it('finds the organization and every account with its OU path, state and tags', () => {
    expect(estate.format).toBe('vaultscope.estate/v1');
    expect(estate.source).toBe('aws');
    expect(estate.capturedAt).toBe(NOW.toISOString());
    expect(estate.organization?.Id).toBe(seeded.organizationId);
    expect(estate.organization?.MasterAccountId).toBe(seeded.managementAccountId);
    expect(estate.accounts.map((a) => a.Id).sort()).toEqual([seeded.managementAccountId, ...seeded.accounts.map((a) => a.id)].sort());
    for (const account of seeded.accounts) {
      const found = estate.accounts.find((a) => a.Id === account.id);
      expect(found).toMatchObject({ Name: account.name, State: 'ACTIVE', OuPath: account.ouPath, Tags: account.tags });
    }
    expect(estate.accounts.find((a) => a.Id === accountId('payments-prod'))?.OuPath).toBe('Root/Workloads/Prod');
    expect(estate.accounts.find((a) => a.Id === accountId('sandbox'))?.OuPath).toBe('Root');
    expect(estate.accounts.find((a) => a.Id === seeded.managementAccountId)?.OuPath).toBe('Root');
  });

  it('observes every account in both Regions', () => {
    const pairs = estate.regions.map((r) => `${r.accountId}/${r.region}`).sort();
    const expected = estate.accounts.flatMap((a) => MOTO_REGIONS.map((region) => `${a.Id}/${region}`)).sort();
    expect(pairs).toEqual(expected);
  });

  it('finds every asset with the right account, Region, type, tags and attributes', () => {
    const prodWest = observation('payments-prod', 'eu-west-1');
    const id = accountId('payments-prod');
    expect(asset(prodWest, 'payments-ledger-euw1')).toMatchObject({
      arn: 'arn:aws:s3:::payments-ledger-euw1',
      resourceType: 'S3',
      tags: { DataClassification: 'critical', backup: 'daily' },
      attributes: { versioning: 'Enabled' },
    });
    expect(asset(prodWest, 'orders')).toMatchObject({
      arn: `arn:aws:dynamodb:eu-west-1:${id}:table/orders`,
      resourceType: 'DynamoDB',
      tags: { DataClassification: 'critical' },
      attributes: { pointInTimeRecovery: 'ENABLED', status: 'ACTIVE' },
    });
    expect(asset(prodWest, 'payments-db')).toMatchObject({
      arn: `arn:aws:rds:eu-west-1:${id}:db:payments-db`,
      resourceType: 'RDS',
      tags: { Environment: 'prod' },
      sizeBytes: 100 * 1024 ** 3,
      attributes: { engine: 'postgres', encrypted: true, backupRetentionPeriod: 7, multiAZ: true },
    });
    expect(asset(prodWest, 'ledger')).toMatchObject({
      arn: `arn:aws:rds:eu-west-1:${id}:cluster:ledger`,
      resourceType: 'Aurora',
      tags: { DataClassification: 'critical' },
      attributes: { engine: 'aurora-postgresql', encrypted: true, backupRetentionPeriod: 7, members: ['ledger-1', 'ledger-2'] },
    });
    // Cluster members are folded into the cluster.
    expect(prodWest.assets?.some((a) => a.name.startsWith('ledger-'))).toBe(false);
    expect(asset(prodWest, 'shared-docs')).toMatchObject({
      resourceType: 'EFS',
      tags: { Name: 'shared-docs', Environment: 'prod' },
      attributes: { efsAutomaticBackups: 'ENABLED', encrypted: true },
    });
    expect(asset(prodWest, 'shared-docs').arn).toMatch(new RegExp(`^arn:aws:elasticfilesystem:eu-west-1:${id}:file-system/fs-`));
    const volume = asset(prodWest, 'batch-scratch');
    expect(volume).toMatchObject({ resourceType: 'EBS', sizeBytes: 50 * 1024 ** 3, attributes: { encrypted: true } });
    expect(volume.arn).toMatch(new RegExp(`^arn:aws:ec2:eu-west-1:${id}:volume/vol-`));
    expect(volume.attributes?.attachedInstanceId).toMatch(/^i-/);
    // DescribeInstances: the instance is an asset of its own, naming its volumes (its root volume and batch-scratch).
    const runner = asset(prodWest, 'batch-runner');
    expect(runner).toMatchObject({ resourceType: 'EC2', tags: { Name: 'batch-runner', Environment: 'prod', backup: 'daily' }, attributes: { status: 'running' } });
    expect(runner.arn).toBe(`arn:aws:ec2:eu-west-1:${id}:instance/${volume.attributes?.attachedInstanceId}`);
    expect(runner.attributes?.attachedVolumeIds).toContain(volume.arn.slice(volume.arn.lastIndexOf('/') + 1));
    expect(runner.attributes?.attachedVolumeIds?.length).toBe(2);

    const prodCentral = observation('payments-prod', 'eu-central-1');
    expect(asset(prodCentral, 'payments-dr-euc1').attributes).toEqual({ versioning: 'Suspended' });
    expect(asset(prodCentral, 'orders-archive').attributes?.pointInTimeRecovery).toBe('DISABLED');
    // A bucket appears only in its own Region.
    expect(prodCentral.assets?.some((a) => a.name === 'payments-ledger-euw1')).toBe(false);

    const devWest = observation('analytics-dev', 'eu-west-1');
    const scratch = asset(devWest, 'analytics-scratch-euw1');
    expect(scratch.tags).toEqual({}); // NoSuchTagSet = no tags, not an error
    expect(scratch.attributes?.versioning).toBeUndefined();
    expect(asset(devWest, 'loose-volume').attributes).toMatchObject({ encrypted: false, status: 'available' });
    expect(asset(devWest, 'loose-volume').attributes?.attachedInstanceId).toBeUndefined();
    expect(asset(observation('analytics-dev', 'eu-central-1'), 'analytics-share').attributes?.efsAutomaticBackups).toBe('DISABLED');
    expect(asset(observation('security-audit', 'eu-central-1'), 'audit-db').attributes).toMatchObject({
      engine: 'mysql',
      encrypted: false,
      backupRetentionPeriod: 0,
    });
    expect(observation('sandbox', 'eu-west-1').assets).toEqual([]);

    for (const obs of estate.regions) {
      for (const a of obs.assets ?? []) {
        if (a.resourceType === 'S3') continue;
        expect(a.arn.split(':').slice(3, 5)).toEqual([obs.region, obs.accountId]);
      }
    }
    const s3Names = estate.regions.flatMap((r) => (r.assets ?? []).filter((a) => a.resourceType === 'S3').map((a) => a.name));
    expect(s3Names.sort()).toEqual(['analytics-scratch-euw1', 'payments-dr-euc1', 'payments-ledger-euw1', 'security-logs-euc1']);
  });

  it('reads vaults with their lock and plans with their rules', () => {
    const prodWest = observation('payments-prod', 'eu-west-1');
    const vault = prodWest.backupVaults?.find((v) => v.BackupVaultName === 'payments-vault');
    expect(vault).toMatchObject({ Locked: true, MinRetentionDays: 7, MaxRetentionDays: 3650 });
    expect(vault?.LockDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const plan = prodWest.backupPlans?.find((p) => p.BackupPlan.BackupPlanName === 'critical-hourly');
    expect(plan?.BackupPlan.Rules[0]).toMatchObject({
      TargetBackupVaultName: 'payments-vault',
      ScheduleExpression: 'cron(0 * ? * * *)',
      Lifecycle: { DeleteAfterDays: 2555 },
      CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${accountId('payments-prod')}:backup-vault:payments-dr` }],
    });
    expect(observation('payments-prod', 'eu-central-1').backupVaults?.find((v) => v.BackupVaultName === 'payments-dr')?.Locked).toBe(false);
    expect(observation('management', 'eu-west-1').backupVaults?.map((v) => v.BackupVaultName)).toEqual(['org-central']);
    expect(observation('sandbox', 'eu-west-1').backupPlans).toEqual([]);
  });

  it("records moto's unimplemented Backup APIs as errors and leaves those sections absent", () => {
    const prodWest = observation('payments-prod', 'eu-west-1');
    const codes = new Map((prodWest.errors ?? []).map((e) => [e.operation, e.code]));
    for (const operation of [
      'ListBackupSelections',
      'DescribeRegionSettings',
      'ListProtectedResources',
      'ListRestoreTestingPlans',
      'ListFrameworks',
      'ListBackupJobs',
      'ListCopyJobs',
      'ListRestoreJobs',
    ]) {
      expect(['NotImplemented', 'UnexpectedResponse']).toContain(codes.get(operation));
    }
    expect(prodWest.errors?.every((e) => e.service === 'backup' && e.accountId === prodWest.accountId && e.region === 'eu-west-1')).toBe(true);
    // Absent = not observed.
    expect(prodWest.regionSettings).toBeUndefined();
    expect(prodWest.protectedResources).toBeUndefined();
    expect(prodWest.restoreTestingPlans).toBeUndefined();
    expect(prodWest.frameworks).toBeUndefined();
    expect(prodWest.backupPlans?.[0]?.Selections).toBeUndefined();
    expect(estate.jobs).toBeUndefined();
    // Audit Manager's absence is normal: silent, and no auditManager section.
    expect(estate.regions.flatMap((r) => r.errors ?? []).some((e) => e.service === 'auditmanager')).toBe(false);
    expect(estate.auditManager).toBeUndefined();
    // Inventory services moto implements produced no error.
    expect(estate.regions.flatMap((r) => r.errors ?? []).filter((e) => e.service !== 'backup')).toEqual([]);
    expect(estate.errors).toBeUndefined();
  });

  it('produces an estate that loads and evaluates', () => {
    const reparsed = parseEstate(JSON.parse(JSON.stringify(estate)), 'collected');
    expect(reparsed.regions).toHaveLength(estate.regions.length);
    const posture = evaluate(reparsed, defaultPolicy().policy, NOW);
    expect(posture.assets).toHaveLength(estate.regions.reduce((n, r) => n + (r.assets?.length ?? 0), 0));
    expect(posture.findings.some((f) => f.check === 'discovery.incomplete')).toBe(true);
    expect(posture.findings.filter((f) => f.check === 'dynamodb.pitr-disabled').map((f) => f.resourceArn)).toEqual([expect.stringMatching(/table\/orders-archive$/)]);
  });

  it('sends only read operations (every request on the wire)', () => {
    expect(proxy.requests.length).toBeGreaterThan(50);
    const writes = proxy.requests.filter((r) => {
      const operation = operationOf(r);
      return operation ? !isReadOperation(operation) : !['GET', 'HEAD'].includes(r.method);
    });
    expect(writes).toEqual([]);
    expect(proxy.requests.filter((r) => operationOf(r) === 'AssumeRole')).toHaveLength(seeded.accounts.length);
    expect(calls.length).toBe(proxy.requests.length);
    expect(calls.every((c) => isReadOperation(c.operation))).toBe(true);
  });

  it('reports progress and ends with a final report', () => {
    const last = reports.at(-1);
    expect(last).toMatchObject({ done: true, accountsDone: 5, accountsTotal: 5, regionsDone: 10, regionsTotal: 10 });
    expect(last?.apiCalls).toBe(calls.length);
    expect(last?.errors).toBe(estate.regions.reduce((n, r) => n + (r.errors?.length ?? 0), 0));
  });
});

describe('collectEstate against moto, outside an organization', () => {
  let alone: Estate;
  beforeAll(async () => {
    await moto.reset();
    const { seedRegion, MOTO_CREDENTIALS } = await import('../../../../test-fixtures/src/moto/index.js');
    await seedRegion(moto.endpoint, 'eu-west-1', MOTO_CREDENTIALS, { buckets: [{ name: 'solo-bucket', versioning: 'Enabled' }], tables: [{ name: 'solo', pitr: true }] }, '123456789012');
    alone = await collectEstate({ regions: ['eu-west-1'], maxAttempts: 1, now: () => NOW });
  }, 60_000);

  it("observes the caller's own account with a note instead of failing", () => {
    expect(alone.organization).toBeUndefined();
    expect(alone.accounts).toEqual([{ Id: '123456789012', Name: '123456789012' }]);
    expect(alone.errors).toEqual([
      expect.objectContaining({ service: 'organizations', operation: 'DescribeOrganization', code: 'AWSOrganizationsNotInUseException', accountId: '123456789012' }),
    ]);
    expect(alone.regions.map((r) => r.assets?.map((a) => a.name))).toEqual([['solo', 'solo-bucket']]);
    // No organization: jobs are listed per account (moto does not implement them).
    expect(alone.regions[0]?.errors?.map((e) => e.operation)).toContain('ListBackupJobs');
  });
});
