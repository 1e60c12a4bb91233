/**
 * Screen geometry: how many lines the chrome takes, how tall the list is, and which columns fit how wide.
 * Pure, so the reducer (page size, scrolling) and the components agree on every number.
 */
import type { Column, ViewModel } from '../views/screen.js';

/** Lines that are not list rows: title, header, tabs, column titles, status line, key hints. */
export function chromeLines(view: ViewModel): number {
  return 1 + view.header.length + (view.tabs ? 1 : 0) + (view.kind === 'table' ? 1 : 0) + 2;
}

/** Rows the list can show. One terminal line stays free for Ink's trailing newline. */
export function listHeight(termRows: number, view: ViewModel): number {
  return Math.max(1, termRows - 1 - chromeLines(view));
}

/** A column as laid out: which view column, how wide. */
export interface PlacedColumn {
  index: number;
  width: number;
  align: 'left' | 'right';
  title: string;
}

/** Width of the cursor marker before the first column. */
export const MARKER_WIDTH = 2;

/**
 * Fits columns into `width`: drops the least important (lowest priority, rightmost first) until the rest fit,
 * then shares the spare width among the flexible ones.
 */
export function placeColumns(columns: readonly Column[], width: number): PlacedColumn[] {
  let kept = columns.map((c, index) => ({ c, index }));
  const need = (list: typeof kept): number => list.reduce((sum, { c }) => sum + c.width, 0) + Math.max(0, list.length - 1) + MARKER_WIDTH;
  while (kept.length > 1 && need(kept) > width) {
    let drop = -1;
    let lowest = Number.POSITIVE_INFINITY;
    kept.forEach(({ c }, i) => {
      const p = c.priority ?? 9;
      if (p <= lowest) {
        lowest = p;
        drop = i;
      }
    });
    if (lowest === 9) break;
    kept = kept.filter((_, i) => i !== drop);
  }
  const spare = Math.max(0, width - need(kept));
  const flex = kept.filter(({ c }) => c.flex).length;
  let left = spare;
  let flexSeen = 0;
  const placed = kept.map(({ c, index }) => {
    let w = c.width;
    if (c.flex && flex > 0) {
      flexSeen++;
      const share = flexSeen === flex ? left : Math.floor(spare / flex);
      w += share;
      left -= share;
    }
    return { index, width: w, align: c.align ?? 'left', title: c.title };
  });
  // When even the essential columns do not fit, the last one gives way.
  const over = need(kept) - width;
  const last = placed[placed.length - 1];
  if (over > 0 && last) last.width = Math.max(1, last.width - over);
  return placed;
}
