/**
 * The source worker as built (dist/, like the e2e tests), through the UI thread's client: views come for the
 * screens shown, a rewritten snapshot arrives as a patch, an unchanged one is not sent again, and a bad file
 * fails the load with its error's name.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScaleEstate } from '@vaultscope/test-fixtures/scale';
import { tinyEstate } from '../testing/tinyEstate.js';
import { MAX_CACHED_ROWS } from './viewCache.js';
import type { RefreshState } from './refresher.js';
import { COLLECT_AFTER_ROWS, SourceModel } from './sourceClient.js';
import { SourceProcess } from './sourceProcess.js';
import type { ViewData } from './viewData.js';

const WORKER = new URL('../../dist/model/sourceWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'vaultscope-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fakes = 0;
/** A source process running `code` (CommonJS) instead of the source worker. */
function fakeSource(code: string): SourceProcess {
  const file = join(dir, `fake-source-${++fakes}.cjs`);
  writeFileSync(file, code);
  return new SourceProcess(pathToFileURL(file));
}

/** The next published state that satisfies `predicate`. */
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

describe('SourceModel with the source worker', () => {
  it('serves the shown screens, sends changes as patches, skips an unchanged file and names a bad one', async () => {
    const path = join(dir, 'estate.json');
    const estate = tinyEstate();
    writeFileSync(path, JSON.stringify(estate));
    const model = new SourceModel(WORKER, { spec: { kind: 'snapshot', path } }, 3_600_000);
    try {
      model.show([{ kind: 'org' }]);
      model.start();
      const first = await next(model, (s) => s.data?.view({ kind: 'org' }) !== undefined && !s.status.loading);
      const data = first.data as ViewData;
      expect(data.meta.capturedAt).toBe(estate.capturedAt);
      expect(data.meta.judgedAt).toBe(Date.parse(estate.capturedAt));
      const org = data.view({ kind: 'org' });
      expect(org?.rows.map((r) => r.cells[0])).toHaveLength(3);
      expect(data.view({ kind: 'list', list: 'jobs' })).toBeUndefined();

      // A screen pushed later is fetched from the data on hand.
      model.show([{ kind: 'org' }, { kind: 'list', list: 'jobs' }]);
      const withJobs = await next(model, (s) => s.data?.view({ kind: 'list', list: 'jobs' }) !== undefined);
      const jobs = withJobs.data?.view({ kind: 'list', list: 'jobs' });
      expect(jobs?.rows.length).toBeGreaterThan(3);
      expect(withJobs.data?.title({ kind: 'list', list: 'jobs' })).toBe('Jobs');

      // Unchanged file: the same data object comes back (nothing crossed threads).
      await model.refreshNow();
      expect(model.snapshot.data).toBe(withJobs.data);

      // One account fewer: the organization list is patched, unchanged rows keep their identity.
      writeFileSync(path, JSON.stringify({ ...estate, accounts: estate.accounts.slice(0, 2) }));
      utimesSync(path, new Date(), new Date(Date.now() + 10_000));
      await model.refreshNow();
      const after = model.snapshot.data?.view({ kind: 'org' });
      expect(after).not.toBe(org);
      const kept = after?.rows.filter((r) => org?.rows.includes(r)) ?? [];
      expect(kept.length).toBeGreaterThan(0);

      writeFileSync(path, '{ not json');
      utimesSync(path, new Date(), new Date(Date.now() + 20_000));
      await model.refreshNow();
      expect(model.snapshot.status.error).toMatch(/estate\.json/);
      expect(model.lastError?.name).toBe('InputError');
      // The last good data stays on screen.
      expect(model.snapshot.data?.view({ kind: 'org' })).toBe(after);
    } finally {
      await model.close();
    }
  }, 60_000);

  it('patches a list longer than views are kept for against the digests of the rows it sent', async () => {
    // Past MAX_CACHED_ROWS the worker lets the rows go once sent and remembers them by digest (sourceWorker.ts).
    const path = join(dir, 'long.json');
    const estate = generateScaleEstate({ accounts: 2, assets: MAX_CACHED_ROWS + 500, backupJobs: 200, seed: 5, now: new Date('2026-11-20T12:00:00Z') });
    writeFileSync(path, JSON.stringify(estate));
    const screen = { kind: 'list', list: 'assets' } as const;
    const model = new SourceModel(WORKER, { spec: { kind: 'snapshot', path } }, 3_600_000);
    try {
      model.show([{ kind: 'org' }, screen]);
      model.start();
      const first = await next(model, (s) => s.data?.view(screen) !== undefined && !s.status.loading);
      const before = first.data?.view(screen);
      expect(before?.rows.length).toBe(MAX_CACHED_ROWS + 500);

      // One asset renamed: only its row crosses; every other row is the UI's own object still.
      const region = estate.regions[0];
      const [asset, ...others] = region?.assets ?? [];
      if (!region || !asset) throw new Error('generated estate without assets');
      const renamed = { ...estate, regions: [{ ...region, assets: [{ ...asset, name: 'renamed-asset' }, ...others] }, ...estate.regions.slice(1)] };
      writeFileSync(path, JSON.stringify(renamed));
      utimesSync(path, new Date(), new Date(Date.now() + 10_000));
      await model.refreshNow();
      const after = model.snapshot.data?.view(screen);
      expect(after?.rows.length).toBe(before?.rows.length);
      const fresh = after?.rows.filter((r) => !before?.rows.includes(r)) ?? [];
      expect(fresh.map((r) => r.id)).toEqual([asset.arn]);
      expect(fresh[0]?.cells).toContain('renamed-asset');

      // Rewritten unchanged: nothing crosses, the view is kept as it is.
      utimesSync(path, new Date(), new Date(Date.now() + 20_000));
      await model.refreshNow();
      expect(model.snapshot.data?.view(screen)?.rows).toBe(after?.rows);
    } finally {
      await model.close();
    }
  }, 120_000);

  it('stops saying the posture is being evaluated when that load fails', async () => {
    // A worker that shows an inventory (the commit's `evaluating` line) and then fails the load, as the source
    // worker does when evaluation throws after the inventory was sent (sourceWorker.ts, `refresh`).
    const worker = fakeSource(
      `process.on('message', (m) => {
        if (m.type !== 'refresh') return;
        process.send({ type: 'commit', meta: { capturedAt: '2026-11-20T12:00:00.000Z', judgedAt: 0, evaluating: 'evaluating posture of 9 assets…' } });
        setTimeout(() => process.send({ type: 'failed', refresh: m.id, error: { name: 'RangeError', message: 'Invalid array length' } }), 50);
      });`,
    );
    const model = new SourceModel(worker, { spec: { kind: 'snapshot', path: join(dir, 'unused.json') } }, 3_600_000);
    try {
      model.show([{ kind: 'org' }]);
      model.start();
      const evaluating = await next(model, (s) => s.data?.meta.evaluating !== undefined);
      expect(evaluating.data?.meta.evaluating).toBe('evaluating posture of 9 assets…');
      const failed = await next(model, (s) => s.status.error !== undefined);
      expect(failed.status.error).toMatch(/Invalid array length/);
      expect(failed.data?.meta.evaluating).toBeUndefined();
      // What was known stays: the inventory's capture time.
      expect(failed.data?.meta.capturedAt).toBe('2026-11-20T12:00:00.000Z');
      expect(model.snapshot.data?.meta.evaluating).toBeUndefined();
    } finally {
      await model.close();
    }
  }, 60_000);

  it('collects the UI heap once after a long list arrives whole, not after patches or short lists', async () => {
    // A worker that answers its 1st refresh with a long list sent whole, its 2nd with "the same rows" and its
    // 3rd with a short list sent whole.
    const worker = fakeSource(
      `const key = ${JSON.stringify(JSON.stringify({ kind: 'list', list: 'assets' }))};
      const head = { kind: 'table', title: 'Assets', header: [], columns: [{ title: 'NAME', width: 10 }], empty: 'none' };
      const rows = (n) => Array.from({ length: n }, (_, i) => ({ id: 'r' + i, cells: ['a' + i], search: 'a' + i, sort: ['a' + i], fault: false }));
      let count = 0;
      process.on('message', (m) => {
        if (m.type !== 'refresh') return;
        count++;
        const view = count === 2
          ? { type: 'view', key, crumb: 'Assets', head, reset: false, same: true, rows: [], done: true }
          : { type: 'view', key, crumb: 'Assets', head, reset: true, rows: rows(count === 1 ? ${COLLECT_AFTER_ROWS} : 10), done: true };
        process.send(view);
        process.send({ type: 'commit', meta: { capturedAt: '2026-11-20T12:00:00.000Z', judgedAt: 0 }, refresh: m.id });
      });`,
    );
    const screen = { kind: 'list', list: 'assets' } as const;
    const collected: number[] = [];
    const model = new SourceModel(worker, { spec: { kind: 'snapshot', path: join(dir, 'unused.json') } }, 3_600_000, () => {
      collected.push(model.snapshot.data?.view(screen)?.rows.length ?? -1);
    });
    try {
      model.show([screen]);
      model.start();
      const first = await next(model, (s) => s.data?.view(screen) !== undefined && !s.status.loading);
      expect(first.data?.view(screen)?.rows).toHaveLength(COLLECT_AFTER_ROWS);
      // Once, at the commit, with the long list already in the data it commits.
      expect(collected).toEqual([COLLECT_AFTER_ROWS]);
      await model.refreshNow();
      expect(model.snapshot.data?.view(screen)?.rows).toHaveLength(COLLECT_AFTER_ROWS);
      await model.refreshNow();
      expect(model.snapshot.data?.view(screen)?.rows).toHaveLength(10);
      expect(collected).toEqual([COLLECT_AFTER_ROWS]);
    } finally {
      await model.close();
    }
  }, 60_000);
});
