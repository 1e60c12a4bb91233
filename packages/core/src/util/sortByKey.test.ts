import { describe, expect, it } from 'vitest';
import { sortedByKeyDescending } from './sortByKey.js';

describe('sortedByKeyDescending', () => {
  it('orders by the key, greatest first, keeping the order of equal keys', () => {
    const items = [
      { id: 'a', at: '2026-10-01' },
      { id: 'b', at: '2026-10-03' },
      { id: 'c', at: '2026-10-01' },
      { id: 'd', at: '2026-10-02' },
    ];
    expect(sortedByKeyDescending(items, (i) => i.at).map((i) => i.id)).toEqual(['b', 'd', 'a', 'c']);
    // A new list: the input is left as it was.
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('compares keys by code unit, as timestamps in ISO form need', () => {
    expect(sortedByKeyDescending(['Z', 'a', 'B'], (s) => s)).toEqual(['a', 'Z', 'B']);
    expect(sortedByKeyDescending([], (s: string) => s)).toEqual([]);
  });
});
