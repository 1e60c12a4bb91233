/**
 * Every key binding of the TUI, as data: dot-named commands with their keys, the modes they work in and a
 * description. Key dispatch and the help screen are both generated from this one table.
 */

/** Input modes: browsing a list, editing a `/` filter, editing a `:` command. */
export type Mode = 'normal' | 'filter' | 'command';

export const COMMAND_IDS = [
  'nav.up',
  'nav.down',
  'nav.pageUp',
  'nav.pageDown',
  'nav.top',
  'nav.bottom',
  'nav.open',
  'nav.back',
  'tab.next',
  'tab.prev',
  'list.filter',
  'list.sort',
  'list.sortReverse',
  'list.faults',
  'list.save',
  'row.copy',
  'row.raw',
  'app.command',
  'app.refresh',
  'app.help',
  'app.quit',
  'prompt.accept',
  'prompt.cancel',
  'prompt.erase',
  'prompt.complete',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/** One bound command. Keys use the names `decodeInput` produces (`up`, `shift+tab`, `ctrl+c`, `G`, …). */
export interface KeyCommand {
  id: CommandId;
  keys: readonly string[];
  modes: readonly Mode[];
  group: 'Move' | 'Open' | 'List' | 'Row' | 'App' | 'Prompt';
  description: string;
}

const ALL: readonly Mode[] = ['normal', 'filter', 'command'];
const NORMAL: readonly Mode[] = ['normal'];
const PROMPT: readonly Mode[] = ['filter', 'command'];

export const KEY_COMMANDS: readonly KeyCommand[] = [
  { id: 'nav.up', keys: ['up', 'k'], modes: NORMAL, group: 'Move', description: 'Move up' },
  { id: 'nav.down', keys: ['down', 'j'], modes: NORMAL, group: 'Move', description: 'Move down' },
  { id: 'nav.pageUp', keys: ['pageup', 'ctrl+b'], modes: NORMAL, group: 'Move', description: 'Page up' },
  { id: 'nav.pageDown', keys: ['pagedown', 'ctrl+f'], modes: NORMAL, group: 'Move', description: 'Page down' },
  { id: 'nav.top', keys: ['g', 'home'], modes: NORMAL, group: 'Move', description: 'First row' },
  { id: 'nav.bottom', keys: ['G', 'end'], modes: NORMAL, group: 'Move', description: 'Last row' },
  { id: 'nav.open', keys: ['return'], modes: NORMAL, group: 'Open', description: 'Drill into the selected row' },
  { id: 'nav.back', keys: ['escape', 'backspace'], modes: NORMAL, group: 'Open', description: 'Back (clears a kept filter first)' },
  { id: 'tab.next', keys: ['tab', 'right'], modes: NORMAL, group: 'Open', description: 'Next tab' },
  { id: 'tab.prev', keys: ['shift+tab', 'left'], modes: NORMAL, group: 'Open', description: 'Previous tab' },
  { id: 'list.filter', keys: ['/'], modes: NORMAL, group: 'List', description: 'Filter rows (case-insensitive, visible columns; !inverse, regex like ^arn:.*rds)' },
  { id: 'list.sort', keys: ['s'], modes: NORMAL, group: 'List', description: 'Cycle the sort column' },
  { id: 'list.sortReverse', keys: ['S'], modes: NORMAL, group: 'List', description: 'Reverse the sort order' },
  { id: 'list.faults', keys: ['f'], modes: NORMAL, group: 'List', description: 'Toggle faults only' },
  { id: 'list.save', keys: ['ctrl+s'], modes: NORMAL, group: 'List', description: 'Save the list as shown to CSV (state directory)' },
  { id: 'row.copy', keys: ['c'], modes: NORMAL, group: 'Row', description: 'Copy the fix command (OSC 52 clipboard + state-directory file)' },
  { id: 'row.raw', keys: ['y'], modes: NORMAL, group: 'Row', description: 'Raw AWS object (JSON) of the asset, job, plan or vault' },
  { id: 'app.command', keys: [':'], modes: NORMAL, group: 'App', description: 'Command mode (:findings, :pulse, …; Tab completes)' },
  { id: 'app.refresh', keys: ['r'], modes: NORMAL, group: 'App', description: 'Refresh now' },
  { id: 'app.help', keys: ['?'], modes: NORMAL, group: 'App', description: 'Help (this screen)' },
  { id: 'app.quit', keys: ['q'], modes: NORMAL, group: 'App', description: 'Quit' },
  { id: 'app.quit', keys: ['ctrl+c'], modes: ALL, group: 'App', description: 'Quit, from any mode' },
  { id: 'nav.up', keys: ['up'], modes: PROMPT, group: 'Prompt', description: 'Move up while typing' },
  { id: 'nav.down', keys: ['down'], modes: PROMPT, group: 'Prompt', description: 'Move down while typing' },
  { id: 'prompt.accept', keys: ['return'], modes: PROMPT, group: 'Prompt', description: 'Keep the filter / run the command' },
  { id: 'prompt.cancel', keys: ['escape'], modes: PROMPT, group: 'Prompt', description: 'Clear the filter / cancel the command' },
  { id: 'prompt.erase', keys: ['backspace'], modes: PROMPT, group: 'Prompt', description: 'Delete the last character' },
  { id: 'prompt.complete', keys: ['tab'], modes: ['command'], group: 'Prompt', description: 'Complete the command' },
];

function buildIndex(): Map<string, CommandId> {
  const index = new Map<string, CommandId>();
  for (const command of KEY_COMMANDS) {
    for (const mode of command.modes) for (const key of command.keys) index.set(`${mode} ${key}`, command.id);
  }
  return index;
}
const INDEX = buildIndex();

/** The command a key runs in a mode, if any. */
export function commandFor(mode: Mode, key: string): CommandId | undefined {
  return INDEX.get(`${mode} ${key}`);
}

/** Pairs of bindings that claim the same key in the same mode (should be empty). */
export function duplicateBindings(commands: readonly KeyCommand[] = KEY_COMMANDS): string[] {
  const seen = new Map<string, CommandId>();
  const dupes: string[] = [];
  for (const command of commands) {
    for (const mode of command.modes) {
      for (const key of command.keys) {
        const slot = `${mode} ${key}`;
        const owner = seen.get(slot);
        if (owner && owner !== command.id) dupes.push(`${slot}: ${owner} and ${command.id}`);
        else if (owner) dupes.push(`${slot}: ${owner} twice`);
        seen.set(slot, command.id);
      }
    }
  }
  return dupes;
}

const KEY_LABELS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  backspace: 'Backspace',
  tab: 'Tab',
  'shift+tab': 'Shift-Tab',
  'ctrl+c': 'Ctrl-C',
  'ctrl+b': 'Ctrl-B',
  'ctrl+f': 'Ctrl-F',
  'ctrl+s': 'Ctrl-S',
};

/** How a key name is written for people. */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** The first key bound to a command in a mode, for hints in the footer. */
export function primaryKey(id: CommandId, mode: Mode = 'normal'): string {
  const command = KEY_COMMANDS.find((c) => c.id === id && c.modes.includes(mode));
  return command?.keys[0] ? keyLabel(command.keys[0]) : '';
}
