/**
 * The fault matrix: collections through a loopback fault proxy in front of moto that answers a seeded share of the
 * requests (5, 15, 30 %) with an empty, an HTML or a truncated 2xx body. Every run must finish, every fault that
 * outlived the retries must be recorded (never an empty section), and no request may write. The figures are printed
 * (and kept in docs/reliability.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../demo/random.js';
import {
  MOTO_CREDENTIALS,
  operationOf,
  seedMotoOrganization,
  startMoto,
  startRecordingProxy,
  type MotoServer,
  type RecordedRequest,
} from '../../../../test-fixtures/src/moto/index.js';
import { collectEstate } from './collectEstate.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const RATES = [0.05, 0.15, 0.3] as const;
const KINDS = ['empty', 'html', 'truncated'] as const;
const READ = /^(List|Describe|Get|Head|AssumeRole)/;

let moto: MotoServer;
const saved = { ...process.env };

beforeAll(async () => {
  moto = await startMoto();
  await seedMotoOrganization(moto.endpoint, {
    accounts: [
      { name: 'payments-prod', regions: { 'eu-west-1': { buckets: [{ name: 'fm-ledger', versioning: 'Enabled' }], tables: [{ name: 'orders', pitr: true }], volumes: [{ name: 'scratch', sizeGiB: 8 }], dbInstances: [{ id: 'payments-db', engine: 'postgres' }] } } },
      { name: 'analytics-dev', regions: { 'eu-west-1': { tables: [{ name: 'sessions' }] } } },
    ],
  });
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  process.env = saved;
});

/** A write on the wire: a named operation that does not read, or a REST call that is not GET/HEAD. */
const isWrite = (r: RecordedRequest): boolean => {
  const op = operationOf(r);
  return op !== undefined ? !READ.test(op) && op !== 'GetCallerIdentity' : r.method !== 'GET' && r.method !== 'HEAD';
};

describe('fault matrix', () => {
  it('every run finishes, faults that outlive the retries are recorded, nothing is written', async () => {
    const rows: string[] = [];
    const totals = { faults: 0, runs: 0, finished: 0, errors: 0, writes: 0 };
    // moto's own NotImplemented answers are recorded in every run: a run's fault entries are those a clean run lacks.
    const keyOf = (e: { service: string; operation: string; code: string; accountId?: string; region?: string }): string => [e.service, e.operation, e.code, e.accountId, e.region].join('|');
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
    const clean = await collectEstate({ regions: ['eu-west-1'], maxAttempts: 3, now: () => NOW });
    const baseline = new Set([...(clean.errors ?? []), ...clean.regions.flatMap((r) => r.errors ?? [])].map(keyOf));
    for (const rate of RATES) {
      for (const kind of KINDS) {
        const rng = createRng(Math.round(rate * 1000) + KINDS.indexOf(kind));
        let injected = 0;
        const proxy = await startRecordingProxy(moto.endpoint, {
          rewrite: (request, body, status) => {
            // Identity stays reachable: without it a run ends at once with one line (tested elsewhere).
            if (status !== 200 || operationOf(request) === 'GetCallerIdentity' || !rng.chance(rate)) return undefined;
            injected++;
            if (kind === 'empty') return '';
            if (kind === 'html') return '<!DOCTYPE html><html><body>Service Unavailable</body></html>';
            return body.length > 2 ? body.slice(0, Math.floor(body.length / 2)) : '{';
          },
        });
        try {
          process.env.AWS_ENDPOINT_URL = proxy.endpoint;
          totals.runs++;
          const estate = await collectEstate({ regions: ['eu-west-1'], maxAttempts: 3, now: () => NOW });
          totals.finished++;
          const errors = [...(estate.errors ?? []), ...estate.regions.flatMap((r) => r.errors ?? [])];
          const recorded = errors.filter((e) => !baseline.has(keyOf(e))).length;
          const writes = proxy.requests.filter(isWrite).length;
          totals.faults += injected;
          totals.errors += recorded;
          totals.writes += writes;
          rows.push(`| ${Math.round(rate * 100)} % | ${kind} | ${proxy.requests.length} | ${injected} | yes | ${recorded} | ${writes} |`);
          expect(writes).toBe(0);
          // A fault that reached the estate is an error entry, never silence: an empty section would have no entry.
          if (injected > 0 && recorded === 0) {
            // Every injected fault was absorbed by a retry: then the estate must be the fault-free one.
            expect(estate.regions.every((r) => r.assets !== undefined)).toBe(true);
          }
        } finally {
          await proxy.stop();
        }
      }
    }
    expect(totals.finished).toBe(totals.runs);
    expect(totals.faults).toBeGreaterThan(0);
    expect(totals.writes).toBe(0);
    console.log(['| rate | fault | requests | faults injected | run finished | errors recorded | writes |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
    console.log(`totals: ${totals.faults} faults injected, ${totals.finished}/${totals.runs} runs finished, ${totals.errors} errors recorded, ${totals.writes} writes`);
  }, 600_000);
});
