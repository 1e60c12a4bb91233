import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ThemeProvider } from '../theme/ThemeProvider.js';
import { makeTheme } from '../theme/theme.js';
import type { PlacedColumn } from '../views/layout.js';
import type { Row } from '../views/screen.js';
import { columnTitles, Table } from './Table.js';

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

/** Rows `from`..`to` of a list of `count`, the odd ones toned (so reused lines must change tone too). */
function rowsOf(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    cells: [`row-${i}`, String(i * 7), i % 3 ? 'ok' : 'SELECTED_NOT_PROTECTED'],
    search: '',
    sort: [],
    fault: false,
    ...(i % 2 ? { tone: 'bad' as const } : {}),
  }));
}

const PLACED: PlacedColumn[] = [
  { index: 0, width: 10, align: 'left', title: 'NAME' },
  { index: 1, width: 6, align: 'right', title: 'N' },
  { index: 2, width: 22, align: 'left', title: 'STATE' },
];

function table(rows: readonly Row[], offset: number, cursor: number, height: number): ReactElement {
  const slice = rows.slice(offset, offset + height);
  return (
    <ThemeProvider theme={makeTheme({})}>
      <Table columns={PLACED} rows={slice} first={offset} cursor={cursor - offset} height={height} width={50} empty="none" />
    </ThemeProvider>
  );
}

describe('Table', () => {
  it('draws the same frame when its lines are reused while scrolling as when drawn afresh', () => {
    const rows = rowsOf(40);
    const height = 6;
    // Down a line at a time, up again, a page down, a jump to the end, then a shorter list.
    const steps: [number, number][] = [];
    for (let c = 0; c < 12; c++) steps.push([Math.max(0, c - height + 1), c]);
    for (let c = 10; c >= 0; c--) steps.push([Math.min(c, 6), c]);
    steps.push([6, 11], [12, 17], [34, 39], [33, 33]);
    const live = render(table(rows, 0, 0, height));
    for (const [offset, cursor] of steps) {
      live.rerender(table(rows, offset, cursor, height));
      const fresh = render(table(rows, offset, cursor, height));
      expect(live.lastFrame()).toBe(fresh.lastFrame());
      expect(live.lastFrame()).toContain(`› row-${cursor} `);
      fresh.unmount();
    }
    const short = rows.slice(0, 3);
    live.rerender(table(short, 0, 2, height));
    const fresh = render(table(short, 0, 2, height));
    expect(live.lastFrame()).toBe(fresh.lastFrame());
    expect(live.lastFrame()?.split('\n').filter((l) => l.includes('row-'))).toHaveLength(3);
    fresh.unmount();
    live.unmount();
  });
});
