import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError, parsePolicy, type LoadedPolicy } from '@vaultscope/core';

const DEFAULT_POLICY_URL = new URL('../../assets/default-policy.yaml', import.meta.url);

/** The bundled default policy (DESIGN.md's four classes). */
export function defaultPolicy(): LoadedPolicy {
  return parsePolicy(readFileSync(DEFAULT_POLICY_URL, 'utf8'), 'default policy');
}

/** Loads `--policy FILE`, or the default policy when no file is given. */
export async function loadPolicy(path?: string): Promise<LoadedPolicy> {
  if (!path) return defaultPolicy();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'file not found' : (code ?? 'cannot read')}`, { cause: error });
  }
  return parsePolicy(text, path);
}
