/**
 * All UI state in one reducer with a discriminated union of actions. Keys are reduced here, through the
 * registry, so keys that arrive in one chunk are applied in order to the latest state (never a stale closure).
 * Side effects are requests in the state (`quit`, `refreshRequests`) that the shell carries out.
 */
import type { KeyPress } from '../keys/decode.js';
import { commandFor, type CommandId, type Mode } from '../keys/registry.js';
import { complete, completions, findViewCommand } from '../keys/viewCommands.js';
import { filterProblem } from '../views/filter.js';
import { EMPTY_LIST, helpScreen, LOADING, shownRows, wrapView, type ListState } from '../views/resolve.js';
import type { Column, RawOf, Row, Screen, Tone, ViewModel } from '../views/screen.js';
import { listHeight } from '../views/layout.js';
import type { RefreshStatus } from '../model/refresher.js';
import type { ViewData } from '../model/viewData.js';

/** Something the shell does outside the state for a key (`seq` tells one request from the next). */
export type Request = { seq: number } & RequestBody;
type RequestBody = { kind: 'copy'; text: string } | { kind: 'save'; title: string; columns: readonly Column[]; rows: readonly Row[] };

/** One screen on the navigation stack, with how its list is being looked at. */
export interface Entry {
  screen: Screen;
  list: ListState;
}

export interface AppState {
  /** The views of the shown screens, as the model last published them. */
  data?: ViewData;
  status: RefreshStatus;
  /** Never empty; the bottom is the Organization screen. */
  stack: readonly Entry[];
  mode: Mode;
  /** Text being typed after `/` or `:`. */
  prompt: string;
  term: { cols: number; rows: number };
  message?: { text: string; tone: Tone };
  quit: boolean;
  /** Incremented by `r` / `:refresh`; the shell asks the model to refresh when it changes. */
  refreshRequests: number;
  /** The last copy/save asked for; the shell carries it out and answers with a `message`. */
  request?: Request;
}

export type AppAction =
  | { type: 'key'; key: KeyPress }
  | { type: 'command'; id: CommandId }
  | { type: 'model'; status: RefreshStatus; data?: ViewData }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'push'; screen: Screen }
  /** The outcome of a request, for the status line. */
  | { type: 'message'; text: string; tone: Tone };

/** The state before the first load. */
export function initialState(options: { cols: number; rows: number; intervalMs: number; screen?: Screen }): AppState {
  return {
    status: { loading: false, failures: 0, intervalMs: options.intervalMs, skipped: 0 },
    stack: [{ screen: { kind: 'org' }, list: EMPTY_LIST }, ...(options.screen && options.screen.kind !== 'org' ? [{ screen: options.screen, list: EMPTY_LIST }] : [])],
    mode: 'normal',
    prompt: '',
    term: { cols: options.cols, rows: options.rows },
    quit: false,
    refreshRequests: 0,
  };
}

/** The screen on top of the stack. */
export const topEntry = (state: AppState): Entry => state.stack[state.stack.length - 1] as Entry;
/** The view model of a screen in this state, as drawn at the terminal's width (a loading view until it comes). */
export function screenView(state: AppState, screen: Screen): ViewModel {
  if (screen.kind === 'help') return wrapView(helpScreen(), state.term.cols);
  const view = state.data?.view(screen);
  return view ? wrapView(view, state.term.cols) : LOADING;
}

/** The view model on top of the stack. */
export const topView = (state: AppState): ViewModel => screenView(state, topEntry(state).screen);

/** The rows of a screen as the list state and the terminal width show them (the filter sees shown columns). */
export const entryRows = (state: AppState, entry: Entry, view: ViewModel = screenView(state, entry.screen)): readonly Row[] =>
  shownRows(view, entry.list, state.term.cols);

function replaceTop(state: AppState, entry: Entry): AppState {
  return { ...state, stack: [...state.stack.slice(0, -1), entry] };
}

/** Puts the cursor on `cursor` (clamped) and scrolls just enough to show it. */
function placeCursor(state: AppState, entry: Entry, cursor: number): Entry {
  const view = screenView(state, entry.screen);
  const rows = entryRows(state, entry, view);
  const height = listHeight(state.term.rows, view, state.term.cols);
  const c = Math.max(0, Math.min(rows.length - 1, cursor));
  let offset = entry.list.offset;
  if (c < offset) offset = c;
  else if (c >= offset + height) offset = c - height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, rows.length - height)));
  return { ...entry, list: { ...entry.list, cursor: Math.max(0, c), offset, selectedId: rows[c]?.id } };
}

/** After new data or a return to a screen: keep the cursor on the same row if it is still there. */
function realign(state: AppState, entry: Entry): Entry {
  const rows = entryRows(state, entry);
  const id = entry.list.selectedId;
  if (id !== undefined && rows[entry.list.cursor]?.id !== id) {
    const at = rows.findIndex((r) => r.id === id);
    if (at >= 0) return placeCursor(state, entry, at);
  }
  return placeCursor(state, entry, entry.list.cursor);
}

function move(state: AppState, to: (cursor: number, height: number, count: number) => number): AppState {
  const entry = topEntry(state);
  const view = topView(state);
  const count = entryRows(state, entry, view).length;
  return replaceTop(state, placeCursor(state, entry, to(entry.list.cursor, listHeight(state.term.rows, view, state.term.cols), count)));
}

function push(state: AppState, screen: Screen): AppState {
  const next = { ...state, stack: [...state.stack, { screen, list: EMPTY_LIST }] };
  return replaceTop(next, placeCursor(next, topEntry(next), 0));
}

/** Changes how the list is looked at but keeps the cursor on the row it was on (sort, faults-only). */
function reorderList(state: AppState, change: Partial<ListState>): AppState {
  const entry = topEntry(state);
  return replaceTop(state, realign(state, { ...entry, list: { ...entry.list, ...change } }));
}

function setList(state: AppState, change: Partial<ListState>, resetCursor = true): AppState {
  const entry = topEntry(state);
  const next: Entry = { ...entry, list: { ...entry.list, ...change, ...(resetCursor ? { cursor: 0, offset: 0 } : {}) } };
  return replaceTop(state, placeCursor(state, next, next.list.cursor));
}

function say(state: AppState, text: string, tone: Tone = 'warn'): AppState {
  return { ...state, message: { text, tone } };
}

function switchTab(state: AppState, delta: number): AppState {
  const entry = topEntry(state);
  const view = topView(state);
  const screen = entry.screen;
  if (!view.tabs || (screen.kind !== 'account' && screen.kind !== 'pulse')) return say(state, 'This screen has no tabs.');
  const n = view.tabs.labels.length;
  const tab = (((view.tabs.active + delta) % n) + n) % n;
  const next: Entry = { screen: { ...screen, tab }, list: EMPTY_LIST };
  return replaceTop(state, placeCursor(state, next, 0));
}

/** Only the Organization left on the stack, its cursor where it was. */
function home(state: AppState): AppState {
  return { ...state, stack: state.stack.slice(0, 1) };
}

/** Runs a `:` command line. */
export function runCommandLine(state: AppState, text: string): AppState {
  const command = findViewCommand(text);
  const base: AppState = { ...state, mode: 'normal', prompt: '' };
  if (!command) {
    const name = text.trim();
    if (!name) return base;
    const matches = completions(name);
    return say(base, matches.length > 1 ? `Ambiguous :${name} — ${matches.join(', ')}` : `Unknown command :${name} — try :help`);
  }
  const action = command.action;
  switch (action.kind) {
    case 'org':
      return replaceTop({ ...base, stack: base.stack.slice(0, 1) }, realign(base, base.stack[0] as Entry));
    // A `:` view replaces everything above the Organization (as in k9s): Esc then leads home, not back
    // through every view visited, and the breadcrumb stays short.
    case 'list':
      return push(home(base), { kind: 'list', list: action.list });
    case 'pulse':
      return push(home(base), { kind: 'pulse', tab: 0 });
    case 'help':
      return topEntry(base).screen.kind === 'help' ? base : push(base, { kind: 'help' });
    case 'refresh':
      return { ...base, refreshRequests: base.refreshRequests + 1 };
    case 'quit':
      return { ...base, quit: true };
  }
}

const RAW_KINDS: ReadonlySet<Screen['kind']> = new Set(['asset', 'job', 'plan', 'vault']);
const isRawOf = (screen: Screen | undefined): screen is RawOf => screen !== undefined && RAW_KINDS.has(screen.kind);

function request(state: AppState, body: RequestBody): AppState {
  return { ...state, request: { ...body, seq: (state.request?.seq ?? 0) + 1 } };
}

/** `y`: a detail screen's own AWS object; on a list, the object of the row under the cursor. */
function showRaw(state: AppState, entry: Entry): AppState {
  if (entry.screen.kind === 'raw') return state;
  const view = topView(state);
  const of = isRawOf(entry.screen) ? entry.screen : view.kind === 'table' ? entryRows(state, entry)[entry.list.cursor]?.target : undefined;
  if (!isRawOf(of)) return say(state, 'y shows the AWS object of an asset, job, plan or vault.', 'dim');
  return push(state, { kind: 'raw', of });
}

function runCommand(state: AppState, id: CommandId): AppState {
  const entry = topEntry(state);
  switch (id) {
    case 'nav.up':
      return move(state, (c) => c - 1);
    case 'nav.down':
      return move(state, (c) => c + 1);
    case 'nav.pageUp':
      return move(state, (c, h) => c - h);
    case 'nav.pageDown':
      return move(state, (c, h) => c + h);
    case 'nav.top':
      return move(state, () => 0);
    case 'nav.bottom':
      return move(state, (_c, _h, n) => n - 1);
    case 'nav.open': {
      const row = entryRows(state, entry)[entry.list.cursor];
      if (!row?.target) return row ? say(state, 'Nothing to open on this row.', 'dim') : state;
      return push(state, row.target);
    }
    case 'nav.back': {
      if (entry.list.filter) return setList(state, { filter: '' });
      if (state.stack.length <= 1) return state;
      const popped = { ...state, stack: state.stack.slice(0, -1) };
      return replaceTop(popped, realign(popped, topEntry(popped)));
    }
    case 'tab.next':
      return switchTab(state, 1);
    case 'tab.prev':
      return switchTab(state, -1);
    case 'list.filter':
      return { ...state, mode: 'filter', prompt: entry.list.filter };
    case 'list.sort': {
      const view = topView(state);
      if (view.kind !== 'table') return say(state, 'Only tables sort.', 'dim');
      const current = entry.list.sort;
      const col = current ? current.col + 1 : 0;
      const next = reorderList(state, { sort: col < view.columns.length ? { col, desc: false } : undefined });
      return say(next, col < view.columns.length ? `Sorted by ${view.columns[col]?.title ?? col} ascending` : 'Default order', 'dim');
    }
    case 'list.sortReverse': {
      const sort = entry.list.sort;
      if (!sort) return say(state, 'Press s to choose a sort column first.', 'dim');
      return reorderList(state, { sort: { col: sort.col, desc: !sort.desc } });
    }
    case 'list.faults':
      if (topView(state).kind !== 'table') return say(state, 'Only lists filter faults.', 'dim');
      return reorderList(state, { faultsOnly: !entry.list.faultsOnly });
    case 'list.save': {
      const view = topView(state);
      if (view.kind !== 'table') return say(state, 'Only lists save to CSV.', 'dim');
      const title = state.data?.title(entry.screen) ?? view.title;
      return request(say(state, 'Saving…', 'dim'), { kind: 'save', title, columns: view.columns, rows: entryRows(state, entry, view) });
    }
    case 'row.copy': {
      const text = entryRows(state, entry)[entry.list.cursor]?.copy;
      if (!text) return say(state, 'Nothing to copy here: c copies the fix command of a finding.', 'dim');
      return request(state, { kind: 'copy', text });
    }
    case 'row.raw':
      return showRaw(state, entry);
    case 'app.command':
      return { ...state, mode: 'command', prompt: '' };
    case 'app.refresh':
      return { ...state, refreshRequests: state.refreshRequests + 1 };
    case 'app.help':
      return entry.screen.kind === 'help' ? state : push(state, { kind: 'help' });
    case 'app.quit':
      return { ...state, quit: true };
    case 'prompt.accept':
      return state.mode === 'command' ? runCommandLine(state, state.prompt) : acceptFilter(state);
    case 'prompt.cancel':
      return state.mode === 'filter' ? { ...setList(state, { filter: '' }), mode: 'normal', prompt: '' } : { ...state, mode: 'normal', prompt: '' };
    case 'prompt.erase':
      return typed(state, [...state.prompt].slice(0, -1).join(''));
    case 'prompt.complete':
      return typed(state, complete(state.prompt));
  }
}

/** Enter on a `/` filter: kept; an invalid regex is said in one line (it keeps no row until changed). */
function acceptFilter(state: AppState): AppState {
  const problem = filterProblem(state.prompt);
  const next: AppState = { ...state, mode: 'normal', prompt: '' };
  return problem ? say(next, problem) : next;
}

/** The prompt text changed: a filter applies as it is typed. */
function typed(state: AppState, prompt: string): AppState {
  const next = { ...state, prompt };
  return state.mode === 'filter' ? setList(next, { filter: prompt }) : next;
}

/** The UI reducer. */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'key': {
      const cleared = state.message ? { ...state, message: undefined } : state;
      const id = commandFor(state.mode, action.key.name);
      if (id) return runCommand(cleared, id);
      if (state.mode !== 'normal' && action.key.text) return typed(cleared, state.prompt + action.key.text);
      return cleared;
    }
    case 'command':
      return runCommand(state, action.id);
    case 'push':
      return push(state, action.screen);
    case 'message':
      return say(state, action.text, action.tone);
    case 'model': {
      const next: AppState = { ...state, status: action.status, ...(action.data ? { data: action.data } : {}) };
      return action.data && action.data !== state.data ? replaceTop(next, realign(next, topEntry(next))) : next;
    }
    case 'resize': {
      const next = { ...state, term: { cols: action.cols, rows: action.rows } };
      return replaceTop(next, placeCursor(next, topEntry(next), topEntry(next).list.cursor));
    }
  }
}
