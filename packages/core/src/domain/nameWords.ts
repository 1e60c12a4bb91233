/**
 * Name heuristics match whole words, not substrings: `product-catalog` is neither "prod" nor "log", and
 * `payments-preprod` is not production. A word also matches its plural and -ing forms (`orders`, `logs`).
 */

// One pass: a capitalised or lower-case run of letters (a camelCase hump), an upper-case run not followed by
// lower case (an acronym), any other run of letters (scripts without case), or a run of digits.
const WORD = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{L}+|\p{N}+/gu;

/** Splits a resource name into lower-case words at separators, camelCase humps and letter/digit boundaries. */
export function nameWords(name: string): string[] {
  const words = name.match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) words[i] = words[i]!.toLowerCase();
  return words;
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
