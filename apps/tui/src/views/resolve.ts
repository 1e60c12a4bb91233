/**
 * From a screen to what is drawn: the view model of a screen for one refresh's data, and the rows left after
 * the filter, the faults-only switch and the sort. Both are memoized, so moving the cursor costs nothing and a
 * filter that extends the previous one only searches what that one kept.
 */
import type { OrgData } from '../model/orgData.js';
import { accountView } from './account/accountView.js';
import { assetXray } from './asset/assetXray.js';
import { findingDetail } from './detail/findingDetail.js';
import { planDetail, vaultDetail } from './detail/planDetail.js';
import { helpView } from './help/helpRows.js';
import { jobDetail } from './job/jobDetail.js';
import { listView } from './lists/listView.js';
import { orgView } from './org/orgRows.js';
import { pulseView } from './pulse/pulseRows.js';
import { rawView } from './detail/rawView.js';
import { displayWidth, wrapPieces } from '../text/width.js';
import { fitColumns } from './fitColumns.js';
import { compileFilter, keeps } from './filter.js';
import { placeColumns } from './layout.js';
import { memoByWidth } from './memoByWidth.js';
import { screenKey, type Column, type Row, type Screen, type ViewModel } from './screen.js';

/** How a list is being looked at: cursor, scroll, filter, sort, faults-only. */
export interface ListState {
  cursor: number;
  offset: number;
  /** Id of the row under the cursor, so the cursor stays on it when a refresh reorders rows. */
  selectedId?: string;
  filter: string;
  sort?: { col: number; desc: boolean };
  faultsOnly: boolean;
}

export const EMPTY_LIST: ListState = { cursor: 0, offset: 0, filter: '', faultsOnly: false };

export const LOADING: ViewModel = { kind: 'doc', title: 'Loading', header: [], columns: [], rows: [], empty: 'Loading…' };

function buildView(data: OrgData, screen: Screen): ViewModel {
  switch (screen.kind) {
    case 'org':
      return orgView(data);
    case 'account':
      return accountView(data, screen.accountId, screen.tab);
    case 'asset':
      return assetXray(data, screen.arn);
    case 'job':
      return jobDetail(data, screen.jobKind, screen.jobId);
    case 'finding':
      return findingDetail(data, screen.id);
    case 'plan':
      return planDetail(data, screen.accountId, screen.region, screen.planId);
    case 'vault':
      return vaultDetail(data, screen.arn);
    case 'list':
      return listView(data, screen.list, screen.scope);
    case 'pulse':
      return pulseView(data, screen.tab);
    case 'help':
      return helpView();
    case 'raw':
      return rawView(data, screen.of);
  }
}

/** Columns a document line takes besides its text: the marker and the indent. */
const DOC_GUTTER = 4;

/**
 * A document with its long lines wrapped to the terminal width (continuations keep tone and target). Wrapped
 * once, with a narrower width for the hanging continuation lines: pieces are exact slices of the line, so a
 * command split across lines gains no spaces.
 */
function wrapDoc(view: ViewModel, width: number): ViewModel {
  const room = Math.max(10, width - DOC_GUTTER);
  const rows: Row[] = [];
  for (const row of view.rows) {
    const text = row.cells[0] ?? '';
    if (displayWidth(text) <= room) {
      rows.push(row);
      continue;
    }
    // Continuation lines hang two columns in from where the line's own text starts; a command line (one `c`
    // copies) continues flush, so what is on screen is the command character for character.
    const hang = row.copy && text.includes(row.copy) ? '' : ' '.repeat(Math.min(Math.floor(room / 2), (/^ */.exec(text)?.[0].length ?? 0) + 2));
    const [first, ...more] = wrapPieces(text, room, room - hang.length);
    rows.push({ ...row, cells: [first ?? ''] });
    more.forEach((part, i) => rows.push({ ...row, id: `${row.id}~${i + 1}`, cells: [`${hang}${part}`] }));
  }
  return { ...view, rows };
}

export { screenKey } from './screen.js';

/** Documents wrapped to a width, remembered per view and width. */
const wrapped = memoByWidth(wrapDoc);

const MAX_VIEWS_PER_DATA = 32;
const viewCache = new WeakMap<OrgData, Map<string, ViewModel>>();
let helpCache: ViewModel | undefined;

/** The help screen (it needs no data). */
export function helpScreen(): ViewModel {
  helpCache ??= helpView();
  return helpCache;
}

/** The view model of a screen for one refresh's data, as built (documents not wrapped); memoized per data. */
export function viewOf(data: OrgData, screen: Screen): ViewModel {
  if (screen.kind === 'help') return helpScreen();
  let views = viewCache.get(data);
  if (!views) {
    views = new Map();
    viewCache.set(data, views);
  }
  const key = screenKey(screen);
  let view = views.get(key);
  if (!view) {
    view = fitColumns(buildView(data, screen));
    if (views.size >= MAX_VIEWS_PER_DATA) views.delete(views.keys().next().value as string);
    views.set(key, view);
  }
  return view;
}

/**
 * Lets go of the memoized view of a screen for `data` (the source worker, once a long list is sent: its rows are
 * rebuilt if the screen is asked for again, rather than kept next to the data they are built from).
 */
export function forgetView(data: OrgData, screen: Screen): void {
  viewCache.get(data)?.delete(screenKey(screen));
}

/** A view as drawn at `width`: documents wrapped (remembered per view and width), tables as they are. */
export const wrapView = (view: ViewModel, width: number): ViewModel => (view.kind === 'doc' ? wrapped(view, width) : view);

/**
 * The view model of a screen; `undefined` data (first load still running) gives a loading view. Documents are
 * wrapped to `width`; tables do not depend on it.
 */
export function viewFor(data: OrgData | undefined, screen: Screen, width = 80): ViewModel {
  if (screen.kind === 'help') return wrapView(helpScreen(), width);
  if (!data) return LOADING;
  return wrapView(viewOf(data, screen), width);
}

interface Shown {
  filter: string;
  faultsOnly: boolean;
  sortKey: string;
  /** The columns the filter searched (`*`: all). */
  columnsKey: string;
  rows: readonly Row[];
}
const MAX_SHOWN_PER_VIEW = 12;
const shownCache = new WeakMap<ViewModel, Shown[]>();

function compareRows(col: number, desc: boolean): (a: Row, b: Row) => number {
  const dir = desc ? -1 : 1;
  return (a, b) => {
    const x = a.sort[col] ?? '';
    const y = b.sort[col] ?? '';
    if (x === y) return 0;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    return (String(x) < String(y) ? -1 : 1) * dir;
  };
}

interface Searched {
  /** Indexes of the columns on screen, or undefined when they all are. */
  indexes: readonly number[] | undefined;
  key: string;
}
/** The columns a table shows at `width` (what `/` searches): a hidden column must not keep a row. */
const searchedOf = memoByWidth((columns: readonly Column[], width: number): Searched => {
  const indexes = placeColumns(columns, width).map((c) => c.index);
  return indexes.length === columns.length ? { indexes: undefined, key: '*' } : { indexes, key: indexes.join(',') };
});

function searchedColumns(view: ViewModel, width: number): Searched {
  return view.kind !== 'table' || !Number.isFinite(width) ? { indexes: undefined, key: '*' } : searchedOf(view.columns, width);
}

/** Lower-cased text of some cells of a row, remembered for the last column set asked for. */
const partialSearch = new WeakMap<Row, { key: string; text: string }>();
function searchText(row: Row, searched: Searched): string {
  if (!searched.indexes) return row.search;
  const hit = partialSearch.get(row);
  if (hit?.key === searched.key) return hit.text;
  const text = searched.indexes.map((i) => row.cells[i] ?? '').join('\u0000').toLowerCase();
  partialSearch.set(row, { key: searched.key, text });
  return text;
}

/**
 * Rows of a view after faults-only, sort and filter, as the list state asks. The filter searches only the
 * columns a table shows at `width` (all of them when no width is given).
 */
export function shownRows(view: ViewModel, list: Pick<ListState, 'filter' | 'faultsOnly' | 'sort'>, width = Number.POSITIVE_INFINITY): readonly Row[] {
  const compiled = compileFilter(list.filter);
  // Only a plain, non-inverted filter narrows what a shorter one kept; the cache keys on the text as typed.
  const narrows = compiled.plain !== undefined && !compiled.negate;
  const filter = narrows ? (compiled.plain ?? '') : list.filter;
  const faultsOnly = list.faultsOnly && view.kind === 'table';
  const sortKey = list.sort && view.kind === 'table' ? `${list.sort.col}:${list.sort.desc ? 'd' : 'a'}` : '';
  if (!filter && !faultsOnly && !sortKey) return view.rows;
  const searched = filter ? searchedColumns(view, width) : { indexes: undefined, key: '*' };
  const columnsKey = searched.key;
  let cache = shownCache.get(view);
  if (!cache) {
    cache = [];
    shownCache.set(view, cache);
  }
  const hit = cache.find((s) => s.filter === filter && s.faultsOnly === faultsOnly && s.sortKey === sortKey && s.columnsKey === columnsKey);
  if (hit) return hit.rows;

  // Start from the narrowest cached result whose filter this one extends (typing narrows step by step).
  let start: readonly Row[] | undefined;
  let startFilter = '';
  for (const s of cache) {
    if (
      s.faultsOnly === faultsOnly &&
      s.sortKey === sortKey &&
      (s.filter === '' || s.columnsKey === columnsKey) &&
      (s.filter === '' || narrows) &&
      filter.startsWith(s.filter) &&
      s.filter.length >= startFilter.length
    ) {
      start = s.rows;
      startFilter = s.filter;
    }
  }
  let rows: readonly Row[];
  if (start) rows = start;
  else {
    rows = faultsOnly ? view.rows.filter((r) => r.fault) : view.rows;
    if (list.sort && sortKey) rows = [...rows].sort(compareRows(list.sort.col, list.sort.desc));
  }
  if (filter && filter !== startFilter) {
    rows = rows.filter((r) => keeps(compiled, searchText(r, searched), () => (searched.indexes ? searched.indexes.map((i) => r.cells[i] ?? '') : r.cells)));
  }

  cache.push({ filter, faultsOnly, sortKey, columnsKey, rows });
  if (cache.length > MAX_SHOWN_PER_VIEW) cache.shift();
  return rows;
}
