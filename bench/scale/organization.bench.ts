/**
 * Sharded collection at organization scale: a synthetic organization (default 2,000 accounts × 4 Regions, six
 * assets and 30 days of jobs per account × Region; test-fixtures/src/scale/syntheticAwsServer.ts) answering each
 * request 40 ms after it arrived (standing in for the round trip to AWS), collected by the built binary
 * (`vaultscope-report collect --source aws`) twice into SQLite ledgers: once by one worker, then by N shard
 * processes at once (`--shard 1/N` … `N/N`) into one ledger. Figures: wall times and speed-up, API calls per
 * account × Region (counted by the server), peak RSS and CPU time per worker (measured by each worker at its exit,
 * ./usage.js), and whether the shards' union equals the one-worker collection (`posture --source ledger`, same
 * output byte for byte). Targets: N = 4 shards ≥ 3.5× one worker; one worker < 1 GB.
 *
 * `npm run bench -- scale`, or standalone `npx tsx bench/scale/organization.bench.ts`. Environment:
 * VAULTSCOPE_BENCH_ACCOUNTS (default 2000), VAULTSCOPE_BENCH_SHARDS (4), VAULTSCOPE_BENCH_LATENCY_MS (40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { shardOfAccount } from '@vaultscope/sources';
import { startSyntheticAws, type SyntheticAwsServer } from '../../test-fixtures/src/scale/index.js';
import { collectArgs, collectorEnv, postureArgs, REGIONS, runCollector } from './collector.js';

const ACCOUNTS = Number(process.env.VAULTSCOPE_BENCH_ACCOUNTS ?? 2000);
const SHARDS = Number(process.env.VAULTSCOPE_BENCH_SHARDS ?? 4);
const LATENCY_MS = Number(process.env.VAULTSCOPE_BENCH_LATENCY_MS ?? 40);

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

    const loadBefore = load();
    let elu = performance.eventLoopUtilization();
    let harnessCpu = process.cpuUsage();
    const one = await runCollector('one worker', collectArgs(whole, now), env, join(dir, 'usage-one.json'));
    const harnessOne = performance.eventLoopUtilization(elu).utilization;
    const harnessCpuOne = process.cpuUsage(harnessCpu);
    const loadAfterOne = load();
    const callsOne = callFigures(server);

    server.resetCounts();
    elu = performance.eventLoopUtilization();
    harnessCpu = process.cpuUsage();
    const started = performance.now();
    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) => runCollector(`shard ${i + 1}/${SHARDS}`, collectArgs(sharded, now, `${i + 1}/${SHARDS}`), env, join(dir, `usage-${i + 1}.json`))),
    );
    const shardedWallMs = performance.now() - started;
    const harnessSharded = performance.eventLoopUtilization(elu).utilization;
    const harnessCpuSharded = process.cpuUsage(harnessCpu);
    const loadAfterShards = load();
    const callsSharded = callFigures(server);

    // The union of the shards' latest observations must be the one worker's collection.
    const [p1, pN] = await Promise.all([
      runCollector('posture (one worker)', postureArgs(whole), env, join(dir, 'usage-p1.json')),
      runCollector('posture (shards)', postureArgs(sharded), env, join(dir, 'usage-pN.json')),
    ]);
    const same = p1.stdout === pN.stdout;
    const postureOne = JSON.parse(p1.stdout) as PostureSummary;
    const discoveryErrors = postureOne.findings.filter((f) => f.check.startsWith('discovery.')).length;
    const expectedAssets = ACCOUNTS * REGIONS.length * 6;
    if (postureOne.summary.assets !== expectedAssets) throw new Error(`one worker collected ${postureOne.summary.assets} assets, expected ${expectedAssets}`);

    // Every daily backup in the window, listed organization-wide page by page (1,000 a page).
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const expectedBackups = ACCOUNTS * REGIONS.length * server.org.daysSince(since).length;
    const recordedBackups = Number(/backup (\d+) new/.exec(one.stdout)?.[1]);
    if (recordedBackups !== expectedBackups) throw new Error(`one worker recorded ${recordedBackups} backup jobs, expected ${expectedBackups}:\n${one.stdout}`);

    const perShard = Array.from({ length: SHARDS }, (_, i) => server.org.accounts.filter((a) => shardOfAccount(a.id, SHARDS) === i + 1).length);
    const speedUp = one.wallMs / shardedWallMs;
    return {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      organization: `${ACCOUNTS} accounts × ${REGIONS.length} Regions, ${expectedAssets} assets; +${LATENCY_MS} ms per request`,
      'load average (1/5/15 min): before / after one worker / after shards': `${loadBefore} | ${loadAfterOne} | ${loadAfterShards}`,
      'one worker: wall time (s)': round(one.wallMs / 1000),
      'one worker: peak RSS (MB; target < 1024)': Math.round(one.peakRssMb),
      'one worker: CPU time (s)': round(one.cpuS),
      [`${SHARDS} shards at once: wall time (s)`]: round(shardedWallMs / 1000),
      [`speed-up, ${SHARDS} shards vs one worker (target ≥ 3.5)`]: round(speedUp, 2),
      'accounts per shard': perShard.join(' / '),
      'shards: wall time each (s)': shards.map((s) => round(s.wallMs / 1000)).join(' / '),
      'shards: peak RSS each (MB)': shards.map((s) => Math.round(s.peakRssMb)).join(' / '),
      'shards: CPU time each (s)': shards.map((s) => round(s.cpuS)).join(' / '),
      'API calls, one worker': `${callsOne.total} (${round(callsOne.perAccountRegion, 2)} per account × Region)`,
      'API calls, shards together': `${callsSharded.total} (${round(callsSharded.perAccountRegion, 2)} per account × Region)`,
      'busiest operations, one worker': callsOne.top,
      'harness (synthetic server) event-loop utilisation: one worker / shards': `${round(harnessOne * 100)}% / ${round(harnessSharded * 100)}%`,
      'harness CPU time (s): one worker / shards': `${round(cpuS(harnessCpuOne))} / ${round(cpuS(harnessCpuSharded))}`,
      'posture of the shards’ union = one worker’s (byte for byte)': same ? 'yes' : 'NO',
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
