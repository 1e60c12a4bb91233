/**
 * Making a value safe for a spreadsheet. Names, tags and status messages come from AWS accounts we do not
 * control; a cell that starts like a formula would run when an auditor opens the CSV (CSV injection, CWE-1236).
 */
// Escape sequences, controls and bidi controls are the sanitizer's (one definition, text/sanitize.ts): escape
// sequences go whole; C0/C1 controls and DEL go except tab and line feed (data here, kept inert by quoting); bidi
// controls go (a spreadsheet would reorder what the reader sees).
import { BIDI, CONTROLS_BUT_NEWLINE as CONTROLS, ESCAPES as ESCAPE_SEQUENCE } from './sanitize.js';

const FORMULA_START = /^[=+\-@\t\r]/;
// Anything that could need a change: a formula-like start of the value or of any line in it, a control or escape
// character, a bidi control.
const NEEDS_WORK = /(?:^|\n)[=+\-@\t\r]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One line made inert: a formula-like start (unless the line is a number) gets a leading `'`. */
function neutraliseLine(original: string, cleaned: string): string {
  const risky = (FORMULA_START.test(original) && !NUMBER.test(original)) || (FORMULA_START.test(cleaned) && !NUMBER.test(cleaned));
  return risky ? `'${cleaned}` : cleaned;
}

/**
 * A text cell made inert: a value a spreadsheet would execute (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return, unless it is a number) gets a leading `'`, and so does every line of a multi-line value (a reader that
 * splits lines, or a cell pasted line by line, must not find a formula either); escape sequences, control
 * characters and bidi controls are removed. Each line is tested both before and after removal, so a control
 * character cannot hide a formula.
 */
export function neutraliseCell(value: string): string {
  // Fast path for the common case (a million-row CSV is mostly ids, states and timestamps).
  if (!NEEDS_WORK.test(value)) return value;
  const lines = value.split('\n');
  return lines.map((line) => neutraliseLine(line, line.replace(ESCAPE_SEQUENCE, '').replace(CONTROLS, '').replace(BIDI, ''))).join('\n');
}

/** A cell value before neutralisation. */
export type CellValue = string | number | boolean | null | undefined;

/** One CSV value: numbers and booleans as text, absent as empty, strings neutralised. */
export function toCell(value: CellValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseCell(value);
}
