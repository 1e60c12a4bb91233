/**
 * No hang, no silent loss, against a real moto_server: an endpoint that accepts and never answers ends every call
 * by a timeout (and a whole account by its deadline) and the run goes on; empty, HTML and truncated 2xx bodies from
 * a loopback fault proxy in front of moto are retried like throttling, then recorded — never read as an empty
 * section; GetCallerIdentity that never answers ends the run with one line.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MOTO_CREDENTIALS,
  operationOf,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  startSilentServer,
  type MotoServer,
  type RecordedRequest,
  type SeededOrganization,
  type SilentServer,
} from '../../../../test-fixtures/src/moto/index.js';
import { defaultPolicy } from '../policy/load.js';
import { evaluate } from '@vaultscope/core';
import { collectEstate } from './collectEstate.js';
import { AwsSetupError } from './errors.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_ORGANIZATIONS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  'AWS_EC2_METADATA_DISABLED',
] as const;
/** Short HTTP timeouts, so a silent endpoint costs seconds, not minutes. */
const FAST = { connectionMs: 2_000, requestMs: 2_000, socketMs: 2_000 };

let moto: MotoServer;
let seeded: SeededOrganization;
let silent: SilentServer;
const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

beforeAll(async () => {
  for (const key of ENV_KEYS) if (process.env[key] !== undefined) savedEnv[key] = process.env[key];
  moto = await startMoto();
  seeded = await seedMotoOrganization(moto.endpoint, {
    accounts: [
      {
        name: 'payments-prod',
        regions: { 'eu-west-1': { buckets: [{ name: 'rel-ledger', versioning: 'Enabled' }], tables: [{ name: 'orders', pitr: true }], volumes: [{ name: 'scratch', sizeGiB: 8 }] } },
      },
    ],
  });
  silent = await startSilentServer();
}, 90_000);

beforeEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
});

afterAll(async () => {
  await silent?.stop();
  await moto?.stop();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const prodId = (): string => seeded.accounts.find((a) => a.name === 'payments-prod')?.id ?? '';

describe('an endpoint that accepts and never answers', () => {
  it('ends each call by its request timeout, records it and keeps what the other services observed', async () => {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = silent.endpoint;
    const estate = await collectEstate({ regions: ['eu-west-1'], accounts: [prodId()], maxAttempts: 2, httpTimeouts: FAST, now: () => NOW });
    expect(silent.connections).toBeGreaterThan(0);
    const obs = estate.regions.find((r) => r.accountId === prodId());
    const dynamo = (obs?.errors ?? []).filter((e) => e.service === 'dynamodb');
    expect(dynamo.map((e) => [e.operation, e.code])).toEqual([['ListTables', 'TimeoutError']]);
    expect(obs?.assets?.map((a) => a.name).sort()).toEqual(['rel-ledger', 'scratch']);
  }, 120_000);

  it('ends a whole account at its --timeout deadline, recorded, and the run finishes', async () => {
    // Identity and organization answer; every other service of every account is silent, with minute-long HTTP timeouts.
    Object.assign(process.env, { AWS_ENDPOINT_URL: silent.endpoint, AWS_ENDPOINT_URL_STS: moto.endpoint, AWS_ENDPOINT_URL_ORGANIZATIONS: moto.endpoint });
    const estate = await collectEstate({ regions: ['eu-west-1'], timeoutSeconds: 3, maxAttempts: 1, now: () => NOW });
    expect(estate.accounts.map((a) => a.Id).sort()).toEqual([seeded.managementAccountId, prodId()].sort());
    const timedOut = [...(estate.errors ?? []), ...estate.regions.flatMap((r) => r.errors ?? [])].filter((e) => e.code === 'AccountDeadlineExceeded');
    expect(new Set(timedOut.map((e) => e.accountId))).toEqual(new Set([seeded.managementAccountId, prodId()]));
    expect(timedOut[0]?.message).toMatch(/per-account deadline \(--timeout 3 s\)/);
    // Nothing observed is never "nothing there": every asset section is absent, and evaluation says discovery failed.
    expect(estate.regions.every((r) => r.assets === undefined)).toBe(true);
    const posture = evaluate(estate, defaultPolicy().policy, NOW);
    expect(posture.summary.incompleteDiscovery).toBe(true);
  }, 120_000);

  it('GetCallerIdentity that never answers ends the run with one line naming the fault', async () => {
    process.env.AWS_ENDPOINT_URL_STS = silent.endpoint;
    const run = collectEstate({ regions: ['eu-west-1'], maxAttempts: 1, httpTimeouts: FAST, now: () => NOW });
    await expect(run).rejects.toBeInstanceOf(AwsSetupError);
    await expect(run).rejects.toThrow(/^cannot identify the caller with AWS STS: TimeoutError: [^\n]+$/);
  }, 60_000);
});

describe('2xx answers that are not AWS responses, from a fault proxy in front of moto', () => {
  const isBackupPlans = (r: RecordedRequest): boolean => r.service === 'backup' && r.path.startsWith('/backup/plans');

  it('records an empty ListTables body and a truncated ListBackupPlans body after retrying them, never an empty section', async () => {
    const proxy = await startRecordingProxy(moto.endpoint, {
      rewrite: (request, body, status) => {
        if (status !== 200) return undefined;
        if (operationOf(request) === 'ListTables') return '';
        if (isBackupPlans(request)) return body.slice(0, Math.floor(body.length / 2));
        return undefined;
      },
    });
    try {
      process.env.AWS_ENDPOINT_URL = proxy.endpoint;
      const estate = await collectEstate({ regions: ['eu-west-1'], accounts: [prodId()], maxAttempts: 3, now: () => NOW });
      const obs = estate.regions.find((r) => r.accountId === prodId());
      const errors = Object.fromEntries((obs?.errors ?? []).map((e) => [e.operation, [e.code, e.message]]));
      expect(errors.ListTables).toEqual(['UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (an empty body)']);
      expect(errors.ListBackupPlans).toEqual(['UnexpectedResponse', 'the endpoint answered HTTP 200 with a body that is not an AWS response (a truncated body)']);
      // Retried like throttling before being recorded: three attempts each.
      expect(proxy.requests.filter((r) => operationOf(r) === 'ListTables')).toHaveLength(3);
      expect(proxy.requests.filter(isBackupPlans)).toHaveLength(3);
      // The table is not "gone": DynamoDB is unobserved (no asset section from it), plans are absent, not empty.
      expect(obs?.assets?.some((a) => a.resourceType === 'DynamoDB')).toBe(false);
      expect(obs?.backupPlans).toBeUndefined();
      const posture = evaluate(estate, defaultPolicy().policy, NOW);
      expect(posture.summary.incompleteDiscovery).toBe(true);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('retries an HTML 2xx page like throttling and keeps the answer that follows', async () => {
    let pages = 0;
    const proxy = await startRecordingProxy(moto.endpoint, {
      rewrite: (request) => {
        if (operationOf(request) !== 'DescribeVolumes' || pages >= 2) return undefined;
        pages++;
        return '<!DOCTYPE html><html><body>Sign in to continue</body></html>';
      },
    });
    try {
      process.env.AWS_ENDPOINT_URL = proxy.endpoint;
      const estate = await collectEstate({ regions: ['eu-west-1'], accounts: [prodId()], maxAttempts: 5, now: () => NOW });
      const obs = estate.regions.find((r) => r.accountId === prodId());
      expect(pages).toBe(2);
      expect((obs?.errors ?? []).filter((e) => e.service === 'ec2')).toEqual([]);
      expect(obs?.assets?.map((a) => a.name)).toContain('scratch');
    } finally {
      await proxy.stop();
    }
  }, 120_000);
});
