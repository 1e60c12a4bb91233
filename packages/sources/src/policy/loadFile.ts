import { parsePolicy, type LoadedPolicy } from '@vaultscope/core';
import { readTextFile } from '../files/readText.js';

/**
 * Reads and validates a `--policy FILE`: a bad file is one line naming it and the JSON path. A module of its own,
 * imported only when a file is given, so that the default policy never loads the YAML parser or zod.
 */
export async function loadPolicyFile(path: string): Promise<LoadedPolicy> {
  return parsePolicy(await readTextFile(path), path);
}
