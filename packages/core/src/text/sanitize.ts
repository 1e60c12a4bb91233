/**
 * The one sanitizer for text that came from outside (AWS names, tags and status messages, estate and policy files,
 * file names in a directory) on its way to a person: a terminal (the TUI, the reporter's tables, lines and error
 * messages) or a PDF. Anything that could move the cursor, change colours, set the window title, write to the
 * clipboard or reorder what the reader sees is removed or made visible: escape sequences (7-bit and 8-bit), C0/C1
 * controls, DEL, bidi overrides and invisible characters. Callers choose only how a bidi control is shown.
 */

// ESC-introduced sequences: CSI, OSC/DCS/SOS/PM/APC strings (to BEL or ST), and two-character escapes. The 8-bit
// forms (0x9B CSI, 0x90/0x9D/0x98/0x9E/0x9F strings) are matched too. An unterminated string loses only its
// introducer, so the text after it stays visible rather than silently vanishing.
export const ESCAPES = new RegExp(
  [
    '(?:\\u001B\\[|\\u009B)[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]?',
    '(?:\\u001B[\\]PX^_]|[\\u0090\\u0098\\u009D\\u009E\\u009F])[^\\u0007\\u001B\\u009C]*(?:\\u0007|\\u001B\\\\|\\u009C)',
    '\\u001B[\\u0020-\\u002F]*[\\u0030-\\u007E]?',
  ].join('|'),
  'g',
);

/** Line breaks and tabs: one space each, so a cell or a message stays one line. */
const WHITESPACE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** Line breaks only (for `keepNewlines`): CRLF first, so it becomes one `\n`. */
const LINE_BREAKS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;
/** Remaining C0 controls, DEL and C1 controls carry no text. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/** Controls left once line breaks are kept (everything but `\n` and tab, which become text or a space). Also the CSV cell's. */
export const CONTROLS_BUT_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides, isolates and marks. */
export const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Invisible characters: zero-width space, word joiner and invisible operators, BOM, soft hyphen, annotation marks. */
const INVISIBLE = /[\u00AD\u200B\u2060-\u2064\uFEFF\uFFF9-\uFFFB]/g;
/** Where text is drawn without shaping (a PDF), joiners are invisible too. */
const INVISIBLE_OR_JOINER = /[\u00AD\u200B-\u200D\u2060-\u2064\uFEFF\uFFF9-\uFFFB]/g;
/** Fast path: nothing at all to do for plain text. */
const NEEDS_WORK =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]/;

/** Unpaired UTF-16 surrogates cannot be encoded for a terminal or a font: they become U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `<U+202E>`: a character shown by its code point. */
export const codePointMark = (ch: string): string =>
  `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;

/** How a caller wants the few choices made. */
export interface SanitizeOptions {
  /** Shown in place of a bidi control: by default its code point (`<U+202E>`); a PDF uses a fixed `[bidi]`. */
  bidiMark?: string;
  /** Invisible characters: shown by code point (default), or dropped where text is drawn without shaping (PDF). */
  invisible?: 'show' | 'drop';
  /** Keep line breaks (as `\n`) for multi-line paragraphs; by default every break and tab becomes one space. */
  keepNewlines?: boolean;
}

/** Returns `value` as plain, visible text (one line unless `keepNewlines`). */
export function sanitize(value: string, options: SanitizeOptions = {}): string {
  if (!NEEDS_WORK.test(value)) return value;
  let text = value.replace(LONE_SURROGATE, '\uFFFD').replace(ESCAPES, '');
  text = options.keepNewlines
    ? text.replace(LINE_BREAKS, '\n').replace(/\t/g, ' ').replace(CONTROLS_BUT_NEWLINE, '')
    : text.replace(WHITESPACE, ' ').replace(CONTROLS, '');
  text = options.invisible === 'drop' ? text.replace(INVISIBLE_OR_JOINER, '') : text.replace(INVISIBLE, codePointMark);
  const mark = options.bidiMark;
  return text.replace(BIDI, mark === undefined ? codePointMark : () => mark);
}

/** `sanitize` for values that may be absent or not strings (AWS shapes are loose). */
export function sanitizeValue(value: unknown, options: SanitizeOptions = {}): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return sanitize(value, options);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return sanitize(JSON.stringify(value) ?? '', options);
}
