import type { LoadedPolicy } from '@vaultscope/core';
import { DEFAULT_POLICY, DEFAULT_POLICY_HASH } from './defaultPolicy.generated.js';

/**
 * The bundled default policy (DESIGN.md's four classes): assets/default-policy.yaml, parsed and validated when
 * defaultPolicy.generated.ts was written, so no YAML parser or schema is loaded for it. A fresh copy per call, as
 * parsing the file gave.
 */
export function defaultPolicy(): LoadedPolicy {
  return { policy: structuredClone(DEFAULT_POLICY), hash: DEFAULT_POLICY_HASH, origin: 'default policy' };
}

/**
 * Loads `--policy FILE`, or the default policy when no file is given. A file's parser (YAML, the policy schema)
 * is loaded only then (loadFile.ts).
 */
export async function loadPolicy(path?: string): Promise<LoadedPolicy> {
  if (!path) return defaultPolicy();
  const { loadPolicyFile } = await import('./loadFile.js');
  return loadPolicyFile(path);
}
