import { describe, expect, it } from 'vitest';
import { displayWidth, fit, truncate, wrapPieces, wrapText } from './width.js';

describe('width', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('顧客')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('fits text to an exact width, cutting with an ellipsis', () => {
    expect(fit('orders', 8)).toBe('orders  ');
    expect(fit('orders', 8, 'right')).toBe('  orders');
    expect(fit('customer-ledger', 8)).toBe('custome…');
    expect(displayWidth(fit('顧客データ顧客データ', 7))).toBe(7);
    expect(truncate('abc', 0)).toBe('');
  });

  it('wraps at spaces and breaks words longer than the line', () => {
    expect(wrapText('aws backup update --plan x', 12)).toEqual(['aws backup', 'update', '--plan x']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('short', 10)).toEqual(['short']);
  });

  it('wraps into exact slices: first line and continuations have their own widths, split words gain no space', () => {
    const command =
      'aws backup start-backup-job --backup-vault-name prod-vault --resource-arn arn:aws:dynamodb:eu-west-1:222222222222:table/card-disputes --iam-role-arn arn:aws:iam::222222222222:role/service-role/AWSBackupDefaultServiceRole';
    for (const [first, rest] of [[40, 34], [76, 70], [17, 11], [116, 110]] as const) {
      const pieces = wrapPieces(command, first, rest);
      expect(pieces.join('')).toBe(command);
      pieces.forEach((p, i) => expect(displayWidth(p.trimEnd()), p).toBeLessThanOrEqual(i === 0 ? first : rest));
      for (const p of pieces.slice(1)) expect(p.startsWith(' ')).toBe(false);
    }
    // The role name is broken mid-word only when it cannot fit a line of its own.
    expect(wrapPieces(command, 116, 110).some((p) => p.includes('AWSBackupDefaultServiceRole'))).toBe(true);
  });

  it('keeps the indentation of a line whose first word is too long', () => {
    expect(wrapPieces('    abcdefghij', 8, 6)).toEqual(['    abcd', 'efghij']);
  });
});
