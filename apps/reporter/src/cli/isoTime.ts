/**
 * Times given on the command line (`--at`, `--since`, `--now`): one reading for all of them, strict enough that
 * nothing is guessed. A time needs its zone (`Z` or an offset: a zone-less time would be read in the machine's own
 * zone); a date alone means midnight UTC; a day that does not exist (`2026-02-30`) is refused rather than read as
 * 2 March, which is what `Date` would do.
 */
import { hasCalendarDate, InputError, ISO_TIMESTAMP } from '@vaultscope/core';

const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Parses `value` of `option` as a date (`YYYY-MM-DD`, UTC midnight) or an ISO-8601 time with a zone. */
export function parseIsoTime(option: string, value: string, example = '2026-11-30T23:00:00Z'): Date {
  const form = DATE_ONLY.test(value) || ISO_TIMESTAMP.test(value);
  if (!form) throw new InputError(`${option}: expected an ISO-8601 time with a zone such as ${example} (or a date), got "${value}"`);
  if (!hasCalendarDate(value)) throw new InputError(`${option}: "${value}" is not a calendar date (that day does not exist)`);
  const t = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) throw new InputError(`${option}: "${value}" is not a time`);
  return new Date(t);
}

/**
 * `--since`: a whole number of days before `now` (1 to 3650), or a date/time as {@link parseIsoTime} reads it, not
 * after `now`. Negative numbers, fractions, units (`7d`) and local-looking dates (`11/03/2026`) are refused: each
 * could be read more than one way.
 */
export function parseSince(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) {
    const days = Number(value);
    if (days < 1 || days > 3650) throw new InputError(`--since: a number of days must be from 1 to 3650, got "${value}"`);
    return new Date(now.getTime() - days * 86_400_000);
  }
  if (!DATE_ONLY.test(value) && !ISO_TIMESTAMP.test(value)) {
    throw new InputError(`--since: expected an ISO date or a number of days, got "${value}"`);
  }
  const since = parseIsoTime('--since', value, '2026-10-01');
  if (since.getTime() > now.getTime()) throw new InputError(`--since: ${value} is in the future`);
  return since;
}
