import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Row } from '../views/screen.js';
import { collectGarbage } from './collectGarbage.js';
import { shareRowStrings } from './shareRowStrings.js';

const arn = (i: number): string => `arn:aws:ec2:eu-west-1:310000000000:volume/vol-${String(i).padStart(17, '0')}`;
const rowOf = (i: number): Row => {
  const name = `ebs-volume-with-a-long-name-${i}`;
  return { id: arn(i), cells: [name, 'EBS', 'PROTECTED'], search: `${name}\u0000ebs\u0000protected`, sort: [name, 'ebs', 3], fault: false, target: { kind: 'asset', arn: arn(i) } };
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
    // Per row a ~40-character sort key and a ~75-character ARN: well over 2 MB for 20,000 rows.
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(2_000_000);
  });
});
