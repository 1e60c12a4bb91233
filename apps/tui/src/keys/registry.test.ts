import { describe, expect, it } from 'vitest';
import { helpRows } from '../views/help/helpRows.js';
import { decodeInput } from './decode.js';
import { COMMAND_IDS, KEY_COMMANDS, commandFor, duplicateBindings, keyLabel } from './registry.js';
import { complete, completions, findViewCommand, VIEW_COMMANDS } from './viewCommands.js';

describe('key registry', () => {
  it('binds no key twice in a mode', () => {
    expect(duplicateBindings()).toEqual([]);
  });

  it('finds duplicates when there are some', () => {
    const clash = [...KEY_COMMANDS, { id: 'app.help' as const, keys: ['q'], modes: ['normal' as const], group: 'App' as const, description: 'x' }];
    expect(duplicateBindings(clash)).toEqual(['normal q: app.quit and app.help']);
  });

  it('binds every command id to at least one key, and every binding is a known command', () => {
    const bound = new Set(KEY_COMMANDS.map((c) => c.id));
    for (const id of COMMAND_IDS) expect(bound.has(id), id).toBe(true);
  });

  it('binds the keys the issue asks for', () => {
    const expectations: [string, string, string][] = [
      ['normal', 'up', 'nav.up'],
      ['normal', 'k', 'nav.up'],
      ['normal', 'down', 'nav.down'],
      ['normal', 'j', 'nav.down'],
      ['normal', 'pageup', 'nav.pageUp'],
      ['normal', 'pagedown', 'nav.pageDown'],
      ['normal', 'g', 'nav.top'],
      ['normal', 'G', 'nav.bottom'],
      ['normal', 'return', 'nav.open'],
      ['normal', 'escape', 'nav.back'],
      ['normal', 'backspace', 'nav.back'],
      ['normal', '/', 'list.filter'],
      ['normal', ':', 'app.command'],
      ['normal', 'tab', 'tab.next'],
      ['normal', 'shift+tab', 'tab.prev'],
      ['normal', 's', 'list.sort'],
      ['normal', 'f', 'list.faults'],
      ['normal', 'r', 'app.refresh'],
      ['normal', '?', 'app.help'],
      ['normal', 'q', 'app.quit'],
      ['normal', 'ctrl+c', 'app.quit'],
      ['filter', 'ctrl+c', 'app.quit'],
      ['filter', 'return', 'prompt.accept'],
      ['filter', 'escape', 'prompt.cancel'],
      ['command', 'tab', 'prompt.complete'],
    ];
    for (const [mode, key, id] of expectations) expect(commandFor(mode as 'normal', key), `${mode} ${key}`).toBe(id);
    expect(commandFor('filter', 'q')).toBeUndefined();
  });

  it('generates the help screen from the registry: every binding and every : command appears', () => {
    const text = helpRows().map((r) => r.cells[0]).join('\n');
    for (const command of KEY_COMMANDS) {
      expect(text).toContain(command.id);
      for (const key of command.keys) expect(text).toContain(keyLabel(key));
    }
    for (const c of VIEW_COMMANDS) expect(text).toContain(`:${c.name}`);
  });
});

describe('decodeInput', () => {
  const none = {};
  it('names special keys', () => {
    expect(decodeInput('', { upArrow: true })).toEqual([{ name: 'up' }]);
    expect(decodeInput('', { tab: true, shift: true })).toEqual([{ name: 'shift+tab' }]);
    expect(decodeInput('', { tab: true })).toEqual([{ name: 'tab' }]);
    expect(decodeInput('', { return: true })).toEqual([{ name: 'return' }]);
    expect(decodeInput('', { escape: true })).toEqual([{ name: 'escape' }]);
    expect(decodeInput('', { delete: true })).toEqual([{ name: 'backspace' }]);
    expect(decodeInput('c', { ctrl: true })).toEqual([{ name: 'ctrl+c' }]);
  });

  it('splits a chunk of text into one key per character, in order', () => {
    expect(decodeInput('jj\r', none).map((k) => k.name)).toEqual(['j', 'j', 'return']);
    expect(decodeInput('G', { shift: true })).toEqual([{ name: 'G', text: 'G' }]);
    expect(decodeInput('a\u007f\u0003', none).map((k) => k.name)).toEqual(['a', 'backspace', 'ctrl+c']);
  });
});

describe(': commands', () => {
  it('completes to the single match or the common prefix', () => {
    expect(complete('fi')).toBe('findings');
    expect(complete('p')).toBe('p');
    expect(completions('p')).toEqual(['plans', 'pulse']);
    expect(complete('pu')).toBe('pulse');
    expect(complete('re')).toBe('re');
    expect(complete('rest')).toBe('restores');
  });

  it('accepts names, aliases and unambiguous prefixes', () => {
    expect(findViewCommand('jobs')?.name).toBe('jobs');
    expect(findViewCommand('q')?.name).toBe('quit');
    expect(findViewCommand('vau')?.name).toBe('vaults');
    expect(findViewCommand('p')).toBeUndefined();
  });
});
