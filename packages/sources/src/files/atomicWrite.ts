/**
 * Writing a file whole or not at all, for both apps: the reporter's posture, snapshot and CSV outputs (or stdout),
 * and the TUI's copied commands, saved lists and kept views. One implementation, so both refuse a planted symbolic
 * link, keep a replaced file's mode and fail with one line naming the path.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, toWriteError } from '@vaultscope/core';

let stdoutGuarded = false;
/** Set once the reader of stdout has gone: nothing more needs producing. */
let stdoutClosed = false;

/** Writes to stdout; a reader that went away (`| head`) ends the output quietly instead of with EPIPE. */
function writeStdout(data: string | Uint8Array): Promise<void> {
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    // The stream also emits the failure as an 'error' event after the callback: without a listener, Node
    // turns it into an uncaught exception with a stack trace.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return new Promise<void>((resolve, reject) => {
    process.stdout.write(data, (error) => {
      if (error && (error as NodeJS.ErrnoException).code === 'EPIPE') stdoutClosed = true;
      if (!error || stdoutClosed) resolve();
      else reject(error);
    });
  });
}

/**
 * Writes the chunks in order through `write`, joined into pieces of about a megabyte; the next piece is produced
 * while the last one is being written.
 */
async function writeChunks(
  write: (data: string | Uint8Array) => Promise<void>,
  chunks: Iterable<string | Uint8Array>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  let buffered: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    const text = buffered.join('');
    buffered = [];
    size = 0;
    await pending;
    pending = write(text);
  };
  for (const chunk of chunks) {
    // A reader that went away (`| head`) needs no more: stop serialising a large document for nobody.
    if (stopped()) return;
    if (typeof chunk === 'string') {
      buffered.push(chunk);
      size += chunk.length;
      if (size >= CHUNK_CHARS) await flush();
    } else {
      if (size) await flush();
      await pending;
      pending = write(chunk);
    }
  }
  if (size) await flush();
  await pending;
}

const CHUNK_CHARS = 1 << 20;

/**
 * Writes `data` to `target` so that readers see the old file or the whole new one, never half of it: written and
 * flushed to a temporary file beside the target, given the old file's mode, then renamed over it. `-` means stdout.
 * A character device or FIFO (`/dev/null`, `/dev/stdout`, a process substitution) is written directly, never
 * replaced. A symbolic link to anything else is refused, never followed: a link planted in a shared directory must
 * not make us replace the file it points to (and replacing the link itself would quietly break a link someone
 * meant). A full disk or a read-only folder is one line naming the path; the temporary file is removed.
 */
export async function writeOutput(target: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  return writeOutputChunks(target, [data], options);
}

/** How a file that does not exist yet is created. */
export interface WriteOptions {
  /** Mode of a new file, less the umask (default 0o666); a replaced file keeps its own. */
  mode?: number;
  /** Create the missing folders first, with this mode (e.g. 0o700 for an owner-only state directory). */
  folderMode?: number;
}

/**
 * {@link writeOutput} for output produced piece by piece (a large JSON document): the pieces are written as they
 * come instead of being joined into one string first. Same atomicity, modes and targets.
 */
export async function writeOutputChunks(target: string, chunks: Iterable<string | Uint8Array>, options: WriteOptions = {}): Promise<void> {
  if (target === '-') {
    return writeChunks(writeStdout, chunks, () => stdoutClosed);
  }
  if (options.folderMode !== undefined) {
    await mkdir(dirname(target), { recursive: true, mode: options.folderMode }).catch((error: unknown) => {
      throw toWriteError(target, error);
    });
  }
  const [entry, existing] = await Promise.all([lstat(target).catch(() => undefined), stat(target).catch(() => undefined)]);
  if (existing?.isDirectory()) throw new InputError(`${target}: is a directory`);
  if (existing && (existing.isCharacterDevice() || existing.isFIFO())) return writeDevice(target, chunks);
  if (entry?.isSymbolicLink()) {
    const to = await readlink(target).catch(() => '?');
    throw new InputError(`${target}: is a symbolic link (to ${to}); refusing to write through it — name the real file, or remove the link`);
  }
  if (existing && !existing.isFile()) throw new InputError(`${target}: not a regular file`);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', existing ? existing.mode & 0o7777 : (options.mode ?? 0o666));
    try {
      await writeChunks((data) => handle.writeFile(data), chunks);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; the replaced file keeps exactly the mode it had.
    if (existing) await chmod(temp, existing.mode & 0o7777);
    // rename() replaces the directory entry itself: a link planted since the check above is replaced, not followed.
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw toWriteError(target, error);
  }
}

/** Writes straight into a device or FIFO: opened without creating or truncating, and checked once open. */
async function writeDevice(target: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const handle = await open(target, constants.O_WRONLY | constants.O_NOCTTY).catch((error: unknown) => {
    throw toWriteError(target, error);
  });
  try {
    const info = await handle.stat();
    if (!info.isCharacterDevice() && !info.isFIFO()) throw new InputError(`${target}: changed while being opened; not written`);
    await writeChunks((data) => handle.writeFile(data), chunks);
  } finally {
    await handle.close();
  }
}
