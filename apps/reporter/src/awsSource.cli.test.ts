/**
 * `--source aws` through the real built binary against a real moto_server: `snapshot`, `posture --json` and
 * `collect` observe a moto organization (AssumeRole into four member accounts, two Regions) and exit 0 with the
 * parts moto does not implement recorded as discovery errors, and an invocation with no credentials at all
 * fails with one line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEstateFile } from '@vaultscope/sources';
import { postureSchema } from '@vaultscope/core';
import {
  defaultMotoSpec,
  htmlPage,
  MOTO_REGIONS,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  startStub,
  type MotoServer,
  type SeededOrganization,
} from '@vaultscope/test-fixtures/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const REGIONS = MOTO_REGIONS.join(',');

let moto: MotoServer;
let seeded: SeededOrganization;
let dir: string;

/** The environment of a user pointing the standard AWS settings at moto; nothing inherited from this machine. */
function awsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: dir, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true' };
  return { ...base, AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-west-1', ...extra };
}

/** Runs the binary without blocking this process (moto is a child of it, but the event loop must stay free). */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true'; // the seeding clients run in this process
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-aws-cli-'));
  moto = await startMoto();
  seeded = await seedMotoOrganization(moto.endpoint, defaultMotoSpec());
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('vaultscope-report --source aws against moto', () => {
  it('snapshot writes an estate with every account and Region, and records what moto lacks as errors', async () => {
    const out = join(dir, 'estate.json');
    const r = await cli(['snapshot', '--source', 'aws', '--regions', REGIONS, '--out', out], awsEnv());
    expect(r.code, r.stderr).toBe(0);
    // Not a terminal: no progress line; only a closing note at most, never a stack trace.
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const estate = await loadEstateFile(out);
    const ids = estate.accounts.map((a) => a.Id).sort();
    expect(ids).toEqual([seeded.managementAccountId, ...seeded.accounts.map((a) => a.id)].sort());
    for (const account of seeded.accounts) {
      const observed = estate.accounts.find((a) => a.Id === account.id);
      expect(observed?.Name).toBe(account.name);
      expect(observed?.OuPath).toBe(account.ouPath);
      for (const region of MOTO_REGIONS) expect(estate.regions.some((o) => o.accountId === account.id && o.region === region)).toBe(true);
    }
    const payments = seeded.accounts.find((a) => a.name === 'payments-prod');
    const paymentsAssets = estate.regions.filter((o) => o.accountId === payments?.id).flatMap((o) => o.assets ?? []);
    expect(paymentsAssets.map((a) => a.resourceType).sort()).toEqual(expect.arrayContaining(['Aurora', 'DynamoDB', 'EBS', 'EFS', 'RDS', 'S3']));
    // moto answers the unimplemented Backup APIs (selections, jobs, restore testing…) with an HTML page.
    const errors = [...(estate.errors ?? []), ...estate.regions.flatMap((o) => o.errors ?? [])];
    expect(errors.some((e) => e.service === 'backup')).toBe(true);
  }, 120_000);

  it('posture --json prints clean vaultscope.posture/v1 on stdout, with incomplete discovery as findings', async () => {
    const r = await cli(['posture', '--source', 'aws', '--regions', REGIONS, '--json'], awsEnv());
    expect(r.code, r.stderr).toBe(0);
    const posture = postureSchema.parse(JSON.parse(r.stdout));
    expect(posture.assets.length).toBeGreaterThanOrEqual(10);
    expect(posture.findings.some((f) => f.check === 'discovery.incomplete')).toBe(true);
    // Plans whose selections could not be read leave their assets UNKNOWN rather than claiming a gap.
    expect(posture.assets.some((a) => a.coverage.state === 'UNKNOWN')).toBe(true);
  }, 120_000);

  it('--accounts narrows the crawl to the named member account', async () => {
    const target = seeded.accounts[0];
    const out = join(dir, 'one.json');
    const r = await cli(['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--accounts', target?.id ?? '', '--out', out], awsEnv());
    expect(r.code, r.stderr).toBe(0);
    const estate = await loadEstateFile(out);
    expect(new Set(estate.regions.map((o) => o.accountId))).toEqual(new Set([target?.id]));
  }, 120_000);

  it('--exclude-accounts leaves the named accounts out of the accounts, the Regions and the calls', async () => {
    const [skipped, alsoSkipped] = seeded.accounts;
    const out = join(dir, 'excluded.json');
    const proxy = await startRecordingProxy(moto.endpoint);
    try {
      const r = await cli(
        ['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--exclude-accounts', `${skipped?.id},${alsoSkipped?.id}`, '--out', out],
        awsEnv({ AWS_ENDPOINT_URL: proxy.endpoint }),
      );
      expect(r.code, r.stderr).toBe(0);
      const estate = await loadEstateFile(out);
      const expected = [seeded.managementAccountId, ...seeded.accounts.slice(2).map((a) => a.id)].sort();
      expect(estate.accounts.map((a) => a.Id).sort()).toEqual(expected);
      expect([...new Set(estate.regions.map((o) => o.accountId))].sort()).toEqual(expected);
      // No role was assumed in an excluded account.
      expect(proxy.requests.filter((q) => q.action === 'AssumeRole')).toHaveLength(seeded.accounts.length - 2);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('--since sets ByCreatedAfter on every job listing (an ISO date, or a number of days)', async () => {
    const proxy = await startRecordingProxy(moto.endpoint);
    const createdAfter = () =>
      proxy.requests
        .filter((q) => /^\/(backup|copy|restore)-jobs\/?/.test(q.path))
        .map((q) => new URL(q.path, 'http://x').searchParams.get('createdAfter'));
    try {
      const env = awsEnv({ AWS_ENDPOINT_URL: proxy.endpoint });
      const dated = await cli(['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--accounts', seeded.managementAccountId, '--since', '2026-09-01T00:00:00Z', '--out', join(dir, 'since.json')], env);
      expect(dated.code, dated.stderr).toBe(0);
      const first = createdAfter();
      // Backup, copy and restore jobs, organization-wide and then per account (moto answers them with an HTML
      // 404; the request is what counts).
      expect(new Set(proxy.requests.filter((q) => /-jobs\b/.test(q.path)).map((q) => q.path.split(/[/?]/)[1]))).toEqual(new Set(['backup-jobs', 'copy-jobs', 'restore-jobs']));
      expect(first.map((v) => new Date(v ?? '').toISOString())).toEqual(Array(first.length).fill('2026-09-01T00:00:00.000Z'));

      proxy.requests.length = 0;
      const before = Date.now();
      const days = await cli(['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--accounts', seeded.managementAccountId, '--since', '7', '--out', join(dir, 'since7.json')], env);
      expect(days.code, days.stderr).toBe(0);
      for (const value of createdAfter()) {
        const ageDays = (before - new Date(value ?? '').getTime()) / 86_400_000;
        expect(ageDays).toBeGreaterThan(6.99);
        expect(ageDays).toBeLessThan(7.01);
      }
      const bad = await cli(['snapshot', '--source', 'aws', '--since', 'last tuesday', '--out', join(dir, 'bad.json')], env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr.trimEnd().split('\n')).toEqual(['vaultscope-report: --since: expected an ISO date or a number of days, got "last tuesday"']);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('an HTML page from S3 is recorded as an error, not read as "no buckets" (exit 0, partial estate)', async () => {
    const portal = await startStub(() => htmlPage(200, 'Sign in to continue'));
    try {
      const out = join(dir, 'html.json');
      const r = await cli(['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--out', out], awsEnv({ AWS_ENDPOINT_URL_S3: portal.endpoint }));
      expect(r.code, r.stderr).toBe(0);
      expect(portal.requests.length).toBeGreaterThan(0);
      const estate = await loadEstateFile(out);
      for (const observation of estate.regions) {
        expect(observation.errors).toEqual(expect.arrayContaining([expect.objectContaining({ service: 's3', operation: 'ListBuckets', code: 'UnexpectedResponse' })]));
        expect(observation.assets?.some((a) => a.resourceType === 'S3')).toBe(false);
      }
      // The other services still answered: DynamoDB tables are there.
      expect(estate.regions.flatMap((o) => o.assets ?? []).some((a) => a.resourceType === 'DynamoDB')).toBe(true);
    } finally {
      await portal.stop();
    }
  }, 120_000);

  it('collect --source aws appends a batch to the ledger that history verify accepts', async () => {
    const ledger = join(dir, 'ledger.sqlite');
    const first = await cli(['collect', '--source', 'aws', '--regions', REGIONS, '--ledger', ledger], awsEnv());
    expect(first.code, first.stderr).toBe(0);
    const verify = await cli(['history', 'verify', '--ledger', ledger], awsEnv());
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 120_000);

  it('with no credentials anywhere, fails with one line and no stack trace', async () => {
    const env = awsEnv();
    delete env['AWS_ACCESS_KEY_ID'];
    delete env['AWS_SECRET_ACCESS_KEY'];
    const r = await cli(['snapshot', '--source', 'aws', '--regions', 'eu-west-1', '--out', join(dir, 'none.json')], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/credential/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(dir, 'none.json'))).toThrow();
  }, 60_000);
});
