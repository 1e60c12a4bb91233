import { readFile } from 'node:fs/promises';
import { InputError, parsePolicy, type LoadedPolicy } from '@vaultscope/core';

/**
 * Reads and validates a `--policy FILE`: a bad file is one line naming it and the JSON path. A module of its own,
 * imported only when a file is given, so that the default policy never loads the YAML parser or zod.
 */
export async function loadPolicyFile(path: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'file not found' : (code ?? 'cannot read')}`, { cause: error });
  }
  return parsePolicy(text, path);
}
