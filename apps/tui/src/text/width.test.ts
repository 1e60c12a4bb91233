import { describe, expect, it } from 'vitest';
import { displayWidth, fit, truncate, wrapText } from './width.js';

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
});
