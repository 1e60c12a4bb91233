import { InputError } from '@vaultscope/core';
import { readTextFile } from '../files/readText.js';

/** Reads and parses a JSON file, turning every failure into a one-line InputError naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readTextFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}
