/**
 * What `/` types, as a row test (k9s parity): plain text is a case-insensitive substring; text with a regular
 * expression character (`^ $ * + ? ( ) [ ] { } | \`) is a case-insensitive regex tested against each shown cell,
 * so `^arn:.*rds` anchors at the start of a cell; a leading `!` inverts either. A dot alone keeps the text plain:
 * `backup.not-in-plan` is a check id, not a pattern. An invalid regex is reported, never thrown.
 */

/** A compiled `/` filter. */
export interface RowFilter {
  /** The filter as typed. */
  text: string;
  /** `!`: keep the rows that do not match. */
  negate: boolean;
  /** Lower-cased substring, when the filter is plain text (only plain filters narrow step by step). */
  plain?: string;
  regex?: RegExp;
  /** Why the regex is invalid (the filter then keeps no row). */
  error?: string;
}

const REGEX_CHARS = /[\^$*+?()[\]{}|\\]/;
const cache = new Map<string, RowFilter>();

/** Compiles filter text (remembered: the same text is asked about on every frame). */
export function compileFilter(text: string): RowFilter {
  let hit = cache.get(text);
  if (hit) return hit;
  const negate = text.startsWith('!');
  const body = negate ? text.slice(1) : text;
  if (body === '') hit = { text, negate: false, plain: '' };
  else if (!REGEX_CHARS.test(body)) hit = { text, negate, plain: body.toLowerCase() };
  else {
    try {
      hit = { text, negate, regex: new RegExp(body, 'iu') };
    } catch (error) {
      hit = { text, negate, error: (error as Error).message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/, '').split('\n')[0] ?? 'invalid' };
    }
  }
  if (cache.size > 200) cache.clear();
  cache.set(text, hit);
  return hit;
}

/** The one line to show for a filter that cannot run, if any. */
export function filterProblem(text: string): string | undefined {
  const filter = compileFilter(text);
  return filter.error ? `Invalid regex /${filter.negate ? text.slice(1) : text}/: ${filter.error}` : undefined;
}

/** Whether a row stays: `search` is its lower-cased searched text, `cells` the searched cells as shown. */
export function keeps(filter: RowFilter, search: string, cells: () => readonly string[]): boolean {
  if (filter.error) return false;
  const hit = filter.plain !== undefined ? search.includes(filter.plain) : cells().some((c) => filter.regex?.test(c) ?? false);
  return hit !== filter.negate;
}
