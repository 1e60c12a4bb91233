import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/renderApp.js';
import { tinyOrgData } from '../testing/tinyEstate.js';
import { fitColumns, MAX_FITTED_WIDTH } from './fitColumns.js';
import { placeColumns } from './layout.js';
import type { Row, ViewModel } from './screen.js';

const row = (id: string, cells: string[]): Row => ({ id, cells, search: cells.join(' ').toLowerCase(), sort: cells, fault: false });

describe('columns sized by content', () => {
  it('widens a fixed column to its longest value, so NAME gives way rather than the state', () => {
    const view: ViewModel = {
      kind: 'table',
      title: 't',
      header: [],
      columns: [
        { title: 'NAME', width: 18, flex: true },
        { title: 'COVERAGE', width: 14 },
        { title: 'NOTE', width: 6 },
      ],
      rows: [row('a', ['orders', 'SELECTED_NOT_PROTECTED', 'x'.repeat(80)]), row('b', ['customers-with-a-long-name', 'PROTECTED', 'ok'])],
      empty: '',
    };
    const fitted = fitColumns(view);
    expect(fitted.columns.map((c) => c.width)).toEqual([18, 'SELECTED_NOT_PROTECTED'.length, MAX_FITTED_WIDTH]);
    const placed = placeColumns(fitted.columns, 100);
    expect(placed[1]?.width).toBe(22);
    // NAME keeps what is left.
    expect(placed[0]?.width).toBe(100 - 2 - 22 - 32 - 2);
    expect(fitColumns({ ...view, rows: [row('c', ['a', 'b', 'c'])] })).toEqual({ ...view, rows: [row('c', ['a', 'b', 'c'])] });
  });

  it("shows every coverage state whole on :assets at the terminal's width", async () => {
    const data = tinyOrgData();
    const app = renderApp({ data, screen: { kind: 'list', list: 'assets' } });
    await app.waitFor((f) => f.includes('COVERAGE'));
    const frame = await app.waitFor((f) => f.includes('orders'));
    const states = new Set(data.assets.map((a) => a.coverage.state));
    for (const state of states) if (frame.includes(state.slice(0, 10))) expect(frame).toContain(state);
    expect(frame).not.toMatch(/[A-Z_]{10,}…/);
  });
});
