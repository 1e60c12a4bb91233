import { describe, expect, it } from 'vitest';
import { jsonChunks } from './jsonChunks.js';

const joined = (value: Record<string, unknown>): string => [...jsonChunks(value)].join('');

describe('jsonChunks', () => {
  it('joins to exactly what JSON.stringify writes', () => {
    const value = {
      format: 'x/v1',
      summary: { a: 1, b: [1, 2], c: null },
      assets: [{ arn: 'a', n: 1 }, { arn: 'b\u2028"', nested: [{}] }],
      empty: [],
      skipped: undefined,
      fn: () => 1,
      holes: [undefined, () => 2, 3],
      date: new Date(0),
      last: 'é',
    };
    expect(joined(value)).toBe(JSON.stringify(value));
  });

  it('writes an empty object and an object of undefined members as {}', () => {
    expect(joined({})).toBe('{}');
    expect(joined({ a: undefined })).toBe('{}');
  });
});
