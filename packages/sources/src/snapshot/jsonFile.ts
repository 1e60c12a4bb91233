import { readFile } from 'node:fs/promises';
import { InputError } from '@vaultscope/core';

/** Reads and parses a JSON file, turning every failure into a one-line InputError naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (code ?? 'cannot read');
    throw new InputError(`${path}: ${why}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
