import { viewsOf } from '../testing/renderApp.js';
import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../keys/decode.js';
import { tinyOrgData } from '../testing/tinyEstate.js';
import { appReducer, entryRows, initialState, topEntry, topView, type AppState } from './appReducer.js';
import type { OrgData } from '../model/orgData.js';

const status = { loading: false, failures: 0, intervalMs: 5000, skipped: 0 };

function start(data: OrgData = tinyOrgData(), rows = 24): AppState {
  return appReducer(initialState({ cols: 100, rows, intervalMs: 5000 }), { type: 'model', status, data: viewsOf(data) });
}

/** Presses keys by registry name; single characters type text. */
function press(state: AppState, ...names: string[]): AppState {
  return names.reduce((s, name) => {
    const key: KeyPress = name.length === 1 ? { name, text: name } : { name };
    return appReducer(s, { type: 'key', key });
  }, state);
}

const type = (state: AppState, text: string): AppState => press(state, ...[...text]);
const selected = (state: AppState): string | undefined => entryRows(state, topEntry(state))[topEntry(state).list.cursor]?.id;

describe('appReducer', () => {
  it('starts on the organization, worst account first', () => {
    const s = start();
    expect(topEntry(s).screen).toEqual({ kind: 'org' });
    expect(selected(s)).toBe('222222222222');
  });

  it('moves with arrows and j/k, clamped at both ends, and jumps with g/G', () => {
    let s = start();
    s = press(s, 'down', 'j');
    expect(topEntry(s).list.cursor).toBe(2);
    s = press(s, 'down', 'down');
    expect(topEntry(s).list.cursor).toBe(2);
    s = press(s, 'g');
    expect(topEntry(s).list.cursor).toBe(0);
    s = press(s, 'G', 'k');
    expect(topEntry(s).list.cursor).toBe(1);
    s = press(s, 'up', 'up', 'up');
    expect(topEntry(s).list.cursor).toBe(0);
  });

  it('applies keys that arrive together in order (down then enter opens the second account)', () => {
    const s = press(start(), 'down', 'return');
    expect(topEntry(s).screen).toEqual({ kind: 'account', accountId: '333333333333', tab: 0 });
  });

  it('drills org → account → asset and backs out with Esc and Backspace, keeping the cursor', () => {
    let s = press(start(), 'return');
    expect(topEntry(s).screen.kind).toBe('account');
    s = press(s, 'down', 'return');
    expect(topEntry(s).screen).toMatchObject({ kind: 'asset' });
    s = press(s, 'escape');
    expect(topEntry(s).screen.kind).toBe('account');
    expect(topEntry(s).list.cursor).toBe(1);
    s = press(s, 'backspace');
    expect(s.stack).toHaveLength(1);
    s = press(s, 'escape');
    expect(s.stack).toHaveLength(1);
  });

  it('switches tabs with Tab and Shift-Tab, wrapping around', () => {
    let s = press(start(), 'return', 'tab');
    expect(topEntry(s).screen).toMatchObject({ tab: 1 });
    s = press(s, 'shift+tab', 'shift+tab');
    expect(topEntry(s).screen).toMatchObject({ tab: 4 });
    expect(topView(s).tabs?.labels[4]).toBe('Plans & vaults');
  });

  it('filters as you type; Enter keeps the filter, Esc clears it', () => {
    let s = press(start(), '/');
    expect(s.mode).toBe('filter');
    s = type(s, 'DATA');
    expect(entryRows(s, topEntry(s)).map((r) => r.id)).toEqual(['333333333333']);
    s = press(s, 'return');
    expect(s.mode).toBe('normal');
    expect(topEntry(s).list.filter).toBe('DATA');
    s = press(s, '/', 'backspace', 'backspace', 'backspace', 'backspace', 'escape');
    expect(topEntry(s).list.filter).toBe('');
    expect(entryRows(s, topEntry(s))).toHaveLength(3);
  });

  it('Esc in normal mode clears a kept filter before going back', () => {
    let s = press(start(), 'return', '/');
    s = type(s, 'orders');
    s = press(s, 'return', 'escape');
    expect(topEntry(s).screen.kind).toBe('account');
    expect(topEntry(s).list.filter).toBe('');
    s = press(s, 'escape');
    expect(topEntry(s).screen.kind).toBe('org');
  });

  it('does not treat typed letters as commands while filtering', () => {
    let s = press(start(), '/');
    s = type(s, 'qjk');
    expect(s.quit).toBe(false);
    expect(s.prompt).toBe('qjk');
  });

  it('runs : commands with Tab completion, and reports unknown ones', () => {
    let s = press(start(), ':');
    s = type(s, 'fin');
    s = press(s, 'tab');
    expect(s.prompt).toBe('findings');
    s = press(s, 'return');
    expect(topEntry(s).screen).toEqual({ kind: 'list', list: 'findings' });
    s = press(s, ':');
    s = type(s, 'nope');
    s = press(s, 'return');
    expect(s.message?.text).toMatch(/Unknown command :nope/);
    s = press(s, ':');
    s = type(s, 'accounts');
    s = press(s, 'return');
    expect(s.stack).toHaveLength(1);
  });

  it('cycles sort columns with s, reverses with S, and returns to the default order', () => {
    let s = press(start(), 's');
    expect(topEntry(s).list.sort).toEqual({ col: 0, desc: false });
    // The cursor stays on the row it was on, wherever the sort puts it.
    expect(selected(s)).toBe('222222222222');
    expect(entryRows(s, topEntry(s))[0]?.id).toBe('333333333333');
    s = press(s, 'S');
    expect(topEntry(s).list.sort).toEqual({ col: 0, desc: true });
    const columns = topView(s).columns.length;
    for (let i = 1; i < columns; i++) s = press(s, 's');
    expect(topEntry(s).list.sort?.col).toBe(columns - 1);
    s = press(s, 's');
    expect(topEntry(s).list.sort).toBeUndefined();
  });

  it('toggles faults only with f', () => {
    let s = press(start(), 'f');
    const ids = entryRows(s, topEntry(s)).map((r) => r.id);
    expect(ids).not.toContain('444444444444');
    s = press(s, 'f');
    expect(entryRows(s, topEntry(s))).toHaveLength(3);
  });

  it('asks for a refresh with r, help with ?, and quits with q or Ctrl-C from any mode', () => {
    let s = press(start(), 'r');
    expect(s.refreshRequests).toBe(1);
    s = press(s, '?');
    expect(topEntry(s).screen).toEqual({ kind: 'help' });
    expect(press(s, 'q').quit).toBe(true);
    expect(press(press(start(), ':'), 'ctrl+c').quit).toBe(true);
  });

  it('keeps the cursor on the same row when a refresh reorders rows', () => {
    let s = press(start(), 'down');
    expect(selected(s)).toBe('333333333333');
    const data = tinyOrgData();
    const reordered = { ...data, accounts: [...data.accounts].reverse() } as OrgData;
    s = appReducer(s, { type: 'model', status, data: viewsOf(reordered) });
    expect(selected(s)).toBe('333333333333');
  });

  it('pages and scrolls so the cursor stays visible, and re-fits on resize', () => {
    let s = press(start(), ':');
    s = type(s, 'help');
    s = press(s, 'return', 'pagedown');
    const list = topEntry(s).list;
    expect(list.cursor).toBeGreaterThan(5);
    expect(list.cursor).toBeGreaterThanOrEqual(list.offset);
    s = press(s, 'G');
    s = appReducer(s, { type: 'resize', cols: 80, rows: 12 });
    const after = topEntry(s).list;
    expect(after.cursor - after.offset).toBeLessThan(12);
  });

  it('filters only over the columns the terminal shows (at 80 columns the account id is hidden)', () => {
    let s = appReducer(initialState({ cols: 80, rows: 24, intervalMs: 5000 }), { type: 'model', status, data: viewsOf(tinyOrgData()) });
    s = type(press(s, '/'), '3333');
    expect(entryRows(s, topEntry(s))).toHaveLength(0);
    s = appReducer(s, { type: 'resize', cols: 200, rows: 24 });
    expect(entryRows(s, topEntry(s)).map((r) => r.id)).toEqual(['333333333333']);
  });
  it('refuses faults-only on documents, as it refuses sorting there', () => {
    let s = press(start(), '?');
    expect(topEntry(s).screen.kind).toBe('help');
    s = press(s, 'f');
    expect(topEntry(s).list.faultsOnly).toBe(false);
    expect(s.message?.text).toBe('Only lists filter faults.');
  });

  it('keeps the selected row when faults-only is switched on and it is a fault', () => {
    let s = press(start(), 'down');
    const id = selected(s);
    s = press(s, 'f');
    expect(selected(s)).toBe(id);
  });

  it('says which commands an ambiguous : prefix could mean', () => {
    const s = press(type(press(start(), ':'), 're'), 'return');
    expect(s.message?.text).toBe('Ambiguous :re — restores, refresh');
    const unknown = press(type(press(start(), ':'), 'zz'), 'return');
    expect(unknown.message?.text).toBe('Unknown command :zz — try :help');
  });
});
