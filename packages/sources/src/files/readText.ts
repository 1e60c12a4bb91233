/**
 * Reads a file given on the command line as text, turning every failure into one InputError naming the file
 * (`estate.json: file not found`): the snapshot and the policy loaders word a missing file alike.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '@vaultscope/core';

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (code ?? 'cannot read');
    throw new InputError(`${path}: ${why}`, { cause: error });
  }
}
