/**
 * Opening a ledger by its location: `postgres://…` (or `postgresql://…`) is a PostgreSQL ledger; anything else is a
 * SQLite file (or `:memory:`), the default.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from './sqlite/store.js';
import { MEMORY_LEDGER } from './paths.js';
import { isPostgresLocation, shownPostgresUrl } from './postgres/url.js';
import type { LedgerStore, OpenStoreOptions } from './store.js';

/** Opens (creating if needed, unless read-only) the ledger at `location`. */
export async function openLedgerStore(location: string, options: OpenStoreOptions = {}): Promise<LedgerStore> {
  if (isPostgresLocation(location)) {
    // Loaded only when asked for: a SQLite user never loads the PostgreSQL driver.
    const { PostgresLedgerStore } = await import('./postgres/store.js');
    return PostgresLedgerStore.open(location, options);
  }
  return openSqliteStore(location, options);
}

/** Whether a ledger is there yet (something has been collected into it). */
export async function ledgerExists(location: string): Promise<boolean> {
  if (isPostgresLocation(location)) return (await import('./postgres/store.js')).postgresLedgerExists(location);
  return location === MEMORY_LEDGER || existsSync(location);
}

/** A ledger location as it may be printed: a PostgreSQL URL without its password; a file path as it is. */
export function shownLedgerLocation(location: string): string {
  return isPostgresLocation(location) ? shownPostgresUrl(location) : location;
}

export { isPostgresLocation };
