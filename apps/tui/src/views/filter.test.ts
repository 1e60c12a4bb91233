import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderApp } from '../testing/renderApp.js';
import { tinyOrgData } from '../testing/tinyEstate.js';

afterEach(() => cleanup());

/** Names in the first column of the table body. */
const names = (frame: string): string[] =>
  frame
    .split('\n')
    .filter((l) => /^(›| ) \S/.test(l))
    .map((l) => l.slice(2).trim().split(/\s{2,}/)[0] ?? '')
    .filter((n) => n && n !== 'NAME');

async function assetsFiltered(filter: string): Promise<{ frame: string; app: ReturnType<typeof renderApp> }> {
  const app = renderApp({ data: tinyOrgData(), screen: { kind: 'list', list: 'assets' } });
  await app.waitFor((f) => f.includes('customers') && f.includes('ledger'));
  app.press('/');
  app.press(filter);
  app.press(KEYS.enter);
  const frame = await app.waitFor((f) => f.includes(`filter /${filter}`) && !f.includes('/█'));
  return { frame, app };
}

describe('/ filter: inverse and regex', () => {
  it('plain text is a substring', async () => {
    const { frame } = await assetsFiltered('order');
    expect(names(frame)).toEqual(['orders']);
  });

  it('! keeps the rows that do not match', async () => {
    const { frame } = await assetsFiltered('!prod');
    const shown = names(frame);
    expect(shown.length).toBeGreaterThan(0);
    // Every asset of payments-prod and data-prod is gone; the sandbox one stays.
    expect(shown.some((n) => n.startsWith('scratch'))).toBe(true);
    expect(shown).not.toContain('orders');
    expect(shown).not.toContain('ledger');
  });

  it('a regex anchors at the start of a cell, case-insensitively', async () => {
    const { frame } = await assetsFiltered('^C(ache|ust)');
    expect(names(frame).sort()).toEqual(['cache-sessions', 'customers']);
  });

  it('! inverts a regex', async () => {
    const { frame } = await assetsFiltered('!^(orders|ledger)$');
    const shown = names(frame);
    expect(shown).toContain('customers');
    expect(shown).not.toContain('orders');
    expect(shown).not.toContain('ledger');
  });

  it('an invalid regex is one line, not a crash; Esc clears it', async () => {
    const { frame, app } = await assetsFiltered('^arn:(rds');
    expect(frame).toMatch(/Invalid regex \/\^arn:\(rds\/: Unterminated group — Esc clears/);
    for (const name of ['orders', 'customers', 'ledger']) expect(frame).not.toContain(name);
    app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('orders') && f.includes('customers') && !f.includes('Invalid regex'));
  });
});
