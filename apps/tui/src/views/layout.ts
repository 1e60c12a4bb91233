/**
 * Screen geometry: how many lines the chrome takes, how tall the list is, and which columns fit how wide.
 * Pure, so the reducer (page size, scrolling) and the components agree on every number.
 */
import { displayWidth } from '../text/width.js';
import { memoByWidth } from './memoByWidth.js';
import type { Column, Segment, ViewModel } from './screen.js';

/** A header segment that starts with this may begin a new line (the separator is then dropped). */
const BREAK = ' · ';

/**
 * Header lines wrapped to `width`: a line too long breaks before its ` · ` segments, so a narrow terminal
 * shows every figure on more lines instead of cutting the last ones off. What still does not fit is cut when
 * drawn.
 */
export function wrapHeader(header: readonly (readonly Segment[])[], width: number): (readonly Segment[])[] {
  const out: (readonly Segment[])[] = [];
  for (const line of header) {
    const groups: Segment[][] = [];
    for (const s of line) {
      const last = groups[groups.length - 1];
      if (!last || s.text.startsWith(BREAK)) groups.push([s]);
      else last.push(s);
    }
    let current: Segment[] = [];
    let used = 0;
    for (const group of groups) {
      const w = group.reduce((n, s) => n + displayWidth(s.text), 0);
      if (used > 0 && used + w > width) {
        out.push(current);
        const [first, ...rest] = group;
        const lead = first ? [{ ...first, text: first.text.slice(BREAK.length) }] : [];
        current = [...lead, ...rest];
        used = w - BREAK.length;
      } else {
        current.push(...group);
        used += w;
      }
    }
    out.push(current);
  }
  return out;
}

const wrappedHeader = memoByWidth(wrapHeader);

/** `wrapHeader`, remembered per header and width (the header is drawn, and counted, every frame). */
export function headerLines(view: ViewModel, width: number): readonly (readonly Segment[])[] {
  return wrappedHeader(view.header, width);
}

export function chromeLines(view: ViewModel, width: number): number {
  return 1 + headerLines(view, width).length + (view.tabs ? 1 : 0) + (view.kind === 'table' ? 1 : 0) + 2;
}

/** Rows the list can show. One terminal line stays free for Ink's trailing newline. */
export function listHeight(termRows: number, view: ViewModel, width: number): number {
  return Math.max(1, termRows - 1 - chromeLines(view, width));
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
