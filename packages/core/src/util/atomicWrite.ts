import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from './inputError.js';

/**
 * Writes `data` to `target` so that readers see the old file or the whole new one, never half of it:
 * written to a temporary file beside the target, then renamed over it. `-` means stdout. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written directly, never replaced.
 */
export async function writeOutput(target: string, data: string | Uint8Array): Promise<void> {
  if (target === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(data, (e) => (e ? reject(e) : resolve())));
    return;
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing && existing.isDirectory()) throw new InputError(`${target}: is a directory`);
  if (existing && !existing.isFile()) {
    await writeFile(target, data);
    return;
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'EROFS') {
      throw new InputError(`${target}: cannot write (${code})`, { cause: error });
    }
    throw error;
  }
}
