import { describe, expect, it } from 'vitest';
import type { Row } from '../views/screen.js';
import { applyPatch, diffRows, digestRows, sameData, sentRows } from './viewPatch.js';

const row = (id: string, text = id): Row => ({ id, cells: [text], search: text, sort: [text], fault: false });

describe('view patches', () => {
  it('sends only new and changed rows, and rebuilds the list from the rows the receiver has', () => {
    const before = [row('a'), row('b'), row('c'), row('d')];
    const after = [row('new'), row('a'), row('c', 'c changed'), row('d')];
    const { patch } = diffRows(sentRows(before), after);
    expect(patch.same).toBe(false);
    expect(patch.changed.map((r) => r.id)).toEqual(['new', 'c']);
    expect([...patch.order]).toEqual([-1, 0, -2, 3]);
    const rebuilt = applyPatch(before, patch.order, patch.changed);
    expect(rebuilt).toEqual(after);
    // Unchanged rows are the receiver's own objects: memoized drawing and filtering stay valid.
    expect(rebuilt[1]).toBe(before[0]);
  });

  it('says when nothing moved or changed', () => {
    const rows = [row('a'), row('b')];
    const { patch, sent } = diffRows(sentRows(rows), [row('a'), row('b')]);
    expect(patch.same).toBe(true);
    expect(patch.changed).toEqual([]);
    expect(diffRows(sent, [row('b'), row('a')]).patch.same).toBe(false);
  });

  it('tells a changed row by any part of its content, as its JSON would', () => {
    const base: Row = { id: 'a', cells: ['x', 'y'], search: 'x y', sort: ['x', 2], fault: false, cellTones: { 1: 'bad' }, target: { kind: 'asset', arn: 'arn:1' } };
    const variants: Row[] = [
      { ...base, cells: ['x', 'z'] },
      { ...base, cells: ['x'] },
      { ...base, sort: ['x', 3] },
      { ...base, sort: ['x', '2'] },
      { ...base, fault: true },
      { ...base, tone: 'warn' },
      { ...base, cellTones: { 1: 'ok' } },
      { ...base, cellTones: { 0: 'bad' } },
      { ...base, target: { kind: 'asset', arn: 'arn:2' } },
      { ...base, copy: 'aws backup start-backup-job' },
    ];
    for (const changed of variants) {
      expect(sameData(base, changed), JSON.stringify(changed)).toBe(false);
      expect(sameData(changed, base), JSON.stringify(changed)).toBe(false);
      const { patch } = diffRows(sentRows([base]), [changed]);
      expect(patch.changed).toEqual([changed]);
    }
    // A copy, and a property that is there but undefined, are the same row (its JSON is the same).
    expect(sameData(base, structuredClone(base))).toBe(true);
    expect(sameData(base, { ...base, tone: undefined })).toBe(true);
    expect(sameData({ ...base, tone: undefined }, base)).toBe(true);
    expect(diffRows(sentRows([base]), [{ ...base, tone: undefined }]).patch.same).toBe(true);
  });

  it('diffs the same against digests of the rows sent as against the rows', () => {
    const before = [row('a'), row('b'), row('c'), row('d')];
    const after = [row('new'), row('a'), row('c', 'c changed'), row('d')];
    const remembered = digestRows(sentRows(before));
    expect(remembered.rows).toBeUndefined();
    expect(diffRows(remembered, after).patch).toEqual(diffRows(sentRows(before), after).patch);
    expect(diffRows(digestRows(sentRows(before)), before.map((r) => ({ ...r }))).patch.same).toBe(true);
    expect(diffRows(digestRows(sentRows(before)), before.slice(0, 3)).patch.same).toBe(false);
  });

  it('remembers the new rows by digest when asked, so they can be let go, and diffs against them alike', () => {
    const before = [row('a'), row('b'), row('c'), row('d')];
    const after = [row('new'), row('a'), row('c', 'c changed'), row('d')];
    for (const prev of [sentRows(before), digestRows(sentRows(before))]) {
      const { patch, sent } = diffRows(prev, after, { digests: true });
      expect(patch).toEqual(diffRows(sentRows(before), after).patch);
      expect(sent.rows).toBeUndefined();
      expect(sent.digests).toEqual(digestRows(sentRows(after)).digests);
      // The next refresh: unchanged copies are the same, a changed row is sent.
      expect(diffRows(sent, after.map((r) => ({ ...r }))).patch.same).toBe(true);
      const again = diffRows(sent, [row('new'), row('a'), row('c'), row('d')]).patch;
      expect(again.changed.map((r) => r.cells[0])).toEqual(['c']);
    }
  });

  it('refuses a patch that refers to rows the receiver does not have', () => {
    expect(() => applyPatch([row('a')], Int32Array.from([0, 5]), [])).toThrow(/row 5/);
  });
});
