/**
 * Sharded collection at organization scale: a synthetic organization (default 2,000 accounts × 4 Regions, six
 * assets and 30 days of jobs per account × Region; test-fixtures/src/scale/syntheticAwsServer.ts) answering each
 * request 40 ms after it arrived (standing in for the round trip to AWS), collected by the built binary
 * (`vaultscope-report collect --source aws`) into SQLite ledgers: once by one worker, then by N shard processes at
 * once (`--shard 1/N` … `N/N`) into one ledger, and with VAULTSCOPE_BENCH_ISOLATED=1 also by the N shards one after
 * another into a third ledger — one host per shard, as in deployment (a Kubernetes Indexed Job), where a shard does
 * not share its cores with the others: the largest shard's wall time is then the collection's. Figures: wall times
 * and speed-ups, API calls per account × Region (counted by the server), peak RSS and CPU time per worker (measured
 * by each worker at its exit, ./usage.js), and whether each union of shards equals the one-worker collection
 * (`posture --source ledger`, same output byte for byte). Targets: N = 4 shards ≥ 3.5× one worker; one worker < 1 GB.
 *
 * `npm run bench -- scale`, or standalone `npx tsx bench/scale/organization.bench.ts`. Environment:
 * VAULTSCOPE_BENCH_ACCOUNTS (default 2000), VAULTSCOPE_BENCH_SHARDS (4), VAULTSCOPE_BENCH_LATENCY_MS (40),
 * VAULTSCOPE_BENCH_ISOLATED (1: also the shards one at a time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { shardOfAccount } from '@vaultscope/sources';
import { startSyntheticAws, type SyntheticAwsServer } from '../../test-fixtures/src/scale/index.js';
import { collectArgs, collectorEnv, postureArgs, REGIONS, runCollector, type CollectorRun } from './collector.js';

const ACCOUNTS = Number(process.env.VAULTSCOPE_BENCH_ACCOUNTS ?? 2000);
const SHARDS = Number(process.env.VAULTSCOPE_BENCH_SHARDS ?? 4);
const LATENCY_MS = Number(process.env.VAULTSCOPE_BENCH_LATENCY_MS ?? 40);
const ISOLATED = process.env.VAULTSCOPE_BENCH_ISOLATED === '1';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const cpuS = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

/** Calls of the last run: total, per account × Region, the busiest operations; any unanswered call fails the bench. */
function callFigures(server: SyntheticAwsServer): { total: number; perAccountRegion: number; top: string } {
  const { calls } = server;
  if (calls.unhandled.size > 0) throw new Error(`the synthetic server was asked calls it does not answer: ${JSON.stringify([...calls.unhandled])}`);
  const top = [...calls.byOperation.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return { total: calls.total, perAccountRegion: calls.total / (ACCOUNTS * REGIONS.length), top };
}

/** One collection of the organization (one worker, or N shards into one ledger) and what the harness spent on it. */
interface Phase {
  runs: CollectorRun[];
  wallMs: number;
  harnessElu: number;
  harnessCpuS: number;
  loadAfter: string;
  calls: ReturnType<typeof callFigures>;
}

/** Runs `collections` (all at once, or one after another) against the server and measures the phase. */
async function phase(server: SyntheticAwsServer, collections: Array<() => Promise<CollectorRun>>, atOnce: boolean): Promise<Phase> {
  server.resetCounts();
  const elu = performance.eventLoopUtilization();
  const harnessCpu = process.cpuUsage();
  const started = performance.now();
  const runs: CollectorRun[] = [];
  if (atOnce) runs.push(...(await Promise.all(collections.map((c) => c()))));
  else for (const c of collections) runs.push(await c());
  const wallMs = performance.now() - started;
  return { runs, wallMs, harnessElu: performance.eventLoopUtilization(elu).utilization, harnessCpuS: cpuS(process.cpuUsage(harnessCpu)), loadAfter: load(), calls: callFigures(server) };
}

interface PostureSummary {
  summary: { accounts: number; assets: number; byCoverage: Record<string, number> };
  findings: Array<{ check: string }>;
}

/** Figures for the organization-scale sharded collection. */
export async function run(): Promise<Record<string, string | number>> {
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-scale-bench-'));
  // The server itself holds each answer back by the latency (no proxy hop on the benchmark's cores).
  const server = await startSyntheticAws({ accounts: ACCOUNTS, regions: REGIONS, now, latencyMs: LATENCY_MS });
  const env = collectorEnv(server.endpoint, dir);
  try {
    const whole = join(dir, 'one-worker.db');
    const sharded = join(dir, 'shards.db');
    const isolatedLedger = join(dir, 'shards-one-at-a-time.db');

    const loadBefore = load();
    const one = await phase(server, [() => runCollector('one worker', collectArgs(whole, now), env, join(dir, 'usage-one.json'))], true);
    const shardRuns = (ledger: string, name: string) =>
      Array.from({ length: SHARDS }, (_, i) => () => runCollector(`shard ${i + 1}/${SHARDS}`, collectArgs(ledger, now, `${i + 1}/${SHARDS}`), env, join(dir, `usage-${name}-${i + 1}.json`)));
    const atOnce = await phase(server, shardRuns(sharded, 'at-once'), true);
    // One host per shard: each shard alone (nothing else collecting on the cores), into the shared ledger.
    const isolated = ISOLATED ? await phase(server, shardRuns(isolatedLedger, 'isolated'), false) : undefined;

    // Each union of the shards' latest observations must be the one worker's collection.
    const postures = await Promise.all(
      [whole, sharded, ...(isolated ? [isolatedLedger] : [])].map((ledger, i) => runCollector(`posture ${i}`, postureArgs(ledger), env, join(dir, `usage-p${i}.json`))),
    );
    const [p1, pN, pIsolated] = postures as [CollectorRun, CollectorRun, CollectorRun | undefined];
    const same = p1.stdout === pN.stdout;
    const postureOne = JSON.parse(p1.stdout) as PostureSummary;
    const discoveryErrors = postureOne.findings.filter((f) => f.check.startsWith('discovery.')).length;
    const expectedAssets = ACCOUNTS * REGIONS.length * 6;
    if (postureOne.summary.assets !== expectedAssets) throw new Error(`one worker collected ${postureOne.summary.assets} assets, expected ${expectedAssets}`);

    // Every daily backup in the window, listed organization-wide page by page (1,000 a page).
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const expectedBackups = ACCOUNTS * REGIONS.length * server.org.daysSince(since).length;
    const oneRun = one.runs[0] as CollectorRun;
    const recordedBackups = Number(/backup (\d+) new/.exec(oneRun.stdout)?.[1]);
    if (recordedBackups !== expectedBackups) throw new Error(`one worker recorded ${recordedBackups} backup jobs, expected ${expectedBackups}:\n${oneRun.stdout}`);

    const perShard = Array.from({ length: SHARDS }, (_, i) => server.org.accounts.filter((a) => shardOfAccount(a.id, SHARDS) === i + 1).length);
    const each = (p: Phase, f: (r: CollectorRun) => number, digits = 1) => p.runs.map((r) => round(f(r), digits)).join(' / ');
    const shardFigures = (p: Phase, name: string) => ({
      [`${name}: wall time each (s)`]: each(p, (r) => r.wallMs / 1000),
      [`${name}: CPU time each (s)`]: each(p, (r) => r.cpuS),
      [`${name}: peak RSS each (MB)`]: each(p, (r) => r.peakRssMb, 0),
      [`API calls, ${name}`]: `${p.calls.total} (${round(p.calls.perAccountRegion, 2)} per account × Region)`,
      [`harness event-loop utilisation / CPU time (s), ${name}`]: `${round(p.harnessElu * 100)}% / ${round(p.harnessCpuS)}`,
    });
    const largestIsolatedMs = isolated ? Math.max(...isolated.runs.map((r) => r.wallMs)) : 0;
    return {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      organization: `${ACCOUNTS} accounts × ${REGIONS.length} Regions, ${expectedAssets} assets; +${LATENCY_MS} ms per request`,
      [`load average (1/5/15 min): before / after one worker / after shards at once${isolated ? ' / after shards one at a time' : ''}`]: [loadBefore, one.loadAfter, atOnce.loadAfter, ...(isolated ? [isolated.loadAfter] : [])].join(' | '),
      'one worker: wall time (s)': round(one.wallMs / 1000),
      'one worker: peak RSS (MB; target < 1024)': Math.round(oneRun.peakRssMb),
      'one worker: CPU time (s)': round(oneRun.cpuS),
      [`${SHARDS} shards at once: wall time (s)`]: round(atOnce.wallMs / 1000),
      [`speed-up, ${SHARDS} shards at once vs one worker (target ≥ 3.5)`]: round(one.wallMs / atOnce.wallMs, 2),
      ...(isolated
        ? {
            [`one host per shard (${SHARDS} shards one at a time): largest shard wall time (s)`]: round(largestIsolatedMs / 1000),
            [`speed-up, one host per shard vs one worker (target ≥ 3.5)`]: round(one.wallMs / largestIsolatedMs, 2),
          }
        : {}),
      'accounts per shard': perShard.join(' / '),
      ...shardFigures(atOnce, 'shards at once'),
      ...(isolated ? shardFigures(isolated, 'shards one at a time') : {}),
      'API calls, one worker': `${one.calls.total} (${round(one.calls.perAccountRegion, 2)} per account × Region)`,
      'busiest operations, one worker': one.calls.top,
      'harness event-loop utilisation / CPU time (s), one worker': `${round(one.harnessElu * 100)}% / ${round(one.harnessCpuS)}`,
      'posture of the shards’ union = one worker’s (byte for byte)': same ? 'yes' : 'NO',
      ...(pIsolated ? { 'posture of the one-at-a-time shards’ union = one worker’s (byte for byte)': pIsolated.stdout === p1.stdout ? 'yes' : 'NO' } : {}),
      'backup jobs recorded (one worker)': recordedBackups,
      'posture: accounts, assets, coverage': `${postureOne.summary.accounts}, ${postureOne.summary.assets}, ${Object.entries(postureOne.summary.byCoverage).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(' ')}`,
      'discovery errors recorded': discoveryErrors,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}
