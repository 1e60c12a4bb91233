import { HOSTILE_STRINGS } from '@vaultscope/sources/demo';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCell } from './csvCell.js';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ['@SUM(1)', `'@SUM(1)`],
    ['-2+3', `'-2+3`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'=1+1`],
    ['\u0000=1+1', `'=1+1`],
    ['\u001b[31m=1+1', `'=1+1`],
    ['\u202e=1+1', `'=1+1`],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each([
    ['legit\n=1+1', `legit\n'=1+1`],
    ['=A1\n+B2\n@C3\n-D4\n-5', `'=A1\n'+B2\n'@C3\n'-D4\n-5`],
    ['a\r\n=HYPERLINK("x")', `a\n'=HYPERLINK("x")`],
    ['ok\n\u0000=1+1', `ok\n'=1+1`],
    ['ok\n\tcmd', `ok\n'\tcmd`],
  ])('neutralises every line of the multi-line value %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it.each(['-5', '+5', '-0.25', '1e-3', '-.5'])('leaves the number %j alone', (n) => {
    expect(neutraliseCell(n)).toBe(n);
  });

  it('removes escape sequences, control characters and bidi controls, keeping text and line feeds', () => {
    expect(neutraliseCell('a\u001b]0;pwned\u0007b\u001b[2Jc')).toBe('abc');
    expect(neutraliseCell('ledger\u202edb\u200f')).toBe('ledgerdb');
    expect(neutraliseCell('line 1\nline 2\u0008')).toBe('line 1\nline 2');
    expect(neutraliseCell('Κύρια-βάση клиенты 顧客データ')).toBe('Κύρια-βάση клиенты 顧客データ');
  });

  it('makes every hostile string of the demo inert', () => {
    for (const s of HOSTILE_STRINGS) {
      const cell = neutraliseCell(s);
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(cell).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    }
  });

  it('writes numbers, booleans and absent values plainly', () => {
    expect(toCell(-3)).toBe('-3');
    expect(toCell(Number.NaN)).toBe('');
    expect(toCell(true)).toBe('true');
    expect(toCell(undefined)).toBe('');
    expect(toCell(null)).toBe('');
  });
});
