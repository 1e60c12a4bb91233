/**
 * Where the TUI keeps what it writes for the operator (copied commands, saved lists): the XDG state directory,
 * `$XDG_STATE_HOME/vaultscope`, or `~/.local/state/vaultscope` when it is not set (XDG Base Directory spec: a
 * relative XDG_STATE_HOME is invalid and ignored).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The state directory for an environment. */
export function stateDir(env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  const xdg = env['XDG_STATE_HOME'];
  return xdg && isAbsolute(xdg) ? join(xdg, 'vaultscope') : join(home, '.local', 'state', 'vaultscope');
}
