import { describe, expect, it } from 'vitest';
import { ORG_COLUMNS } from './org/orgRows.js';
import type { Segment } from './screen.js';
import { MARKER_WIDTH, listHeight, placeColumns, wrapHeader } from './layout.js';

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
    expect(listHeight(24, view, 80)).toBe(24 - 1 - (1 + 2 + 1 + 2));
    expect(listHeight(3, view, 80)).toBe(1);
  });

  it('wraps a header line before its · segments when narrow, dropping the separator that starts a line', () => {
    const line: Segment[] = [{ text: '37 accounts' }, { text: ' · 1200 assets' }, { text: ' · unprotected ' }, { text: '15 critical', tone: 'bad' }, { text: ' ' }, { text: '7 important', tone: 'bad' }];
    const text = (lines: readonly (readonly Segment[])[]): string[] => lines.map((l) => l.map((s) => s.text).join(''));
    expect(text(wrapHeader([line], 200))).toEqual(['37 accounts · 1200 assets · unprotected 15 critical 7 important']);
    expect(text(wrapHeader([line], 30))).toEqual(['37 accounts · 1200 assets', 'unprotected 15 critical 7 important']);
    expect(wrapHeader([line], 30)[1]?.[1]).toEqual({ text: '15 critical', tone: 'bad' });
    const view = { kind: 'table' as const, title: '', header: [line], columns: [], rows: [], empty: '' };
    expect(listHeight(24, view, 30)).toBe(listHeight(24, view, 200) - 1);
  });
});
