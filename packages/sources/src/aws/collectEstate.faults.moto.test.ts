/**
 * Integration against a real moto_server for the faults a live run meets: endpoints that answer with an HTML
 * page (S3, EC2, RDS through `AWS_ENDPOINT_URL_<SERVICE>` pointed at a stub), assumed-role sessions that need
 * refreshing while every slot is busy (`--concurrency 1`), an assume-role `--profile` resolved once, and a
 * member-account caller whose ListAccounts does not list it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  htmlPage,
  MOTO_CREDENTIALS,
  operationOf,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  startStub,
  type MotoOrganizationSpec,
  type MotoServer,
  type SeededOrganization,
} from '../../../../test-fixtures/src/moto/index.js';
import type { Estate } from '@vaultscope/core';
import { collectEstate } from './collectEstate.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_RDS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  'AWS_EC2_METADATA_DISABLED',
] as const;

const SPEC: MotoOrganizationSpec = {
  accounts: [
    {
      name: 'payments-prod',
      regions: {
        'eu-west-1': {
          buckets: [{ name: 'faults-ledger', versioning: 'Enabled' }],
          tables: [{ name: 'orders', pitr: true }],
          dbInstances: [{ id: 'payments-db', engine: 'postgres' }],
          volumes: [{ name: 'scratch', sizeGiB: 8 }],
        },
      },
    },
    { name: 'analytics-dev', regions: { 'eu-west-1': { tables: [{ name: 'sessions' }] } } },
  ],
};

let moto: MotoServer;
let seeded: SeededOrganization;
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

/** Moto with the dummy caller, nothing else: each test adds what it needs. */
function baseEnv(endpoint: string): void {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}

beforeAll(async () => {
  for (const key of ENV_KEYS) if (process.env[key] !== undefined) savedEnv[key] = process.env[key];
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  moto = await startMoto();
  seeded = await seedMotoOrganization(moto.endpoint, SPEC);
}, 90_000);

beforeEach(() => baseEnv(moto.endpoint));

afterAll(async () => {
  await moto?.stop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const idOf = (name: string) => seeded.accounts.find((a) => a.name === name)?.id ?? '';

/** Rejects if `promise` has not settled after `ms`: a hang fails the test with a reason instead of a timeout. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (hung)`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('collectEstate when S3, EC2 and RDS answer with an HTML page', () => {
  const stubs: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(stubs.splice(0).map((s) => s.stop()));
  });

  it('records every HTML answer as an error and keeps what the other services observed', async () => {
    const portal = await startStub(() => htmlPage(200, 'Sign in to continue'));
    const broken = await startStub(() => htmlPage(500, 'Internal Server Error'));
    stubs.push(portal, broken);
    Object.assign(process.env, { AWS_ENDPOINT_URL_S3: portal.endpoint, AWS_ENDPOINT_URL_EC2: portal.endpoint, AWS_ENDPOINT_URL_RDS: broken.endpoint });

    const estate: Estate = await collectEstate({ maxAttempts: 1, now: () => NOW });
    
    expect(portal.requests.length).toBeGreaterThan(0);
    expect(broken.requests.length).toBeGreaterThan(0);
    const ids = [seeded.managementAccountId, idOf('payments-prod'), idOf('analytics-dev')].sort();
    expect(estate.accounts.map((a) => a.Id)).toEqual(ids);

    // DescribeRegions answered HTML: recorded per account, and each account falls back to the home Region.
    const regionErrors = (estate.errors ?? []).filter((e) => e.operation === 'DescribeRegions');
    expect(regionErrors.map((e) => [e.accountId, e.code, e.message]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
      ids.map((id) => [id, 'UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (an HTML page)']),
    );
    expect(estate.regions.map((r) => `${r.accountId}/${r.region}`)).toEqual(ids.map((id) => `${id}/eu-west-1`));

    for (const obs of estate.regions) {
      const codes = Object.fromEntries((obs.errors ?? []).filter((e) => e.service !== 'backup').map((e) => [`${e.service}:${e.operation}`, [e.code, e.message]]));
      expect(codes).toEqual({
        's3:ListBuckets': ['UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (an HTML page)'],
        'ec2:DescribeInstances': ['UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (an HTML page)'],
        'ec2:DescribeVolumes': ['UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (an HTML page)'],
        'rds:DescribeDBInstances': ['UnexpectedResponse', 'the endpoint answered HTTP 500 with a body that is not an AWS response (an HTML page)'],
        'rds:DescribeDBClusters': ['UnexpectedResponse', 'the endpoint answered HTTP 500 with a body that is not an AWS response (an HTML page)'],
      });
    }
    // A partial estate: DynamoDB (served by moto) is still there; nothing from the HTML services.
    const prod = estate.regions.find((r) => r.accountId === idOf('payments-prod'));
    expect(prod?.assets?.map((a) => `${a.resourceType}:${a.name}`)).toEqual(['DynamoDB:orders']);
  }, 60_000);
});

describe('collectEstate with assumed-role sessions that need refreshing', () => {
  it('completes with --concurrency 1 although every call refreshes its session', async () => {
    // The proxy shortens every AssumeRole session to 90 s: inside the SDK's and Vaultscope's refresh margins,
    // so each member-account request refreshes its credentials while it holds the only governor slot.
    const proxy = await startRecordingProxy(moto.endpoint, {
      rewrite: (request, body) =>
        operationOf(request) === 'AssumeRole'
          ? body.replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${new Date(Date.now() + 90_000).toISOString()}</Expiration>`)
          : undefined,
    });
    try {
      process.env.AWS_ENDPOINT_URL = proxy.endpoint;
      const estate = await within(40_000, collectEstate({ regions: ['eu-west-1'], concurrency: 1, maxAttempts: 1, now: () => NOW }), 'the collection');
      const assumeRoles = proxy.requests.filter((r) => operationOf(r) === 'AssumeRole').length;
      // Refreshed many times over (two member accounts, one session each otherwise).
      expect(assumeRoles).toBeGreaterThan(10);
      expect(estate.errors).toBeUndefined();
      expect(estate.regions.find((r) => r.accountId === idOf('payments-prod'))?.assets?.map((a) => a.name).sort()).toEqual(['faults-ledger', 'orders', 'payments-db', 'scratch']);
      expect(estate.regions.find((r) => r.accountId === idOf('analytics-dev'))?.assets?.map((a) => a.name)).toEqual(['sessions']);
    } finally {
      await proxy.stop();
    }
  }, 60_000);
});

describe('collectEstate with an assume-role --profile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vaultscope-profile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('assumes the profile role once for all caller-account clients', async () => {
    const proxy = await startRecordingProxy(moto.endpoint);
    try {
      writeFileSync(
        join(dir, 'config'),
        `[profile operator]\nrole_arn = arn:aws:iam::${seeded.managementAccountId}:role/operator\nsource_profile = base\nregion = eu-west-1\n\n[profile base]\nregion = eu-west-1\n`,
      );
      writeFileSync(join(dir, 'credentials'), `[base]\naws_access_key_id = ${MOTO_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${MOTO_CREDENTIALS.secretAccessKey}\n`);
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_REGION;
      Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.endpoint, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });

      const estate = await collectEstate({ profile: 'operator', regions: ['eu-west-1', 'eu-central-1'], maxAttempts: 1, now: () => NOW });
      expect(estate.accounts).toHaveLength(3);
      expect(estate.regions).toHaveLength(6);
      // One AssumeRole per member account, plus exactly one for the profile (not one per caller client).
      expect(proxy.requests.filter((r) => operationOf(r) === 'AssumeRole')).toHaveLength(seeded.accounts.length + 1);
      expect(estate.errors).toBeUndefined();
    } finally {
      await proxy.stop();
    }
  }, 60_000);
});

describe('collectEstate as a member account', () => {
  it("observes the caller's own account with a note when ListAccounts does not list it", async () => {
    const sts = new STSClient({ endpoint: moto.endpoint, region: 'eu-west-1', credentials: MOTO_CREDENTIALS });
    const member = idOf('analytics-dev');
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: 'member' }));
    sts.destroy();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: out.Credentials?.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: out.Credentials?.SecretAccessKey,
      AWS_SESSION_TOKEN: out.Credentials?.SessionToken,
    });
    const estate = await collectEstate({ regions: ['eu-west-1'], maxAttempts: 1, now: () => NOW });
    expect(estate.accounts).toEqual([{ Id: member, Name: member }]);
    expect(estate.errors).toEqual([expect.objectContaining({ service: 'organizations', operation: 'ListAccounts', accountId: member })]);
    expect(estate.regions.map((r) => r.assets?.map((a) => a.name))).toEqual([['sessions']]);
  }, 60_000);
});
