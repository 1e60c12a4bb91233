/**
 * Name heuristics match whole words, not substrings: `product-catalog` is neither "prod" nor "log", and
 * `payments-preprod` is not production. A word also matches its plural and -ing forms (`orders`, `logs`).
 */

/** Splits a resource name into lower-case words at separators, camelCase humps and letter/digit boundaries. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, (_m, a?: string, b?: string, c?: string, d?: string) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const SUFFIXES = ['', 's', 'es', 'ing'];

/** The first pattern that one of the words is (or is a plural or -ing form of), if any. */
export function findWord(words: readonly string[], patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    const p = pattern.toLowerCase();
    if (words.some((w) => w.startsWith(p) && SUFFIXES.includes(w.slice(p.length)))) return pattern;
  }
  return undefined;
}
