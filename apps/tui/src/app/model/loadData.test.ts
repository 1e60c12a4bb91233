import { defaultPolicy, InputError } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import { NOW, tinyEstate } from '../../testing/tinyEstate.js';
import { DEMO_JOB_EVERY_MS } from './advanceDemo.js';
import { createLoader } from './loadData.js';

const { policy } = defaultPolicy();

describe('createLoader', () => {
  it('generates the demo once, then advances it in time on each load', async () => {
    let generated = 0;
    const load = createLoader({
      spec: { kind: 'demo' },
      policy,
      label: 'demo',
      demo: () => {
        generated++;
        return tinyEstate();
      },
    });
    const first = await load(NOW);
    const later = await load(NOW + 3 * DEMO_JOB_EVERY_MS);
    expect(generated).toBe(1);
    expect(later.jobs.length).toBe(first.jobs.length + 3);
    expect(later.estate.capturedAt).toBe(new Date(NOW + 3 * DEMO_JOB_EVERY_MS).toISOString().replace('.000Z', 'Z'));
    expect(later.posture.evaluatedAt).toBe(new Date(NOW + 3 * DEMO_JOB_EVERY_MS).toISOString());
    expect(later.posture.summary.byCoverage).toEqual(first.posture.summary.byCoverage);
    expect(later.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
  });

  it('uses a preloaded demo for its first load', async () => {
    const estate = tinyEstate();
    const load = createLoader({
      spec: { kind: 'demo' },
      policy,
      label: 'demo',
      demo: () => {
        throw new Error('must not generate');
      },
      demoPreload: { now: NOW, preview: new Promise(() => undefined), result: Promise.resolve({ estate, posture: (await createLoader({ spec: { kind: 'demo' }, policy, label: 'x', demo: () => estate })(NOW)).posture }) },
    });
    expect((await load(NOW + 5000)).estate).toBe(estate);
    expect((await load(NOW + DEMO_JOB_EVERY_MS)).jobs.length).toBe(8);
  });

  it('reports a missing snapshot as an InputError', async () => {
    const load = createLoader({ spec: { kind: 'snapshot', path: '/nonexistent/estate.json' }, policy, label: 'snapshot', demo: () => tinyEstate() });
    await expect(load(NOW)).rejects.toBeInstanceOf(InputError);
  });
});
