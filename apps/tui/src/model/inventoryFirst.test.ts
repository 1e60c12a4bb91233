/**
 * The first load of a large snapshot through the real source worker (dist/) and its client: the Organization
 * screen of the inventory comes first, its posture figures marked and a line saying what is evaluated, then the
 * judged screen replaces it. A small snapshot, and a large one opened again on its kept views, go straight to judged
 * screens (no unevaluated flash).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScaleEstate } from '@vaultscope/test-fixtures/scale';
import { tinyEstate } from '../testing/tinyEstate.js';
import { EVALUATING } from '../views/org/orgRows.js';
import type { Estate } from '@vaultscope/core';
import { SourceModel } from './sourceClient.js';
import type { ViewData } from './viewData.js';

const WORKER = new URL('../../dist/model/sourceWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'vaultscope-inventory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** COVER, UNPROT C/I and WORST FINDING: what the posture decides. */
const POSTURE_COLUMNS = [4, 5, 8];

/** Every data the client publishes for the first load of `estate`, up to the judged one. */
async function firstLoad(estate: Estate | undefined, name: string, cacheDir?: string): Promise<ViewData[]> {
  const path = join(dir, name);
  if (estate) writeFileSync(path, JSON.stringify(estate));
  const model = new SourceModel(WORKER, { spec: { kind: 'snapshot', path }, ...(cacheDir ? { cacheDir } : {}) }, 3_600_000);
  const published: ViewData[] = [];
  try {
    model.show([{ kind: 'org' }, { kind: 'list', list: 'assets' }]);
    await new Promise<void>((resolve, reject) => {
      model.subscribe((s) => {
        if (s.data && published.at(-1) !== s.data) published.push(s.data);
        if (s.status.error) reject(new Error(s.status.error));
        if (!s.status.loading && s.status.lastSuccessAt !== undefined) resolve();
      });
      model.start();
    });
    // The judged views are kept once the UI has them (viewCache.ts): wait for them before the worker is ended.
    while (cacheDir && estate && !(existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.startsWith('views-')))) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await model.close();
  }
  return published;
}

const neverUnevaluated = (published: readonly ViewData[]): void => {
  expect(published.length).toBeGreaterThan(0);
  for (const data of published) {
    expect(data.meta.evaluating).toBeUndefined();
    for (const row of data.view({ kind: 'org' })?.rows ?? []) expect(row.cells).not.toContain(EVALUATING);
  }
};

describe('the first load of a large snapshot (inventory first)', () => {
  const estate = generateScaleEstate({ accounts: 4, assets: 5_000, backupJobs: 2_000, seed: 3, now: new Date('2026-11-20T12:00:00Z') });
  const cacheDir = join(dir, 'state');

  it('shows the accounts while the jobs are read, then while the posture is evaluated, figures marked, then the judged screen', async () => {
    const published = await firstLoad(estate, 'large.json', cacheDir);
    // While the jobs (most of the file) are read: accounts and assets, the job figures marked as well.
    const reading = published[0];
    expect(reading?.meta.evaluating).toBe('reading jobs, then evaluating posture of 5,000 assets…');
    const early = reading?.view({ kind: 'org' });
    expect(early?.rows.map((r) => r.cells[1]).sort()).toEqual(estate.accounts.map((a) => a.Id).sort());
    for (const row of early?.rows ?? []) for (const col of [...POSTURE_COLUMNS, 6, 7]) expect(row.cells[col]).toBe(EVALUATING);

    const first = published.find((d) => d.meta.evaluating === 'evaluating posture of 5,000 assets…');
    expect(first).toBeDefined();
    expect(published.indexOf(first as ViewData)).toBeGreaterThan(0);
    const before = first?.view({ kind: 'org' });
    for (const row of before?.rows ?? []) for (const col of [6, 7]) expect(row.cells[col]).not.toBe(EVALUATING);
    for (const row of early?.rows ?? []) expect(row.cells[3]).toBe(before?.rows.find((r) => r.id === row.id)?.cells[3]);
    expect(before?.rows.map((r) => r.cells[1]).sort()).toEqual(estate.accounts.map((a) => a.Id).sort());
    for (const row of before?.rows ?? []) for (const col of POSTURE_COLUMNS) expect(row.cells[col]).toBe(EVALUATING);
    // A screen that needs the posture is not sent before it.
    expect(first?.view({ kind: 'list', list: 'assets' })).toBeUndefined();

    const judged = published.at(-1);
    expect(judged?.meta.evaluating).toBeUndefined();
    const after = judged?.view({ kind: 'org' });
    expect(after?.rows).toHaveLength(before?.rows.length ?? -1);
    for (const row of after?.rows ?? []) for (const col of POSTURE_COLUMNS) expect(row.cells[col]).not.toBe(EVALUATING);
    // What was known before is what the judged screen says.
    const assetsBefore = new Map(before?.rows.map((r) => [r.id, r.cells[3]]));
    for (const row of after?.rows ?? []) expect(row.cells[3]).toBe(assetsBefore.get(row.id));
    expect(judged?.view({ kind: 'list', list: 'assets' })?.rows).toHaveLength(5_000);
  }, 120_000);

  it('shows the same file opened again on its kept views, never unevaluated', async () => {
    const published = await firstLoad(undefined, 'large.json', cacheDir);
    neverUnevaluated(published);
    expect(published[0]?.view({ kind: 'org' })?.rows).toHaveLength(4);
  }, 120_000);

  it('shows a small snapshot judged at once, never unevaluated', async () => {
    neverUnevaluated(await firstLoad(tinyEstate(), 'small.json'));
  }, 60_000);
});
