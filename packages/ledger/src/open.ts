/**
 * Opening a ledger by its location: a file path (or `:memory:`) is a SQLite ledger, the default.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from './sqlite/store.js';
import { MEMORY_LEDGER } from './paths.js';
import type { LedgerStore, OpenStoreOptions } from './store.js';

/** Opens (creating if needed, unless read-only) the ledger at `location`. */
export async function openLedgerStore(location: string, options: OpenStoreOptions = {}): Promise<LedgerStore> {
  return openSqliteStore(location, options);
}

/** Whether a ledger is there yet (something has been collected into it). */
export async function ledgerExists(location: string): Promise<boolean> {
  return location === MEMORY_LEDGER || existsSync(location);
}

/** A ledger location as it may be printed: a PostgreSQL URL loses its password (a file path is shown as it is). */
export function shownLedgerLocation(location: string): string {
  if (!/^postgres(ql)?:\/\//i.test(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) if (/pass|secret|key/i.test(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
