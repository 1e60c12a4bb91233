import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeValue } from './sanitize.js';

// The demo's hostile strings (@vaultscope/sources/demo) plus the classic terminal attacks, kept here so this test stands alone.
const HOSTILE: readonly string[] = [
  '\u001b[31m',
  '\u001b]0;pwned\u0007',
  '\u001b[2J',
  '\u200f',
  '\u202e',
  '=HYPERLINK("http://x","y")',
  'Κύρια-βάση',
  'клиенты',
  '顧客データ',
  '\u001b]52;c;ZXZpbA==\u0007', // clipboard write (OSC 52)
  '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\', // hyperlink with ST terminators
  '\u009b31m', // 8-bit CSI
  '\u009d0;title\u009c', // 8-bit OSC
  '\u001bP1$r\u001b\\', // DCS
  '\u001b[?1049l', // leave the alternate screen
  '\u001b[', // truncated CSI
  '\u001b]0;unterminated',
  'a\u0000b\u0007c\u0008d\u007fe',
  'line1\nline2\r\tend',
  '\u2066isolate\u2069',
  'zero\u200bwidth',
  'lone \ud800 surrogate',
];

/** Anything that a terminal would act on. */
const ACTIVE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C\u200B\uFEFF\uD800-\uDFFF]/;

describe('sanitize', () => {
  it.each(HOSTILE.map((s) => [JSON.stringify(s), s]))('leaves nothing active in %s', (_label, value) => {
    const out = sanitize(`before ${value} after`);
    expect(out).not.toMatch(ACTIVE);
    expect(out.startsWith('before ')).toBe(true);
  });

  it('keeps the text around escape sequences', () => {
    for (const value of HOSTILE.filter((h) => h !== '\u001b[')) expect(sanitize(`before ${value} after`).endsWith(' after'), JSON.stringify(value)).toBe(true);
    expect(sanitize('x\u001b]0;unterminated')).toBe('x0;unterminated');
  });

  it('removes colour, title, clear-screen and clipboard sequences entirely', () => {
    expect(sanitize('\u001b[31mred\u001b[0m')).toBe('red');
    expect(sanitize('a\u001b]0;pwned\u0007b')).toBe('ab');
    expect(sanitize('x\u001b[2Jy')).toBe('xy');
    expect(sanitize('\u001b]52;c;ZXZpbA==\u0007ok')).toBe('ok');
    expect(sanitize('\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
  });

  it('makes bidi overrides and marks visible instead of letting them reorder text', () => {
    expect(sanitize('invoice\u202Efdp.exe')).toBe('invoice<U+202E>fdp.exe');
    expect(sanitize('a\u200fb')).toBe('a<U+200F>b');
  });

  it('keeps one line: line breaks and tabs become spaces', () => {
    expect(sanitize('a\nb\r\nc\td')).toBe('a b  c d');
  });

  it('leaves ordinary text, including non-Latin scripts and formulas, as it is (the same string, fast)', () => {
    for (const text of ['orders', 'Κύρια-βάση', 'клиенты', '顧客データ', '=HYPERLINK("http://x","y")', 'café ☕']) {
      expect(sanitize(text)).toBe(text);
    }
  });

  it('replaces unpaired surrogates', () => {
    expect(sanitize('a\ud800b')).toBe('a\ufffdb');
  });

  it('lets the caller choose the bidi mark, drop invisible characters and keep line breaks (the PDF)', () => {
    const pdf = { bidiMark: '[bidi]', invisible: 'drop', keepNewlines: true } as const;
    expect(sanitize('invoice\u202Efdp.exe\u200F', pdf)).toBe('invoice[bidi]fdp.exe[bidi]');
    expect(sanitize('zero\u200bwidth\u00adsoft\u200djoin', pdf)).toBe('zerowidthsoftjoin');
    expect(sanitize('a\r\nb\rc\nd\te\u2028f', pdf)).toBe('a\nb\nc\nd e\nf');
    expect(sanitize('a\u001b[31mred\u0000\u0007\n', pdf)).toBe('ared\n');
    expect(sanitize('$&\u202e', { bidiMark: '$&' })).toBe('$&$&');
  });

  it('shows invisible characters by code point for a terminal', () => {
    expect(sanitize('zero\u200bwidth\ufeff')).toBe('zero<U+200B>width<U+FEFF>');
  });

  it('removes control characters without leaving a space, and keeps one line', () => {
    expect(sanitize('a\u0000b\u0008c\u0080d')).toBe('abcd');
    expect(sanitize('a\u0085b\u2029c')).toBe('a b c');
  });

  it('renders non-strings safely', () => {
    expect(sanitizeValue(undefined)).toBe('');
    expect(sanitizeValue(3)).toBe('3');
    expect(sanitizeValue({ a: '\u001b[31m' })).not.toMatch(ACTIVE);
  });
});
