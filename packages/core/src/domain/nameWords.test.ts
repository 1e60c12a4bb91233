import { describe, expect, it } from 'vitest';
import { findWord, nameWords } from './nameWords.js';

describe('nameWords', () => {
  it.each([
    ['payments-preprod', ['payments', 'preprod']],
    ['CustomerOrders2024', ['customer', 'orders', '2024']],
    ['HTTPServerLogs', ['http', 'server', 'logs']],
    ['prod01_ledger.db', ['prod', '01', 'ledger', 'db']],
    ['顧客データ-prod', ['顧客データ', 'prod']],
    ['Κύρια-βάση', ['κύρια', 'βάση']],
    ['', []],
  ])('%s', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

describe('findWord', () => {
  it('matches a whole word or its plural and -ing forms, never a part of a word', () => {
    expect(findWord(['access', 'logs'], ['log'])).toBe('log');
    expect(findWord(['reporting', 'db'], ['report'])).toBe('report');
    expect(findWord(['product', 'catalog'], ['prod', 'log'])).toBeUndefined();
    expect(findWord(['border', 'control'], ['order'])).toBeUndefined();
  });
});
