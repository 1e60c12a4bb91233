/**
 * The help screen, generated from the key registry and the `:` command list: nothing here is written twice.
 */
import { KEY_COMMANDS, keyLabel, type KeyCommand } from '../../keys/registry.js';
import { VIEW_COMMANDS } from '../../keys/viewCommands.js';
import { makeHeading, makeLine, seg } from '../row.js';
import type { Row, ViewModel } from '../screen.js';

const GROUP_TITLES: Record<KeyCommand['group'], string> = {
  Move: 'Move',
  Open: 'Drill in, back, tabs',
  List: 'Filter, sort and save',
  Row: 'The row under the cursor',
  App: 'Application',
  Prompt: 'While typing a / filter or a : command',
};

/** Help lines: one per key binding, grouped, then one per `:` command. */
export function helpRows(): Row[] {
  const rows: Row[] = [];
  for (const group of Object.keys(GROUP_TITLES) as KeyCommand['group'][]) {
    rows.push(makeHeading(`g-${group}`, GROUP_TITLES[group]));
    for (const command of KEY_COMMANDS.filter((c) => c.group === group)) {
      const keys = command.keys.map(keyLabel).join(' ');
      rows.push(makeLine(`k-${group}-${command.id}-${command.keys.join('-')}`, `  ${keys.padEnd(16)} ${command.id.padEnd(18)} ${command.description}`));
    }
  }
  rows.push(makeHeading('g-commands', 'Commands (type : then the name; Tab completes)'));
  for (const c of VIEW_COMMANDS) {
    const aliases = c.aliases.length ? ` (also ${c.aliases.map((a) => `:${a}`).join(' ')})` : '';
    rows.push(makeLine(`c-${c.name}`, `  :${c.name.padEnd(15)} ${c.description}${aliases}`));
  }
  return rows;
}

/** The help screen. */
export function helpView(): ViewModel {
  return {
    kind: 'doc',
    title: 'Help',
    header: [[seg('Keys and commands. '), seg('Esc', 'accent'), seg(' goes back.')]],
    columns: [],
    rows: helpRows(),
    empty: '',
  };
}
