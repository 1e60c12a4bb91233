/**
 * Ink turns every line of every frame into styled characters with @alcalzone/ansi-tokenize. That package is
 * patched (patches/, applied by patch-package on install): each character is an object literal, and the
 * characters of one run of equal style share one styles array. As published, an object spread made each
 * character, and V8 moved those objects into the UI thread's old generation, so every frame left ~0.6 MB there
 * (docs/benchmarks.md, TUI memory). These tests check that the patch is in place and that it draws the same
 * text as the published code.
 */
import { reduceAnsiCodesIncremental, styledCharsFromTokens, styledCharsToString, tokenize, type AnsiCode, type StyledChar, type Token } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';

/** The published `styledCharsFromTokens` (0.3.2), kept here as the reference. */
function published(tokens: Token[]): StyledChar[] {
  let codes: AnsiCode[] = [];
  const ret: StyledChar[] = [];
  for (const token of tokens) {
    if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    else if (token.type === 'char') ret.push({ ...token, styles: [...codes] });
  }
  return ret;
}

const ESC = '\u001B';
const lines = [
  'plain text',
  `${ESC}[1mbold${ESC}[22m then ${ESC}[31mred${ESC}[39m and ${ESC}[7minverse ${ESC}[1mbold too${ESC}[22m${ESC}[27m`,
  `${ESC}[2m${ESC}[1mdim and bold${ESC}[22m plain ${ESC}[38;5;208m256-colour${ESC}[0m reset`,
  `wide 日本語 and emoji 👍🏽 ${ESC}[32mgreen 漢字${ESC}[39m`,
  `${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\ after`,
  `${ESC}[44m${ESC}[37mSELECTED_NOT_PROTECTED${ESC}[39m${ESC}[49m`,
  '',
];

describe('styled characters of a frame (patched ansi-tokenize)', () => {
  it.each(lines.map((line) => [JSON.stringify(line), line]))('draws %s as the published code does', (_name, line) => {
    const tokens = tokenize(line);
    const chars = styledCharsFromTokens(tokens);
    const reference = published(tokens);
    expect(styledCharsToString(chars)).toBe(styledCharsToString(reference));
    expect(chars.map(({ value, fullWidth, styles }) => ({ value, fullWidth, styles }))).toEqual(reference.map(({ value, fullWidth, styles }) => ({ value, fullWidth, styles })));
  });

  it('makes each character a plain literal and shares one styles array per run of equal style', () => {
    const chars = styledCharsFromTokens(tokenize(`ab${ESC}[1mcd${ESC}[31mef${ESC}[39m${ESC}[22mg`));
    expect(chars.map((c) => c.value).join('')).toBe('abcdefg');
    expect(Object.keys(chars[0] as StyledChar)).toEqual(['type', 'value', 'fullWidth', 'styles']);
    const [a, b, c, d, e, f, g] = chars as [StyledChar, StyledChar, StyledChar, StyledChar, StyledChar, StyledChar, StyledChar];
    // The patch is applied: one array per run (the published code gave each character its own copy).
    expect(a.styles).toBe(b.styles);
    expect(c.styles).toBe(d.styles);
    expect(e.styles).toBe(f.styles);
    expect(new Set([a.styles, c.styles, e.styles, g.styles]).size).toBe(4);
    expect(e.styles.map((s) => s.code)).toEqual([`${ESC}[1m`, `${ESC}[31m`]);
    expect(g.styles).toEqual([]);
  });
});
