/**
 * Makes text from AWS or an estate file safe to put on a terminal. Anything that could move the cursor, change
 * colours, set the window title, write to the clipboard or reorder what the operator reads is removed or made
 * visible: escape sequences (7-bit and 8-bit), C0/C1 controls, DEL, bidi overrides and invisible marks.
 */

// ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (to BEL or ST), and two-character escapes. The 8-bit
// forms (0x9B CSI, 0x90/0x9D/0x98/0x9E/0x9F strings) are matched too. An unterminated string loses only its
// introducer, so the text after it stays visible rather than silently vanishing.
const ESCAPES = new RegExp(
  [
    '(?:\\u001B\\[|\\u009B)[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]?',
    '(?:\\u001B[\\]PX^_]|[\\u0090\\u0098\\u009D\\u009E\\u009F])[^\\u0007\\u001B\\u009C]*(?:\\u0007|\\u001B\\\\|\\u009C)',
    '\\u001B[\\u0020-\\u002F]*[\\u0030-\\u007E]?',
  ].join('|'),
  'g',
);

/** Line breaks and tabs become one space: a cell is one line. */
const WHITESPACE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** Remaining C0 controls, DEL and C1 controls carry no text. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/** Bidi embeddings/overrides/isolates and marks, plus invisible characters: shown as <U+XXXX>. */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Fast path: nothing at all to do for plain text. */
const NEEDS_WORK = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uD800-\uDFFF]/;

/** Unpaired UTF-16 surrogates cannot be encoded for the terminal: they become U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const visible = (ch: string): string => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;

/** Returns `value` as one line of plain, visible text. */
export function sanitize(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(ESCAPES, '')
    .replace(WHITESPACE, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, visible);
}

/** `sanitize` for values that may be absent or not strings (AWS shapes are loose). */
export function sanitizeValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return sanitize(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return sanitize(JSON.stringify(value) ?? '');
}
