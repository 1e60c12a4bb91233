/**
 * Text from AWS (names, tags, status messages) made safe to print in the PDF: escape sequences and control
 * characters removed, invisible characters dropped, and bidi controls shown as a visible mark so nothing a
 * reader sees is silently reordered.
 */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\ufff9-\ufffb]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Marker printed in place of a bidi control character. */
export const BIDI_MARK = '[bidi]';

/** PDF-safe text (single line unless `keepNewlines`). */
export function pdfText(value: string, options: { keepNewlines?: boolean } = {}): string {
  let text = value.replace(ESCAPE_SEQUENCE, '');
  if (options.keepNewlines) text = text.replace(/\r\n?/g, '\n');
  text = text.replace(CONTROL, (c) => (options.keepNewlines && c === '\n' ? c : ' '));
  return text.replace(INVISIBLE, '').replace(BIDI, BIDI_MARK);
}

/** Shortens to `max` characters (by code point) with an ellipsis. */
export function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** `0.9734` → `97.3%`; null → `n/a`. */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'n/a' : `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

/** Hours with one decimal. */
export function hours(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value * 10) / 10} h`;
}

/** Integers with thousands separators, independent of the machine's locale. */
export function int(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
