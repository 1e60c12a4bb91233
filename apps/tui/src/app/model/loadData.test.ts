import { DEMO_TICK_MS, defaultPolicy, type loadSource } from '@vaultscope/sources';
import { InputError, type Estate } from '@vaultscope/core';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, tinyEstate } from '../../testing/tinyEstate.js';
import { createLoader } from './loadData.js';

const { policy } = defaultPolicy();

describe('createLoader', () => {
  it('observes the demo as of each instant, judged then, and reuses an observation within one demo tick', async () => {
    const asked: number[] = [];
    const load = createLoader({
      spec: { kind: 'demo' },
      policy,
      label: 'demo',
      loadSource: async (_spec, options) => {
        asked.push(options.now().getTime());
        return { ...tinyEstate(), capturedAt: options.now().toISOString() };
      },
    });
    const first = await load(NOW);
    expect(await load(NOW + DEMO_TICK_MS - 1)).toBe(first);
    const later = await load(NOW + 3 * DEMO_TICK_MS + 5);
    expect(asked).toEqual([NOW, NOW + 3 * DEMO_TICK_MS]);
    // Judged as of the instant observed: no timestamp of the estate is moved.
    expect(later.posture.evaluatedAt).toBe(new Date(NOW + 3 * DEMO_TICK_MS).toISOString());
    expect(later.jobs.map((j) => j.createdAt)).toEqual(first.jobs.map((j) => j.createdAt));
  });

  it('reports a missing snapshot as an InputError', async () => {
    const load = createLoader({ spec: { kind: 'snapshot', path: '/nonexistent/estate.json' }, policy, label: 'snapshot' });
    await expect(load(NOW)).rejects.toBeInstanceOf(InputError);
  });

  it('judges a snapshot as of its capture time, as the reporter does, and re-reads it only when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vs-snap-'));
    try {
      const path = join(dir, 'estate.json');
      const estate = tinyEstate();
      writeFileSync(path, JSON.stringify(estate));
      let reads = 0;
      const fake: typeof loadSource = async () => {
        reads++;
        return estate;
      };
      const load = createLoader({ spec: { kind: 'snapshot', path }, policy, label: 'snapshot', loadSource: fake });
      // Three days after capture: the posture is still the one of the capture time.
      const first = await load(NOW + 3 * 86_400_000);
      expect(first.posture.evaluatedAt).toBe(new Date(estate.capturedAt).toISOString());
      expect(first.now).toBe(Date.parse(estate.capturedAt));
      expect(await load(NOW + 3 * 86_400_000 + 30_000)).toBe(first);
      expect(reads).toBe(1);
      // A rewritten file is read again.
      writeFileSync(path, JSON.stringify({ ...estate, accounts: estate.accounts }));
      utimesSync(path, new Date(), new Date(Date.now() + 5000));
      const third = await load(NOW + 3 * 86_400_000 + 60_000);
      expect(reads).toBe(2);
      expect(third).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('polls AWS again from the oldest unfinished job, so a long-running job is seen to finish', async () => {
    const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
    const base = tinyEstate();
    const longRestore = base.jobs?.restore?.[0];
    // A restore started three days ago and still running; the newest job is an hour old.
    const started = NOW - 3 * 86_400_000;
    let finished = false;
    const estateAt = (now: number): Estate => ({
      ...base,
      capturedAt: iso(now),
      jobs: {
        ...base.jobs,
        restore: [
          ...(base.jobs?.restore ?? []).slice(1),
          { ...longRestore!, RestoreJobId: 'restore-long', CreationDate: iso(started), Status: finished ? 'COMPLETED' : 'RUNNING', ...(finished ? { CompletionDate: iso(now) } : {}) },
        ],
      },
    });
    const asked: (Date | undefined)[] = [];
    const fake: typeof loadSource = async (_spec, deps) => {
      const since = deps.aws?.since;
      asked.push(since);
      const full = estateAt(deps.now().getTime());
      const after = (j: { CreationDate: string }): boolean => !since || Date.parse(j.CreationDate) >= since.getTime();
      return { ...full, jobs: { backup: full.jobs?.backup?.filter(after), copy: full.jobs?.copy?.filter(after), restore: full.jobs?.restore?.filter(after) } };
    };
    const load = createLoader({ spec: { kind: 'aws' }, policy, label: 'aws', loadSource: fake });
    const first = await load(NOW);
    expect(first.jobByKey.get('restore:restore-long')?.state).toBe('RUNNING');
    finished = true;
    const second = await load(NOW + 60_000);
    expect(asked[0]).toBeUndefined();
    expect(asked[1]?.getTime()).toBeLessThanOrEqual(started);
    expect(second.jobByKey.get('restore:restore-long')?.state).toBe('COMPLETED');
    // Once nothing is unfinished, the poll goes back to an overlap before the newest job.
    await load(NOW + 120_000);
    expect(asked[2]?.getTime()).toBeGreaterThan(started);
  });
});
