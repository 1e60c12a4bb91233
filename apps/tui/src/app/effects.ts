/**
 * What the shell does outside the UI state for a key: copy a command, save a list. Injected into the app, so
 * tests point it at a temporary state directory and read the OSC 52 it would send.
 */
import { copyText } from '../io/clipboard.js';
import { listFileName, saveList } from '../io/saveList.js';
import { stateDir } from '../io/stateDir.js';
import type { Tone } from '../views/screen.js';
import type { Request } from './appReducer.js';

/** Carries out a request; resolves with the line the status bar shows. */
export type Effects = (request: Request) => Promise<{ text: string; tone: Tone }>;

const firstLine = (error: unknown): string => ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');

/** Effects on the real terminal: OSC 52 written to `write` (the terminal), files under the state directory. */
export function terminalEffects(options: { env?: Readonly<Record<string, string | undefined>>; write?: (sequence: string) => void; clock?: () => number } = {}): Effects {
  const dir = stateDir(options.env ?? process.env);
  const write = options.write ?? ((sequence: string) => void process.stdout.write(sequence));
  const clock = options.clock ?? Date.now;
  return async (request) => {
    try {
      if (request.kind === 'copy') {
        const path = await copyText(request.text, { dir, write });
        return { text: `Copied to the clipboard (OSC 52) and ${path}`, tone: 'ok' };
      }
      const path = await saveList(dir, listFileName(request.title, clock()), request.columns, request.rows);
      return { text: `Saved ${request.rows.length} rows to ${path}`, tone: 'ok' };
    } catch (error) {
      return { text: `Could not ${request.kind === 'copy' ? 'copy' : 'save'}: ${firstLine(error)}`, tone: 'bad' };
    }
  };
}
