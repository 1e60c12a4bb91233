/**
 * PostgreSQL ledger locations, without loading the driver: recognising one, and printing one without its password.
 */

/** Whether a ledger location names a PostgreSQL database. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A PostgreSQL URL as it may be printed: its password (and any secret-looking parameter) replaced by `***`. */
export function shownPostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
