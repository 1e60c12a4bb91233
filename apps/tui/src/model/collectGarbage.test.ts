import { describe, expect, it } from 'vitest';
import { collectGarbage } from './collectGarbage.js';

describe('collectGarbage', () => {
  it('frees what is no longer referenced, at once', async () => {
    let big: number[] | undefined = Array.from({ length: 1_000_000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = undefined;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
