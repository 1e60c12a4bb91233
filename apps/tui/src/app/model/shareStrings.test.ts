import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../model/collectGarbage.js';
import { shareStrings } from './shareStrings.js';

/** A string equal to `s` but made at run time, as JSON.parse makes each value (literals are interned). */
const fresh = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

describe('shareStrings', () => {
  it('leaves the value as it was (equal, same shape) and returns the same object', () => {
    const estate = JSON.parse(
      JSON.stringify({
        format: 'vaultscope.estate/v1',
        jobs: { backup: Array.from({ length: 50 }, (_, i) => ({ BackupJobId: `id-${i}`, State: i % 3 ? 'COMPLETED' : 'FAILED', CreatedBy: { BackupPlanId: 'p', Rules: ['a', 'b', i] }, Size: i, Ok: true, None: null })) },
      }),
    ) as object;
    const before = structuredClone(estate);
    expect(shareStrings(estate)).toBe(estate);
    expect(estate).toEqual(before);
  });

  it('shares repeated values of a property, and gives up on properties whose values do not repeat', () => {
    // The identity of a string cannot be seen from JavaScript: the sharing is checked by its effect on the heap.
    const jobs = Array.from({ length: 20_000 }, (_, i) => ({ id: fresh(`job-${i}-${'x'.repeat(40)}`), state: fresh(`COMPLETED-${'y'.repeat(200)}`) }));
    const used = (): number => process.memoryUsage().heapUsed;
    const gc = collectGarbage;
    gc();
    const before = used();
    shareStrings({ jobs });
    gc();
    // 20,000 copies of a 210-character value become one: several MB freed.
    expect(before - used()).toBeGreaterThan(3_000_000);
    expect(jobs[19_999]).toEqual({ id: `job-19999-${'x'.repeat(40)}`, state: `COMPLETED-${'y'.repeat(200)}` });
  });
});
