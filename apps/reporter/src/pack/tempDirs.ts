/**
 * The temporary directories a pack is built in (`.NAME.<pid>@<host>.<hex>.tmp` beside the target). Those in progress
 * are tracked so a signal handler can remove them before the process exits; those a killed process left behind
 * (SIGKILL, a power cut) are recognised by name and removed by the next `pack` or `schedule` run: at once when the
 * process named in it is gone from this machine, after an hour otherwise (another machine's, or a name without an
 * owner, written by an older version).
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { constants as osConstants, hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

const inProgress = new Set<string>();
/**
 * `.2026-11.4242@1a2b3c4d.0123456789ab.tmp` (owner: process 4242 on the host whose name hashes to 1a2b3c4d) or the
 * older `.2026-11.0123456789ab.tmp`. Not the `.tmp.old` a --force replacement moves aside: if a run died between
 * its two renames, that is the only copy of the previous pack.
 */
const OURS = /^\..+?(?:\.(\d+)@([0-9a-f]{8}))?\.[0-9a-f]{12}\.tmp$/;

/** This machine, as the 8 hex digits temporary directory names carry. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** A fresh temporary directory path beside `target`, tracked until `release`. */
export function claimTempDir(target: string): string {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}@${HOST_TAG}.${randomBytes(6).toString('hex')}.tmp`);
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

/** Whether process `pid` of this machine has ended (a process we may not signal still runs). */
function hasEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes our temporary directories in `parent` that no running process is building: those whose owner process
 * on this machine has ended, and any older than `minAgeMs` (the age keeps another machine's pack in progress on a
 * shared folder out of harm's way).
 */
export async function removeStaleTempDirs(parent: string, now: Date, minAgeMs = 3_600_000): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = OURS.exec(name);
    if (!match) continue;
    const path = join(parent, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory() || inProgress.has(path)) continue;
    const [, pid, host] = match;
    const ownerGone = pid !== undefined && host === HOST_TAG && Number(pid) !== process.pid && hasEnded(Number(pid));
    if (!ownerGone && now.getTime() - info.mtimeMs < minAgeMs) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Until the returned function is called, SIGTERM and SIGINT remove the packs being built, tell `report`, and end the
 * process with 128 + the signal's number. A cycle or a pack cannot be cancelled half-way; its temporary files can.
 */
export function removeTempDirsOnSignal(report: (signal: NodeJS.Signals, removed: string[]) => void): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    const removed = removeTempDirsInProgress();
    report(signal, removed);
    process.exit(128 + (osConstants.signals[signal] ?? 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
