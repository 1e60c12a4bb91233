/**
 * Live collection speed: a moto organization of 20 member accounts × 2 Regions (840 assets, vaults, plans)
 * collected through a proxy that adds a fixed delay to every request, modelling the network round trip to AWS
 * that moto on loopback does not have. Compared with a sequential crawl (concurrency 1) of the same
 * organization. Targets: ≤ 2 API calls per asset on average, ≥ 5× faster than sequential.
 *
 * `npm run bench -- aws` or standalone: `npx tsx bench/aws/collect.bench.ts`.
 * Environment: VAULTSCOPE_BENCH_LATENCY_MS (default 40), VAULTSCOPE_BENCH_ACCOUNTS (default 20).
 */
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { collectEstate, type AwsCollectOptions } from '@vaultscope/sources/aws';
import { MOTO_REGIONS, scaleMotoSpec, seedMotoOrganization, startMoto, startRecordingProxy } from '../../test-fixtures/src/moto/index.js';

const LATENCY_MS = Number(process.env.VAULTSCOPE_BENCH_LATENCY_MS ?? 40);
const ACCOUNTS = Number(process.env.VAULTSCOPE_BENCH_ACCOUNTS ?? 20);

interface Measured {
  ms: number;
  apiCalls: number;
  assets: number;
  observations: number;
  errors: number;
  byService: Map<string, number>;
}

async function measure(endpoint: string, options: AwsCollectOptions): Promise<Measured> {
  process.env.AWS_ENDPOINT_URL = endpoint;
  let apiCalls = 0;
  const byService = new Map<string, number>();
  const started = performance.now();
  const estate = await collectEstate({
    ...options,
    regions: [...MOTO_REGIONS],
    maxAttempts: 1,
    onApiCall: (call) => {
      apiCalls += 1;
      byService.set(call.service, (byService.get(call.service) ?? 0) + 1);
    },
  });
  const ms = performance.now() - started;
  return {
    ms,
    apiCalls,
    assets: estate.regions.reduce((n, r) => n + (r.assets?.length ?? 0), 0),
    observations: estate.regions.length,
    errors: estate.regions.reduce((n, r) => n + (r.errors?.length ?? 0), 0) + (estate.errors?.length ?? 0),
    byService,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Figures for the live-collection benchmark. */
export async function run(): Promise<Record<string, string | number>> {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  const moto = await startMoto();
  const slow = await startRecordingProxy(moto.endpoint, { latencyMs: LATENCY_MS });
  try {
    const seedStart = performance.now();
    await seedMotoOrganization(moto.endpoint, scaleMotoSpec({ accounts: ACCOUNTS, regions: MOTO_REGIONS }));
    const seedMs = performance.now() - seedStart;

    await measure(moto.endpoint, {}); // warm-up: module loading, moto's first-call caches
    const concurrent = await measure(slow.endpoint, {});
    const sequential = await measure(slow.endpoint, { concurrency: 1 });
    const rawConcurrent = await measure(moto.endpoint, {});
    const rawSequential = await measure(moto.endpoint, { concurrency: 1 });
    if (concurrent.assets !== sequential.assets || concurrent.apiCalls !== sequential.apiCalls) {
      throw new Error(`runs disagree: ${JSON.stringify({ concurrent, sequential })}`);
    }
    return {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      organization: `${ACCOUNTS} members + management, ${MOTO_REGIONS.length} Regions (${concurrent.observations} account × Region observations)`,
      assets: concurrent.assets,
      'API calls': concurrent.apiCalls,
      'API calls per asset (target ≤ 2)': round(concurrent.apiCalls / concurrent.assets),
      'API calls per account × Region': round(concurrent.apiCalls / concurrent.observations, 1),
      'API calls by service': [...concurrent.byService.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([service, n]) => `${service} ${n}`)
        .join(', '),
      'errors recorded (moto lacks parts of Backup)': concurrent.errors,
      'seeding moto (s)': round(seedMs / 1000, 1),
      [`wall time, concurrency 16, +${LATENCY_MS} ms/request (s)`]: round(concurrent.ms / 1000),
      [`wall time, sequential, +${LATENCY_MS} ms/request (s)`]: round(sequential.ms / 1000),
      'speed-up vs sequential (target ≥ 5)': round(sequential.ms / concurrent.ms, 1),
      'wall time, concurrency 16, bare moto (s)': round(rawConcurrent.ms / 1000),
      'wall time, sequential, bare moto (s)': round(rawSequential.ms / 1000),
      'speed-up vs sequential, bare moto': round(rawSequential.ms / rawConcurrent.ms, 1),
    };
  } finally {
    await slow.stop();
    await moto.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}
