/**
 * What the shell draws for the current state: the view on top of the stack, its filtered/sorted rows, the
 * slice that fits, and the columns that fit. Everything heavy is memoized in views/resolve.
 */
import { useMemo } from 'react';
import { filterProblem } from '../views/filter.js';
import { shownRows } from '../views/resolve.js';
import type { Row, ViewModel } from '../views/screen.js';
import { screenTitle } from '../views/titles.js';
import { screenView, topEntry, type AppState, type Entry } from './appReducer.js';
import { listHeight, placeColumns, type PlacedColumn } from '../views/layout.js';

export interface ScreenModel {
  entry: Entry;
  view: ViewModel;
  rows: readonly Row[];
  slice: readonly Row[];
  cursorInSlice: number;
  height: number;
  columns: readonly PlacedColumn[];
  /** Breadcrumb labels, bottom of the stack first. */
  crumbs: readonly string[];
  sortLabel?: string;
  /** What to say when no row is shown: the view's own words, or why the filter left nothing. */
  empty: string;
}

/** The drawable model of the top screen. */
export function useScreen(state: AppState): ScreenModel {
  const entry = topEntry(state);
  const view = screenView(state, entry.screen);
  const rows = shownRows(view, entry.list, state.term.cols);
  const height = listHeight(state.term.rows, view, state.term.cols);
  const { cursor, offset } = entry.list;
  const slice = useMemo(() => rows.slice(offset, offset + height), [rows, offset, height]);
  const columns = useMemo(() => placeColumns(view.columns, state.term.cols), [view.columns, state.term.cols]);
  const crumbs = useMemo(() => ['vaultscope', ...state.stack.map((e) => (state.data ? state.data.title(e.screen) : screenTitle(undefined, e.screen)))], [state.stack, state.data]);
  const sort = entry.list.sort;
  const sortTitle = sort ? view.columns[sort.col]?.title : undefined;
  const empty =
    rows.length || !view.rows.length
      ? view.empty
      : entry.list.filter
        ? `${filterProblem(entry.list.filter) ?? `No rows match /${entry.list.filter}`} — Esc clears`
        : entry.list.faultsOnly ? 'No faults here — f shows every row' : view.empty;
  return {
    empty,
    entry,
    view,
    rows,
    slice,
    cursorInSlice: cursor - offset,
    height,
    columns,
    crumbs,
    ...(sortTitle ? { sortLabel: `${sortTitle} ${sort?.desc ? '↓' : '↑'}` } : {}),
  };
}
