import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal } from './sanitize.js';

describe('sanitizeForTerminal', () => {
  it.each([
    ['colour codes', 'a\u001b[31mred\u001b[0m', 'ared'],
    ['window title (OSC, BEL)', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['window title (OSC, ST)', 'x\u001b]0;pwned\u001b\\y', 'xy'],
    ['clear screen', '\u001b[2Jboom', 'boom'],
    ['bare control characters', 'a\u0000b\u0008c\u009bd', 'a b c d'],
    ['newline and tab', 'a\nb\tc', 'a b c'],
    ['right-to-left override', 'invoice\u202eexe.pdf', 'invoice⟨bidi⟩exe.pdf'],
    ['right-to-left mark', 'name\u200f', 'name⟨bidi⟩'],
    ['non-Latin script kept', 'Κύρια-βάση клиенты 顧客データ', 'Κύρια-βάση клиенты 顧客データ'],
    ['spreadsheet formula kept as text', '=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeForTerminal(input)).toBe(expected);
  });
});
