/**
 * Text from AWS (names, tags, status messages) as printed in the PDF: core's one sanitizer, with bidi controls shown
 * as a fixed mark and invisible characters dropped (the PDF draws without shaping).
 */
import { sanitize } from '@vaultscope/core';

/** Marker printed in place of a bidi control character. */
export const BIDI_MARK = '[bidi]';

/** PDF-safe text (single line unless `keepNewlines`). */
export function pdfText(value: string, options: { keepNewlines?: boolean } = {}): string {
  return sanitize(value, { bidiMark: BIDI_MARK, invisible: 'drop', ...(options.keepNewlines ? { keepNewlines: true } : {}) });
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
