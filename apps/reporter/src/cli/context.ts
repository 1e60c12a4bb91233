/**
 * What every command needs from the outside world, injected so commands can be tested with a fixed clock
 * and captured output.
 */
import { loadPolicy as loadPolicyFile, loadSource, parseSourceSpec } from '@vaultscope/sources';
import type { Estate, LoadedPolicy } from '@vaultscope/core';
import type { AwsCliOptions } from './awsOptions.js';
import { toAwsCollectOptions } from './awsOptions.js';
import { createStderrLogger, DEFAULT_LOG_LEVEL, type Logger } from './log.js';

/** Injected I/O and clock for commands. */
export interface CliContext {
  now(): Date;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Loads the estate a `--source` value names. */
  loadEstate(source: string, options?: AwsCliOptions): Promise<Estate>;
  loadPolicy(path?: string): Promise<LoadedPolicy>;
  /** Diagnostics on stderr; the program sets its level from `--log-level` / `--debug` before a command runs. */
  log: Logger;
}

/** The context the real binary runs with. */
export function createCliContext(overrides: Partial<CliContext> = {}): CliContext {
  const now = overrides.now ?? ((): Date => new Date());
  const stderr = overrides.stderr ?? process.stderr;
  const ctx: CliContext = {
    now,
    stdout: process.stdout,
    stderr,
    log: createStderrLogger(stderr, DEFAULT_LOG_LEVEL),
    loadEstate: async (source, options = {}) => {
      const spec = parseSourceSpec(source);
      const aws = spec.kind === 'aws' ? toAwsCollectOptions(options) : undefined;
      const debug = ctx.log.enabled('debug');
      // With --debug the progress line would tear through the per-call lines: those are the progress then.
      if (aws && !options.quiet && !debug && 'isTTY' in stderr && stderr.isTTY) {
        // Loaded only for live collections, so demo and snapshot runs never load the AWS SDK.
        const { createProgressLine } = await import('@vaultscope/sources/aws');
        aws.onProgress = createProgressLine(stderr);
      }
      if (aws && debug) aws.onApiCall = (call) => ctx.log.log('debug', `aws ${call.service}:${call.operation} account ${call.accountId} region ${call.region}`);
      const started = Date.now();
      ctx.log.log('debug', `loading source ${source}`);
      const estate = await loadSource(spec, { now, ...(aws ? { aws } : {}) });
      if (debug) {
        const assets = estate.regions.reduce((n, r) => n + (r.assets?.length ?? 0), 0);
        const faults = (estate.errors?.length ?? 0) + estate.regions.reduce((n, r) => n + (r.errors?.length ?? 0), 0);
        ctx.log.log('debug', `source ${source} captured at ${estate.capturedAt}: ${estate.accounts.length} accounts, ${estate.regions.length} account-Regions, ${assets} assets, ${faults} collection faults (${Date.now() - started} ms)`);
      }
      return estate;
    },
    loadPolicy: async (path) => {
      const policy = await loadPolicyFile(path);
      ctx.log.log('debug', `policy ${path ?? '(bundled default)'}: sha256 ${policy.hash}`);
      return policy;
    },
    ...overrides,
  };
  return ctx;
}
