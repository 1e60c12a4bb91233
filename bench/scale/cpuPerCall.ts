/**
 * CPU per API call of one collection, at a size that runs in a minute (not a `*.bench.ts`: `npm run bench` does not
 * run it). The synthetic organization of organization.bench.ts (+40 ms per answer), in this process; the built
 * binary collects it once (or one shard of it) into a fresh SQLite ledger. Figures: wall time, the collector's CPU
 * time and peak RSS (./usage.js), API calls (counted by the server), the collector's CPU per call, and this
 * process's CPU (the harness: the synthetic server) per call.
 *
 * `npx tsx bench/scale/cpuPerCall.ts`. Environment: VAULTSCOPE_BENCH_ACCOUNTS (default 100),
 * VAULTSCOPE_BENCH_LATENCY_MS (40), VAULTSCOPE_BENCH_SHARD (`I/N`: collect one shard), VAULTSCOPE_BENCH_PROFILE
 * (a folder: `--cpu-prof` of the collector there, and a `.cpuprofile` of the harness), VAULTSCOPE_BENCH_NOW (the
 * observation time; default the current hour). The ledger's chain head and a SHA-256 of `posture --source ledger`
 * say whether two builds recorded the same thing (same time, same size: the same head and digest).
 * VAULTSCOPE_BENCH_NODE_FLAGS: extra `node` flags for the collector (space-separated), to try V8 settings.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSyntheticAws } from '../../test-fixtures/src/scale/index.js';
import { collectArgs, collectorEnv, postureArgs, REGIONS, runCollector } from './collector.js';

const ACCOUNTS = Number(process.env.VAULTSCOPE_BENCH_ACCOUNTS ?? 100);
const LATENCY_MS = Number(process.env.VAULTSCOPE_BENCH_LATENCY_MS ?? 40);
const SHARD = process.env.VAULTSCOPE_BENCH_SHARD;
const PROFILE = process.env.VAULTSCOPE_BENCH_PROFILE ? resolve(process.env.VAULTSCOPE_BENCH_PROFILE) : undefined;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result as T))));
}

/** Figures of one collection. */
export async function run(): Promise<Record<string, string | number>> {
  const now = process.env.VAULTSCOPE_BENCH_NOW ? new Date(process.env.VAULTSCOPE_BENCH_NOW) : new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const dir = mkdtempSync(join(tmpdir(), 'vaultscope-cpu-per-call-'));
  // The server itself holds each answer back by the latency (no proxy hop on the benchmark's cores).
  const server = await startSyntheticAws({ accounts: ACCOUNTS, regions: REGIONS, now, latencyMs: LATENCY_MS });
  const env = collectorEnv(server.endpoint, dir);
  const nodeFlags = [
    ...(process.env.VAULTSCOPE_BENCH_NODE_FLAGS ? process.env.VAULTSCOPE_BENCH_NODE_FLAGS.split(' ') : []),
    ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
  ];
  const session = PROFILE ? new Session() : undefined;
  try {
    if (PROFILE) mkdirSync(PROFILE, { recursive: true });
    if (session) {
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
    }
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = process.cpuUsage();
    const collected = await runCollector('collect', collectArgs(join(dir, 'ledger.db'), now, SHARD), env, join(dir, 'usage.json'), nodeFlags);
    const harness = process.cpuUsage(cpuBefore);
    if (session) {
      const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
      writeFileSync(join(PROFILE as string, 'harness.cpuprofile'), JSON.stringify(profile));
    }
    if (server.calls.unhandled.size > 0) throw new Error(`unanswered calls: ${JSON.stringify([...server.calls.unhandled])}`);
    const cpuMs = collected.cpuS * 1000;
    const harnessMs = (harness.user + harness.system) / 1000;
    const calls = server.calls.total;
    const posture = await runCollector('posture', postureArgs(join(dir, 'ledger.db')), env, join(dir, 'usage-posture.json'));
    return {
      collection: `${ACCOUNTS} accounts × ${REGIONS.length} Regions${SHARD ? `, shard ${SHARD}` : ''}; +${LATENCY_MS} ms per request`,
      'load average (1 min) before / after': `${(loadBefore).toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)}`,
      'wall time (s)': round(collected.wallMs / 1000),
      'collector: CPU time (s) / peak RSS (MB)': `${round(collected.cpuS)} / ${Math.round(collected.peakRssMb)}`,
      'API calls': calls,
      'collector: CPU per call (ms)': round(cpuMs / calls, 3),
      'harness (synthetic server): CPU time (s)': round(harnessMs / 1000),
      'harness: CPU per call (ms)': round(harnessMs / calls, 3),
      recorded: collected.stdout.trim().split('\n').slice(-1)[0]?.trim() ?? '',
      'posture --source ledger (SHA-256)': createHash('sha256').update(posture.stdout).digest('hex').slice(0, 16),
    };
  } finally {
    session?.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}
