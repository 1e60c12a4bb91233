/**
 * The file-system faults of writing (a full disk, a quota, a read-only or missing folder, no permission) are the
 * operator's to fix, not bugs: one line naming the path and what the system said, exit code 2.
 */
import { InputError } from './inputError.js';

const WRITE_FAULTS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
  EMLINK: 'too many links',
  ENAMETOOLONG: 'name too long',
};

/** The system's code of an error, when it has one (`ENOSPC`). */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` is a write fault of the file system (rather than a bug). */
export function isWriteFault(error: unknown): boolean {
  const code = errnoCode(error);
  return code !== undefined && code in WRITE_FAULTS;
}

/**
 * `error` as a one-line InputError naming `path` (`/srv/packs/2026-11: cannot write (ENOSPC: no space left on
 * device)`) when it is a write fault; otherwise `error` itself, unchanged.
 */
export function toWriteError(path: string, error: unknown): unknown {
  const code = errnoCode(error);
  if (code === undefined || !(code in WRITE_FAULTS)) return error;
  return new InputError(`${path}: cannot write (${code}: ${WRITE_FAULTS[code]})`, { cause: error });
}
