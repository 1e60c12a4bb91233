/**
 * Columns sized by their content: a fixed-width column of a table is widened to its longest cell (up to a cap),
 * so that a value like `SELECTED_NOT_PROTECTED` is never cut while a flexible column such as NAME has room to
 * give. The flexible columns then share what is left (layout.placeColumns); columns that do not fit at all still
 * give way by priority. Done once per view (on the source worker), not per frame.
 */
import { displayWidth } from '../text/width.js';
import type { Column, ViewModel } from './screen.js';

/** The widest a fixed column grows to fit its content. */
export const MAX_FITTED_WIDTH = 32;

/** `view` with its fixed columns widened to their content. */
export function fitColumns(view: ViewModel): ViewModel {
  if (view.kind !== 'table' || view.rows.length === 0) return view;
  const widest = view.columns.map((c) => (c.flex ? 0 : c.width));
  const fixed = view.columns.flatMap((c, i) => (c.flex ? [] : [i]));
  for (const row of view.rows) {
    for (const i of fixed) {
      const cell = row.cells[i] ?? '';
      // A character is at most two columns wide: measure only cells that could widen the column.
      if (cell.length * 2 > (widest[i] as number)) widest[i] = Math.max(widest[i] as number, Math.min(MAX_FITTED_WIDTH, displayWidth(cell)));
    }
  }
  let changed = false;
  const columns: Column[] = view.columns.map((c, i) => {
    const width = Math.max(c.width, displayWidth(c.title), widest[i] as number);
    if (c.flex || width === c.width) return c;
    changed = true;
    return { ...c, width };
  });
  return changed ? { ...view, columns } : view;
}
