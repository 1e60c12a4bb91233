/**
 * What every command needs from the outside world, injected so commands can be tested with a fixed clock
 * and captured output.
 */
import {
  loadPolicy as loadPolicyFile,
  loadSource,
  parseSourceSpec,
  type Estate,
  type LoadedPolicy,
} from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/test-fixtures';
import type { AwsCliOptions } from './awsOptions.js';
import { toAwsCollectOptions } from './awsOptions.js';

/** Injected I/O and clock for commands. */
export interface CliContext {
  now(): Date;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Loads the estate a `--source` value names. */
  loadEstate(source: string, options?: AwsCliOptions): Promise<Estate>;
  loadPolicy(path?: string): Promise<LoadedPolicy>;
}

/** The context the real binary runs with. */
export function createCliContext(overrides: Partial<CliContext> = {}): CliContext {
  const now = overrides.now ?? ((): Date => new Date());
  const stderr = overrides.stderr ?? process.stderr;
  return {
    now,
    stdout: process.stdout,
    stderr,
    loadEstate: async (source, options = {}) => {
      const spec = parseSourceSpec(source);
      const aws = spec.kind === 'aws' ? toAwsCollectOptions(options) : undefined;
      if (aws && !options.quiet && 'isTTY' in stderr && stderr.isTTY) {
        // Loaded only for live collections, so demo and snapshot runs never load the AWS SDK.
        const { createProgressLine } = await import('@vaultscope/core/aws');
        aws.onProgress = createProgressLine(stderr);
      }
      return loadSource(spec, { demo: (at) => generateDemoEstate({ now: at }), now, ...(aws ? { aws } : {}) });
    },
    loadPolicy: (path) => loadPolicyFile(path),
    ...overrides,
  };
}
