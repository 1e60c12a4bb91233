/**
 * Hostile text the demo plants in names, tags and status messages: spreadsheet formulas (CSV injection),
 * terminal escape sequences, bidirectional-text controls and non-Latin scripts. Renderers must show them as inert
 * text: never evaluated by a spreadsheet, never interpreted by a terminal, never silently reordered.
 */

/** A spreadsheet hyperlink formula. */
export const FORMULA_HYPERLINK = '=HYPERLINK("http://x","y")';
/** The classic DDE command-execution payload. */
export const FORMULA_DDE = "+cmd|' /C calc'!A0";
export const FORMULA_AT = '@SUM(1)';
export const FORMULA_MINUS = '-2+3';
/** Sets the terminal colour to red. */
export const ESC_RED = '\u001b[31m';
/** Retitles the terminal window (OSC 0 ... BEL). */
export const ESC_TITLE = '\u001b]0;pwned\u0007';
/** Clears the screen. */
export const ESC_CLEAR = '\u001b[2J';
export const RIGHT_TO_LEFT_MARK = '\u200f';
export const RIGHT_TO_LEFT_OVERRIDE = '\u202e';
export const GREEK = 'Κύρια-βάση';
export const CYRILLIC = 'клиенты';
export const JAPANESE = '顧客データ';

/** Every hostile string the demo organization contains, so tests can assert each stays inert wherever it is shown. */
export const HOSTILE_STRINGS: readonly string[] = [
  FORMULA_HYPERLINK,
  FORMULA_DDE,
  FORMULA_AT,
  FORMULA_MINUS,
  ESC_RED,
  ESC_TITLE,
  ESC_CLEAR,
  RIGHT_TO_LEFT_MARK,
  RIGHT_TO_LEFT_OVERRIDE,
  GREEK,
  CYRILLIC,
  JAPANESE,
];
