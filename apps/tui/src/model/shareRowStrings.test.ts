import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Row } from '../views/screen.js';
import { collectGarbage } from './collectGarbage.js';
import { shareRowStrings } from './shareRowStrings.js';

const arn = (i: number): string => `arn:aws:ec2:eu-west-1:310000000000:volume/vol-${String(i).padStart(17, '0')}`;
const rowOf = (i: number): Row => {
  const name = `ebs-volume-with-a-long-name-${i}`;
  const state = i % 2 ? 'PROTECTED' : 'SELECTED_NOT_PROTECTED';
  return {
    id: arn(i),
    cells: [name, 'EBS', `scale-account-${String(i % 200).padStart(4, '0')}`, 'eu-west-1', state],
    search: `${name}\u0000ebs\u0000protected`,
    sort: [name, 'ebs', `scale-account-${String(i % 200).padStart(4, '0')}`, 'eu-west-1', 3],
    fault: false,
    cellTones: { 4: i % 2 ? 'ok' : 'bad' },
    target: { kind: 'asset', arn: arn(i) },
  };
};

describe('shareRowStrings', () => {
  it('leaves rows as they were', () => {
    const rows = deserialize(serialize(Array.from({ length: 10 }, (_, i) => rowOf(i)))) as Row[];
    expect(shareRowStrings(rows)).toBe(rows);
    expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => rowOf(i)));
  });

  it('makes the copies a structured clone made one string again', () => {
    const rows = deserialize(serialize(Array.from({ length: 20_000 }, (_, i) => rowOf(i)))) as Row[];
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    shareRowStrings(rows);
    collectGarbage();
    // Per row a ~40-character sort key and a ~75-character ARN (~4.9 MB for 20,000 rows), and seven short values
    // and a tones object that repeat from row to row (~9 MB more).
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(10_000_000);
  });

  it('gives rows with the same cell tones one tones object, and keeps each row its own tones', () => {
    const rows = shareRowStrings(deserialize(serialize(Array.from({ length: 6 }, (_, i) => rowOf(i)))) as Row[]);
    expect(rows[0]?.cellTones).toBe(rows[2]?.cellTones);
    expect(rows[1]?.cellTones).toBe(rows[3]?.cellTones);
    expect(rows[0]?.cellTones).toEqual({ 4: 'bad' });
    expect(rows[1]?.cellTones).toEqual({ 4: 'ok' });
  });
});
