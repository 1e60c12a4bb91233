import { describe, expect, it } from 'vitest';
import type { PlacedColumn } from '../views/layout.js';
import { columnTitles } from './Table.js';

const COLUMNS: PlacedColumn[] = [
  { index: 0, width: 8, align: 'left', title: 'ACCOUNT' },
  { index: 1, width: 10, align: 'right', title: 'UNPROT C/I' },
  { index: 2, width: 6, align: 'right', title: 'ASSETS' },
  { index: 3, width: 5, align: 'left', title: 'WORST' },
];

describe('columnTitles', () => {
  it('lays out titles without a mark when unsorted', () => {
    expect(columnTitles(COLUMNS)).toBe('ACCOUNT  UNPROT C/I ASSETS WORST');
  });

  it('puts the sort arrow in spare room or in the gap, never cutting the title', () => {
    expect(columnTitles(COLUMNS, { col: 0, desc: false })).toBe('ACCOUNT↑ UNPROT C/I ASSETS WORST');
    expect(columnTitles(COLUMNS, { col: 1, desc: true })).toBe('ACCOUNT  UNPROT C/I↓ASSETS WORST');
    expect(columnTitles(COLUMNS, { col: 2, desc: false })).toBe('ACCOUNT  UNPROT C/I ASSETS↑WORST');
    const right = [{ index: 0, width: 8, align: 'right' as const, title: 'COVER' }];
    expect(columnTitles(right, { col: 0, desc: false })).toBe('  ↑COVER');
    for (const sort of [0, 1, 2].map((col) => ({ col, desc: false }))) {
      expect(columnTitles(COLUMNS, sort)).toHaveLength(columnTitles(COLUMNS).length);
    }
  });
});
