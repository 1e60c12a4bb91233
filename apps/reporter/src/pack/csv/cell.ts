/**
 * Making a value safe for a spreadsheet. Names, tags and status messages come from AWS accounts we do not
 * control; a cell that starts like a formula would run when an auditor opens the CSV (CSV injection, CWE-1236).
 */

// C0 and C1 controls and DEL, except tab and line feed (kept: they are data, and quoting keeps them inert).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A text cell made inert: a value a spreadsheet would execute (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return, unless it is a number) gets a leading `'`, and control characters are removed — the test looks at the
 * value both before and after removal, so a control character cannot hide a formula.
 */
export function neutraliseCell(value: string): string {
  const cleaned = value.replace(CONTROLS, '');
  const risky = (FORMULA_START.test(value) && !NUMBER.test(value)) || (FORMULA_START.test(cleaned) && !NUMBER.test(cleaned));
  return risky ? `'${cleaned}` : cleaned;
}

/** One CSV value: numbers and booleans as text, absent as empty, strings neutralised. */
export function toCell(value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseCell(value);
}
