/**
 * A snapshot's first screen kept between runs (the source worker as built): a second start on the same file shows
 * the kept views before the file is evaluated again, the evaluation then replaces them, and a changed file or
 * policy is never answered from the cache.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tinyEstate } from '../testing/tinyEstate.js';
import type { RefreshState } from './refresher.js';
import { SourceModel } from './sourceClient.js';
import type { ViewData } from './viewData.js';

const WORKER = new URL('../../dist/model/sourceWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'vaultscope-view-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function next(model: SourceModel, predicate: (s: RefreshState<ViewData>) => boolean): Promise<RefreshState<ViewData>> {
  return new Promise((resolve) => {
    if (predicate(model.snapshot)) return resolve(model.snapshot);
    const off = model.subscribe((s) => {
      if (predicate(s)) {
        off();
        resolve(s);
      }
    });
  });
}

const firstCells = (s: RefreshState<ViewData>): string[] => s.data?.view({ kind: 'org' })?.rows.map((r) => r.cells[0] ?? '') ?? [];

/** Starts a model on the file; resolves with the first state that has the org view, and the model. */
async function open(path: string, cacheDir: string): Promise<{ model: SourceModel; first: RefreshState<ViewData> }> {
  const model = new SourceModel(WORKER, { spec: { kind: 'snapshot', path }, cacheDir }, 3_600_000);
  model.show([{ kind: 'org' }]);
  model.start();
  const first = await next(model, (s) => s.data?.view({ kind: 'org' }) !== undefined);
  return { model, first };
}

async function waitForFile(folder: string): Promise<string> {
  for (;;) {
    const file = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).find((f) => f.name.startsWith('views-')) : undefined;
    if (file) return join(folder, file.name);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('view cache of a snapshot', () => {
  it('shows the kept first screen at once, then the evaluated one; a changed file is evaluated first', async () => {
    const path = join(dir, 'estate.json');
    writeFileSync(path, JSON.stringify(tinyEstate()));
    const cacheDir = join(dir, 'state');

    const run1 = await open(path, cacheDir);
    const evaluated = firstCells(await next(run1.model, (s) => !s.status.loading && firstCells(s).length > 0));
    const cacheFile = await waitForFile(cacheDir);
    await run1.model.close();
    expect(evaluated).toContain('payments-prod');

    // Mark the kept view, so a view served from it can be told from an evaluated one.
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { views: { view: { rows: { cells: string[] }[] } }[] };
    const row = kept.views[0]?.view.rows[0];
    if (!row) throw new Error('nothing kept');
    row.cells[0] = 'FROM-THE-CACHE';
    writeFileSync(cacheFile, JSON.stringify(kept));

    const run2 = await open(path, cacheDir);
    try {
      // The first screen came before the evaluation ended, from the kept views.
      expect(run2.first.status.loading).toBe(true);
      expect(firstCells(run2.first)).toContain('FROM-THE-CACHE');
      // The evaluation then replaces it with what the file says.
      const done = await next(run2.model, (s) => !s.status.loading && s.status.lastSuccessAt !== undefined);
      expect(firstCells(done)).toEqual(evaluated);
    } finally {
      await run2.model.close();
    }

    // Same views again, but the file was touched: its identity changed, so nothing comes from the cache.
    writeFileSync(cacheFile, JSON.stringify(kept));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const run3 = await open(path, cacheDir);
    try {
      expect(firstCells(run3.first)).not.toContain('FROM-THE-CACHE');
      expect(run3.first.status.loading).toBe(false);
    } finally {
      await run3.model.close();
    }
  }, 120_000);
});
