/**
 * What every command needs from the outside world, injected so commands can be tested with a fixed clock
 * and captured output.
 */
import { InputError } from '@vaultscope/core';
import { estateFromLedger, ledgerExists, openLedgerStore, resolveLedgerPath, shownLedgerLocation } from '@vaultscope/ledger';
import { loadPolicy as loadPolicyFile, loadSource, parseShard, parseSourceSpec, shardEstate } from '@vaultscope/sources';
import type { Estate, LoadedPolicy } from '@vaultscope/core';
import type { AwsCliOptions } from './awsOptions.js';
import { parseMaxAge, toAwsCollectOptions } from './awsOptions.js';
import { createStderrLogger, DEFAULT_LOG_LEVEL, type Logger } from './log.js';

/** `--source ledger`: the union of the latest observation of every account in the history ledger. */
export const LEDGER_SOURCE = 'ledger';

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
      if (source === LEDGER_SOURCE) return estateOfLedger(options, now());
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
      // A live collection observes only its shard's accounts; a snapshot or the demo is cut to the shard after loading.
      const estate = aws ? await loadSource(spec, { now, aws }) : shardEstate(await loadSource(spec, { now }), parseShard(options.shard));
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

/**
 * `--source ledger`: the union of the latest observation of every account in the ledger, each account observed
 * longer than `--max-age` ago reported as an estate error (so the posture says discovery is incomplete).
 */
async function estateOfLedger(options: AwsCliOptions, now: Date): Promise<Estate> {
  const maxAgeHours = parseMaxAge(options.maxAge);
  const location = resolveLedgerPath(options.ledger ? { ledger: options.ledger } : {});
  if (!(await ledgerExists(location))) throw new InputError(`--source ledger: no ledger at ${shownLedgerLocation(location)} yet (collect into it first; --ledger or VAULTSCOPE_LEDGER point elsewhere)`);
  const store = await openLedgerStore(location, { readonly: true });
  try {
    return (await estateFromLedger(store, { now, maxAgeHours })).estate;
  } finally {
    await store.close();
  }
}
