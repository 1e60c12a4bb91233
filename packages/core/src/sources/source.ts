/**
 * Where an estate comes from: `demo` (the bundled demo organization), `aws` (a live organization) or
 * `snapshot:PATH` (an estate file). The demo generator lives in test-fixtures, which depends on core, so the
 * caller injects it.
 */
import type { Estate } from '../estate/schema.js';
import { loadEstateFile } from '../estate/load.js';
import { InputError } from '../util/inputError.js';
import type { AwsCollectOptions } from './aws/index.js';

export type SourceSpec = { kind: 'demo' } | { kind: 'aws' } | { kind: 'snapshot'; path: string };

/** Parses a `--source` value; unknown values are an InputError naming the option. */
export function parseSourceSpec(value: string): SourceSpec {
  if (value === 'demo') return { kind: 'demo' };
  if (value === 'aws') return { kind: 'aws' };
  if (value.startsWith('snapshot:') && value.length > 'snapshot:'.length) return { kind: 'snapshot', path: value.slice('snapshot:'.length) };
  throw new InputError(`--source: unknown source "${value}" (expected demo, aws or snapshot:PATH)`);
}

/** What loading a source needs from the caller. */
export interface SourceDeps {
  demo: (now: Date) => Estate;
  now: () => Date;
  aws?: AwsCollectOptions;
}

/** Loads the estate a source spec names. */
export async function loadSource(spec: SourceSpec, deps: SourceDeps): Promise<Estate> {
  switch (spec.kind) {
    case 'demo':
      return deps.demo(deps.now());
    case 'snapshot':
      return loadEstateFile(spec.path);
    case 'aws': {
      // Loaded lazily: the AWS SDK is only needed, and only paid for, when observing a live organization.
      const { collectEstate } = await import('./aws/index.js');
      return collectEstate({ now: deps.now, ...deps.aws });
    }
  }
}

/** A source spec as text, for provenance lines in reports. */
export function describeSource(spec: SourceSpec): string {
  return spec.kind === 'snapshot' ? `snapshot:${spec.path}` : spec.kind;
}
