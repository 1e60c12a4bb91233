import { describe, expect, it } from 'vitest';
import { ORG_COLUMNS } from '../views/org/orgRows.js';
import { MARKER_WIDTH, listHeight, placeColumns } from './layout.js';

const total = (cols: ReturnType<typeof placeColumns>): number => cols.reduce((s, c) => s + c.width, 0) + cols.length - 1 + MARKER_WIDTH;

describe('layout', () => {
  it('fits the organization table into 80 columns, keeping the essential ones', () => {
    const placed = placeColumns(ORG_COLUMNS, 80);
    expect(total(placed)).toBeLessThanOrEqual(80);
    expect(placed.map((c) => c.title)).toEqual(['ACCOUNT', 'ASSETS', 'COVER', 'UNPROT C/I', '24H OK/F/X', 'RESTORE', 'WORST FINDING']);
  });

  it('shows every column when wide, sharing spare width among flexible columns', () => {
    const placed = placeColumns(ORG_COLUMNS, 160);
    expect(placed).toHaveLength(ORG_COLUMNS.length);
    expect(total(placed)).toBe(160);
  });

  it('leaves room for the chrome', () => {
    const view = { kind: 'table' as const, title: '', header: [[], []], columns: [], rows: [], empty: '' };
    expect(listHeight(24, view)).toBe(24 - 1 - (1 + 2 + 1 + 2));
    expect(listHeight(3, view)).toBe(1);
  });
});
