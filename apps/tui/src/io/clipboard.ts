/**
 * Copying a command for the operator: OSC 52 asks the terminal (or tmux with `set-clipboard on`) to put the text
 * on the system clipboard — it works over SSH, where no local clipboard tool could — and, since a terminal may
 * ignore OSC 52 without telling, the text is also written to a file under the state directory.
 */
import { join } from 'node:path';
import { writeAtomic } from './writeAtomic.js';

/** The file the last copied text is kept in. */
export const CLIPBOARD_FILE = 'clipboard.txt';

/** The OSC 52 sequence that sets the clipboard (`c`) to `text`. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Sends `text` to the terminal's clipboard and writes it to `<dir>/clipboard.txt`; returns that path. */
export async function copyText(text: string, options: { dir: string; write: (sequence: string) => void }): Promise<string> {
  options.write(osc52(text));
  const path = join(options.dir, CLIPBOARD_FILE);
  await writeAtomic(path, `${text}\n`);
  return path;
}
