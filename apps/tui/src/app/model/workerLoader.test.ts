/**
 * The refresh worker as built (dist/, like the e2e tests): loads run on it and come back indexed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicy, evaluate } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { NOW, tinyEstate } from '../../testing/tinyEstate.js';
import { createWorkerLoader } from './workerLoader.js';

const WORKER = new URL('../../../dist/app/model/modelWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'vaultscope-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createWorkerLoader', () => {
  it('re-reads and evaluates a snapshot on the worker, and reports a bad one by its error name', async () => {
    const path = join(dir, 'estate.json');
    const estate = tinyEstate();
    writeFileSync(path, JSON.stringify(estate));
    const worker = createWorkerLoader(WORKER, { spec: { kind: 'snapshot', path } }, 'snapshot:estate.json');
    try {
      const first = await worker.load(NOW);
      expect(first.accounts).toHaveLength(3);
      expect(first.source).toBe('snapshot:estate.json');
      expect(first.posture.evaluatedAt).toBe(new Date(NOW).toISOString());
      writeFileSync(path, JSON.stringify({ ...estate, accounts: estate.accounts.slice(0, 2) }));
      expect((await worker.load(NOW + 1000)).accounts).toHaveLength(2);
      writeFileSync(path, '{ not json');
      await expect(worker.load(NOW + 2000)).rejects.toMatchObject({ name: 'InputError' });
    } finally {
      await worker.close();
    }
  }, 30_000);

  it('advances the demo from the same base as the preload, with the same posture', async () => {
    const t0 = NOW;
    const base = generateDemoEstate({ now: new Date(t0) });
    const expected = evaluate(base, defaultPolicy().policy, new Date(t0));
    const worker = createWorkerLoader(WORKER, { spec: { kind: 'demo' }, demoBaseAt: t0 }, 'demo');
    try {
      const later = await worker.load(t0 + 3_600_000);
      expect(later.posture.evaluatedAt).toBe(new Date(t0 + 3_600_000).toISOString());
      expect(later.posture.summary.byCoverage).toEqual(expected.summary.byCoverage);
      expect(later.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
      expect(later.jobs.some((j) => j.id.startsWith('demo-live-'))).toBe(true);
    } finally {
      await worker.close();
    }
  }, 30_000);
});
