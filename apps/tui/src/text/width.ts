/**
 * Terminal column widths of (already sanitized) text, and fitting text into a column. An approximation of
 * wcwidth that is good enough for tables: combining marks take no column, East Asian wide and emoji take two.
 */

const MARK = /^[\p{Mn}\p{Me}]$/u;
const WIDE =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]$/u;
const ASCII = /^[\u0020-\u007E]*$/;

/** Columns one code point occupies. */
function charWidth(ch: string): number {
  if (ch <= '\u007E') return 1;
  const code = ch.codePointAt(0) ?? 0;
  // Joiners and variation selectors take no column.
  if (code === 0x200c || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || MARK.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Columns `text` occupies on a terminal. */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Cuts `text` to at most `width` columns, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (ASCII.test(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** `text` truncated and padded to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}

/**
 * Breaks `text` into pieces that concatenate back to exactly `text`: the first at most `firstWidth` columns,
 * the rest at most `restWidth`. Breaks at spaces (a space stays at the end of the piece before it, where it is
 * invisible); a word longer than a line is split without adding anything, so a command copied from the
 * screen still runs.
 */
export function wrapPieces(text: string, firstWidth: number, restWidth = firstWidth): string[] {
  if (firstWidth <= 0 || displayWidth(text) <= firstWidth) return [text];
  const pieces: string[] = [];
  let limit = firstWidth;
  let line = '';
  /** Columns of `line` that are not trailing spaces, plus the spaces a next word would follow. */
  let used = 0;
  const flush = (): void => {
    pieces.push(line);
    line = '';
    used = 0;
    limit = Math.max(1, restWidth);
  };
  for (const token of text.split(/(?<= )/)) {
    const word = token.trimEnd();
    const w = displayWidth(word);
    if (used + w <= limit) {
      line += token;
      used += displayWidth(token);
      continue;
    }
    // A line holding only indentation keeps it: the word is split into what is left of the line.
    if (line.trim()) flush();
    if (used + w <= limit) {
      line += token;
      used += displayWidth(token);
      continue;
    }
    for (const ch of token) {
      const cw = displayWidth(ch);
      // Spaces never start a line; they hang, invisible, after the piece they follow.
      if (ch !== ' ' && used + cw > limit && line.trim()) flush();
      line += ch;
      used += cw;
    }
  }
  if (line || pieces.length === 0) pieces.push(line);
  return pieces;
}

/** Breaks `text` into display lines of at most `width` columns, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  return wrapPieces(text, width).map((l) => l.trimEnd());
}
