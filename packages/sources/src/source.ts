/**
 * Where an estate comes from: `demo` (the bundled demo organization), `aws` (a live organization) or
 * `snapshot:PATH` (an estate file). `loadSource` is the one entry both apps call; each source's code is loaded
 * only when that source is asked for.
 */
import { type Estate, InputError } from '@vaultscope/core';
import type { AwsCollectOptions } from './aws/index.js';

export type SourceSpec = { kind: 'demo' } | { kind: 'aws' } | { kind: 'snapshot'; path: string };

/** Parses a `--source` value; unknown values are an InputError naming the option. */
export function parseSourceSpec(value: string): SourceSpec {
  if (value === 'demo') return { kind: 'demo' };
  if (value === 'aws') return { kind: 'aws' };
  if (value.startsWith('snapshot:') && value.length > 'snapshot:'.length) return { kind: 'snapshot', path: value.slice('snapshot:'.length) };
  throw new InputError(`--source: unknown source "${value}" (expected demo, aws or snapshot:PATH)`);
}

/** What loading a source needs from the caller: the clock, and the options of the source it names. */
export interface SourceOptions {
  now: () => Date;
  /** Seed of the demo organization (the demo's default when absent). */
  seed?: number;
  aws?: AwsCollectOptions;
}

/** Loads the estate a source spec names. */
export async function loadSource(spec: SourceSpec, options: SourceOptions): Promise<Estate> {
  switch (spec.kind) {
    case 'demo': {
      // Loaded lazily, like the AWS SDK: snapshot and live runs never load the demo generator.
      const { generateDemoEstate } = await import('./demo/generateDemoEstate.js');
      return generateDemoEstate({ now: options.now(), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    }
    case 'snapshot': {
      // Loaded lazily too: the estate schema (zod) is built only when a file is to be validated.
      const { loadEstateFile } = await import('./snapshot/index.js');
      return loadEstateFile(spec.path);
    }
    case 'aws': {
      // Loaded lazily: the AWS SDK is only needed, and only paid for, when observing a live organization.
      const { collectEstate } = await import('./aws/index.js');
      return collectEstate({ now: options.now, ...options.aws });
    }
  }
}

/** A source spec as text, for provenance lines in reports. */
export function describeSource(spec: SourceSpec): string {
  return spec.kind === 'snapshot' ? `snapshot:${spec.path}` : spec.kind;
}
