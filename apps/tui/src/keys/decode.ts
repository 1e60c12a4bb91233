/**
 * Turns what Ink's `useInput` reports into key names the registry understands. Ink hands over a whole chunk of
 * plain text at once (a paste, or tmux `send-keys` of several keys), so text is split into one key per character.
 */
import type { Key } from 'ink';

/** One key press: `name` as in the registry, `text` when it types a character. */
export interface KeyPress {
  name: string;
  text?: string;
}

const SPECIAL: readonly [keyof Key, string][] = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['backspace', 'backspace'],
  ['delete', 'backspace'],
];

function decodeChar(ch: string): KeyPress | undefined {
  switch (ch) {
    case '\r':
    case '\n':
      return { name: 'return' };
    case '\t':
      return { name: 'tab' };
    case '\u007F':
    case '\b':
      return { name: 'backspace' };
    case '\u0003':
      return { name: 'ctrl+c' };
    default: {
      const code = ch.codePointAt(0) ?? 0;
      if (code >= 1 && code <= 26) return { name: `ctrl+${String.fromCharCode(code + 96)}` };
      if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return undefined;
      return { name: ch, text: ch };
    }
  }
}

/**
 * Key presses for one `useInput` call, in order. An Esc that arrives in the same input chunk as the next key
 * (a fast typist, tmux `send-keys Escape j`) reaches us as that key with `meta` set — a terminal sends Alt+key
 * as ESC + key — and is given back as Esc, then the key.
 */
export function decodeInput(input: string, key: Partial<Key>): KeyPress[] {
  if (key.meta && !key.escape) return [{ name: 'escape' }, ...decodeKey(input, { ...key, meta: false })];
  return decodeKey(input, key);
}

function decodeKey(input: string, key: Partial<Key>): KeyPress[] {
  if (key.tab) return [{ name: key.shift ? 'shift+tab' : 'tab' }];
  for (const [flag, name] of SPECIAL) if (key[flag]) return [{ name }];
  if (key.ctrl && input.length === 1) return [{ name: `ctrl+${input.toLowerCase()}` }];
  const presses: KeyPress[] = [];
  for (const ch of input) {
    const press = decodeChar(ch);
    if (press) presses.push(press);
  }
  return presses;
}
