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

/** Breaks `text` into lines of at most `width` columns, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0 || displayWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const flush = (): void => {
    lines.push(line);
    line = '';
    used = 0;
  };
  for (const word of text.split(/(?<= )/)) {
    const w = displayWidth(word);
    if (used + w <= width) {
      line += word;
      used += w;
      continue;
    }
    if (used > 0) flush();
    if (w <= width) {
      line = word;
      used = w;
      continue;
    }
    for (const ch of word) {
      const cw = displayWidth(ch);
      if (used + cw > width) flush();
      line += ch;
      used += cw;
    }
  }
  if (used > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.trimEnd());
}
