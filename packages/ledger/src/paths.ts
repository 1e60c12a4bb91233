/**
 * Where Vaultscope keeps its own files: the ledger under the user's data directory, signing material under the
 * user's config directory (the platform conventions env-paths knows), each overridable by an environment variable
 * so tests and containers never touch a real home directory.
 */
import { join } from 'node:path';
import envPaths from 'env-paths';

/** The user's Vaultscope directories. */
export interface VaultscopeDirs {
  data: string;
  config: string;
}

/** Data and config directories: `VAULTSCOPE_DATA_DIR` / `VAULTSCOPE_CONFIG_DIR` win over the platform defaults. */
export function vaultscopeDirs(env: NodeJS.ProcessEnv = process.env): VaultscopeDirs {
  const paths = envPaths('vaultscope', { suffix: '' });
  return {
    data: env.VAULTSCOPE_DATA_DIR || paths.data,
    config: env.VAULTSCOPE_CONFIG_DIR || paths.config,
  };
}

/** In-memory ledger marker (better-sqlite3's own spelling). */
export const MEMORY_LEDGER = ':memory:';

/** The default ledger file. */
export function defaultLedgerPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(vaultscopeDirs(env).data, 'ledger.sqlite');
}

/**
 * The ledger a command uses: `--ledger PATH`, then `VAULTSCOPE_LEDGER`, then — for the demo source — an in-memory
 * ledger (so demo runs never mix invented jobs into a real history), else the default file.
 */
export function resolveLedgerPath(options: { ledger?: string; source?: string }, env: NodeJS.ProcessEnv = process.env): string {
  if (options.ledger) return options.ledger;
  if (env.VAULTSCOPE_LEDGER) return env.VAULTSCOPE_LEDGER;
  if (options.source === 'demo') return MEMORY_LEDGER;
  return defaultLedgerPath(env);
}
