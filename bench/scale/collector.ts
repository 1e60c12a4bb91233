/**
 * The built `vaultscope-report` as the scale benchmarks run it against the synthetic organization: its environment
 * (the server as every AWS endpoint, test keys, no shared config, its own config and data folders), its `collect`
 * arguments, and a run of it with the usage probe (./usage.js) that reports its own peak RSS and CPU time at exit.
 * Used by organization.bench.ts and cpuPerCall.ts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REGIONS = ['eu-west-1', 'eu-central-1', 'eu-north-1', 'us-east-1'];
const BIN = fileURLToPath(new URL('../../apps/reporter/bin/vaultscope-report.js', import.meta.url));
const USAGE = pathToFileURL(fileURLToPath(new URL('./usage.js', import.meta.url))).href;

/** One run of the binary: its wall time, its own peak RSS and CPU time, what it printed. */
export interface CollectorRun {
  label: string;
  wallMs: number;
  peakRssMb: number;
  cpuS: number;
  stdout: string;
}

/** The binary's environment: every AWS call to `endpoint`, nothing of this machine's AWS or Vaultscope settings. */
export function collectorEnv(endpoint: string, dir: string): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('VAULTSCOPE_'))),
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    VAULTSCOPE_CONFIG_DIR: join(dir, 'config'),
    VAULTSCOPE_DATA_DIR: join(dir, 'data'),
    NO_COLOR: '1',
  };
}

/** `collect` of the synthetic organization's Regions at `now` into `ledger` (one shard `I/N` of it, if given). */
export const collectArgs = (ledger: string, now: Date, shard?: string): string[] => [
  'collect', '--source', 'aws', '--ledger', ledger, '--regions', REGIONS.join(','), '--now', now.toISOString(), '--quiet',
  // Shards finishing together take turns to write; the bench waits rather than fails.
  '--ledger-wait', '3600',
  ...(shard ? ['--shard', shard] : []),
];

/** `posture --source ledger` of `ledger` as JSON (every observation counts: none is too old). */
export const postureArgs = (ledger: string): string[] => ['posture', '--source', 'ledger', '--ledger', ledger, '--output', 'json', '--max-age', '8760'];

/**
 * Runs the built binary with the usage probe (and `nodeFlags` before it); rejects on a non-zero exit (the bench
 * then measured nothing).
 */
export function runCollector(label: string, args: string[], env: NodeJS.ProcessEnv, usageFile: string, nodeFlags: string[] = []): Promise<CollectorRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, '--import', USAGE, BIN, ...args], {
    env: { ...env, VAULTSCOPE_BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${label}: exit ${code}\n${stderr.slice(-4000)}`));
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; userUs: number; systemUs: number };
      resolve({ label, wallMs, peakRssMb: usage.maxRssKb / 1024, cpuS: (usage.userUs + usage.systemUs) / 1e6, stdout });
    });
  });
}
