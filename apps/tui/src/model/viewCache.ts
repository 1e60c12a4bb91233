/**
 * The first screen of a snapshot, kept from the last run: a snapshot is judged as of its capture time, so the same
 * file under the same policy and the same code gives the same views — the ones the last run built can be shown
 * at once while the worker reads and evaluates the file again (seconds at 100,000 assets). Kept under the state
 * directory, one file per snapshot path, and used only when the file, the policy and the code are exactly those
 * the views were built from; otherwise ignored (and rewritten after the next evaluation).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../io/writeAtomic.js';
import type { ViewModel } from '../views/screen.js';
import type { DataMeta } from './viewData.js';

const FORMAT = 'vaultscope.tui-view-cache/v1';
/** Views with more rows than this are not kept: the first screens are small, a 100,000-row list is not. */
export const MAX_CACHED_ROWS = 5_000;

/** One kept view: its screen key, breadcrumb name and view model. */
export interface CachedView {
  key: string;
  crumb: string;
  view: ViewModel;
}

interface CacheFile {
  format: string;
  identity: string;
  meta: DataMeta;
  views: CachedView[];
}

async function stampOf(path: string): Promise<string> {
  const s = await stat(path, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** The code that evaluates and projects: core's and this app's built files, as the file system dates them. */
async function codeStamp(): Promise<string> {
  const core = createRequire(import.meta.url).resolve('@vaultscope/core');
  return `${await stampOf(core)}|${await stampOf(fileURLToPath(import.meta.url))}`;
}

/** What the views of a snapshot depend on; undefined when the file cannot be read (then nothing is cached). */
export async function snapshotIdentity(path: string, policyHash: string): Promise<string | undefined> {
  try {
    return `${resolve(path)}|${await stampOf(path)}|${policyHash}|${await codeStamp()}`;
  } catch {
    return undefined;
  }
}

const cacheFile = (dir: string, path: string): string => join(dir, `views-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)}.json`);

/** The kept views of a snapshot, when they were built from exactly this identity. */
export async function readViewCache(dir: string, path: string, identity: string): Promise<{ meta: DataMeta; views: Map<string, CachedView> } | undefined> {
  try {
    const file = JSON.parse(await readFile(cacheFile(dir, path), 'utf8')) as CacheFile;
    if (file.format !== FORMAT || file.identity !== identity) return undefined;
    return { meta: file.meta, views: new Map(file.views.map((v) => [v.key, v])) };
  } catch {
    return undefined;
  }
}

/** Keeps the small views of a snapshot for the next start (errors ignored: the cache only saves time). */
export async function writeViewCache(dir: string, path: string, identity: string, meta: DataMeta, views: readonly CachedView[]): Promise<void> {
  const kept = views.filter((v) => v.view.rows.length <= MAX_CACHED_ROWS);
  if (!kept.length) return;
  const file: CacheFile = { format: FORMAT, identity, meta, views: kept };
  try {
    await writeAtomic(cacheFile(dir, path), JSON.stringify(file));
  } catch {
    // A read-only or full state directory costs the next start its head start, nothing else.
  }
}
