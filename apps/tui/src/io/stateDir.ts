/**
 * Where the TUI keeps what it writes for the operator (copied commands, saved lists, kept views). Found the way the
 * ledger finds its data and config directories — env-paths for the platform's convention, a VAULTSCOPE_* variable
 * over it — so the two apps agree on where Vaultscope's files live. On Linux that is the XDG state directory,
 * `$XDG_STATE_HOME/vaultscope` or `~/.local/state/vaultscope` (env-paths' `log`, which the XDG spec files under
 * state); on macOS `~/Library/Logs/vaultscope`, on Windows `%LOCALAPPDATA%\vaultscope\Log`.
 */
import envPaths from 'env-paths';

/** `VAULTSCOPE_STATE_DIR` from `env`, else the platform's state directory (from the process environment). */
export function stateDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env['VAULTSCOPE_STATE_DIR'] || envPaths('vaultscope', { suffix: '' }).log;
}
