/**
 * The TUI's files (copied commands, saved lists, kept views) can name accounts and roles: written whole through
 * the writer both apps share (temporary file and rename, a planted symbolic link refused), in an owner-only folder
 * created on first use, as owner-only files.
 */
import { writeOutput } from '@vaultscope/sources';

/** Writes `content` to `path` atomically, creating its folder (0700) and a new file (0600) for the owner only. */
export function writeAtomic(path: string, content: string): Promise<void> {
  return writeOutput(path, content, { mode: 0o600, folderMode: 0o700 });
}
