/**
 * The temporary directories a pack is built in (`.NAME.<hex>.tmp` beside the target). Those in progress are
 * tracked so a signal handler can remove them before the process exits; those a killed process left behind are
 * recognised by name and removed by the next scheduled run.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const inProgress = new Set<string>();
/**
 * `.2026-11.0123456789ab.tmp`. Not the `.tmp.old` a --force replacement moves aside: if a run died between its
 * two renames, that is the only copy of the previous pack.
 */
const OURS = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** A fresh temporary directory path beside `target`, tracked until `release`. */
export function claimTempDir(target: string): string {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  inProgress.add(temp);
  return temp;
}

/** Stops tracking a temporary directory (it was renamed into place or removed). */
export function releaseTempDir(temp: string): void {
  inProgress.delete(temp);
}

/** Removes every temporary directory still in progress, synchronously (for a signal handler about to exit). */
export function removeTempDirsInProgress(): string[] {
  const removed = [...inProgress];
  for (const temp of removed) {
    rmSync(temp, { recursive: true, force: true });
    inProgress.delete(temp);
  }
  return removed;
}

/**
 * Removes our temporary directories in `parent` older than `minAgeMs` (a run killed mid-pack left them). The age
 * keeps a pack that another process is building right now out of harm's way.
 */
export async function removeStaleTempDirs(parent: string, now: Date, minAgeMs = 3_600_000): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => OURS.test(n))) {
    const path = join(parent, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory() || now.getTime() - info.mtimeMs < minAgeMs || inProgress.has(path)) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
