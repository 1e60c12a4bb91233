/**
 * What the source worker is started with, from the parsed command line: made the same way by the worker itself
 * (from the command line main.tsx hands it, so it starts observing at once) and by the UI thread (its `start`
 * message, then redundant).
 */
import type { CliOptions } from '../cli.js';
import { stateDir } from '../io/stateDir.js';
import type { SourceWorkerInput } from './protocol.js';

/** The worker's input for these options; `env` gives the state directory. */
export function workerInput(options: CliOptions, env: Readonly<Record<string, string | undefined>> = process.env): SourceWorkerInput {
  return {
    spec: options.source,
    ...(options.policy ? { policyPath: options.policy } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    // A snapshot's first screens are kept here between runs, so a large one opens at once (viewCache.ts).
    cacheDir: stateDir(env),
    aws: options.aws,
  };
}
