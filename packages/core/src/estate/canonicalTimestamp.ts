/**
 * Character-code tests for the canonical UTC timestamp form (`2026-11-21T06:00:00Z`, optionally with a
 * fraction). Nearly every timestamp of an estate has this form, and these tests cost a fraction of a regex.
 */

/** ISO-8601 with a zone (`Z` or an offset) and seconds optional, fields range-checked: the schema's timestamp. */
export const ISO_TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] as const;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const two = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** Exactly `/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/`: the form evaluation compares as strings. */
export function isCanonicalUtc(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 /* T */) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  for (let k = 0; k < DIGIT_POSITIONS.length; k++) if (!isDigit(s.charCodeAt(DIGIT_POSITIONS[k]!))) return false;
  if (n === 20) return true;
  if (n === 21 || s.charCodeAt(19) !== 46 /* . */) return false;
  for (let i = 20; i < n - 1; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/**
 * A canonical UTC timestamp whose fields are in range and whose fraction has at most nine digits: a subset of
 * what the schema's ISO-8601 pattern accepts, so a validator may accept on it and fall back to the pattern.
 */
export function isValidCanonicalUtc(s: string): boolean {
  if (s.length > 30 || !isCanonicalUtc(s)) return false;
  const month = two(s, 5);
  const day = two(s, 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(s.slice(0, 4)), month) && two(s, 11) <= 23 && two(s, 14) <= 59 && two(s, 17) <= 59;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether a value that starts `YYYY-MM-DD` names a day that exists (`2026-02-30` does not: `Date` would quietly
 * read it as 2 March). Values of another form pass: the format pattern reports those.
 */
export function hasCalendarDate(s: string): boolean {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return true;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12) return true;
  return day >= 1 && day <= daysInMonth(year, month);
}
