import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderApp } from '../testing/renderApp.js';
import { defaultPolicy } from '@vaultscope/sources';
import { evaluate } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { NOW, tinyOrgData } from '../testing/tinyEstate.js';
import { buildOrgData } from '../model/orgData.js';
import { displayWidth } from '../text/width.js';
import { evaluatingLine, inventoryOf, inventoryView } from '../views/org/orgInventory.js';
import { findingLabel, restoreWindowDays } from '../views/org/orgRows.js';
import { screenTitle } from '../views/titles.js';
import type { ViewData } from '../model/viewData.js';

afterEach(() => cleanup());

const data = tinyOrgData();
/** The body line holding the cursor. */
const cursorLine = (frame: string): string => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('App (through ink-testing-library)', () => {
  it('opens on the organization: totals, freshness, one row per account, worst first', async () => {
    const app = renderApp({ data });
    const frame = await app.waitFor((f) => f.includes('payments-prod'));
    expect(frame).toContain('vaultscope › Organization');
    expect(frame).toContain('demo · captured 0s ago');
    expect(frame).toContain('3 accounts · 5 assets');
    expect(cursorLine(frame)).toContain('payments-prod');
    expect(frame.indexOf('payments-prod')).toBeLessThan(frame.indexOf('data-prod'));
  });

  it('drills organization → account → asset xray and backs out', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('[Assets]') && f.includes('customers'));
    app.press(KEYS.down, KEYS.enter);
    const xray = await app.waitFor((f) => f.includes('Classification'));
    expect(xray).toContain('vaultscope › Organization › payments-prod › orders');
    expect(xray).toContain('plan prod-hourly · selection tagged-daily · ListOfTags backup=daily');
    app.press(KEYS.escape);
    const account = await app.waitFor((f) => f.includes('[Assets]'));
    expect(cursorLine(account)).toContain('orders');
    app.press(KEYS.backspace);
    await app.waitFor((f) => f.includes('WORST FINDING'));
  });

  it('applies keys that arrive in one chunk in order', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('jj\r');
    const frame = await app.waitFor((f) => f.includes('[Assets]'));
    expect(frame).toContain('Root/Sandbox');
  });

  it('keeps an Esc that arrives in one chunk with the next key', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('[Assets]'));
    // Esc then j in one write: back to the Organization, then one row down.
    app.press('\u001Bj');
    await app.waitFor((f) => !f.includes('[Assets]') && f.includes('WORST FINDING'));
    await app.waitFor(() => app.state()?.stack.length === 1 && app.state()?.stack[0]?.list.cursor === 1);
    // Esc then ↓ in one write, from an account again.
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('[Assets]'));
    app.press('\u001B\u001B[B');
    await app.waitFor(() => app.state()?.stack.length === 1 && app.state()?.stack[0]?.list.cursor === 2);
  });

  it('drops nothing and replays nothing typed while loading: keys act at once, the data lands on the first row', async () => {
    const app = renderApp({});
    await app.waitFor((f) => f.includes('loading'));
    app.press('jjj');
    await app.waitFor(() => app.state()?.stack[0]?.list.cursor === 0);
    app.model.emit({ data, status: { loading: false, failures: 0, intervalMs: 5000, skipped: 0, lastSuccessAt: NOW } });
    await app.waitFor((f) => f.includes('payments-prod'));
    expect(app.state()?.stack[0]?.list.cursor).toBe(0);
  });

  describe('while the posture of a large snapshot is evaluated (the inventory first)', () => {
    const inventory = inventoryOf({ jobsRead: true, estate: data.estate }, data.now, restoreWindowDays(data));
    /** What the source worker sends once the snapshot is read: the Organization screen only, and what it waits for. */
    const beforePosture: ViewData = {
      meta: { capturedAt: data.estate.capturedAt, judgedAt: data.now, evaluating: evaluatingLine(inventory) },
      view: (screen) => (screen.kind === 'org' ? inventoryView(inventory) : undefined),
      title: (screen) => screenTitle(undefined, screen),
    };
    const evaluating = { loading: true, failures: 0, intervalMs: 5000, skipped: 0 };
    const judged = { loading: false, failures: 0, intervalMs: 5000, skipped: 0, lastSuccessAt: NOW };
    /** The worst findings' severity labels (`CRIT backup.…`) on screen: posture figures. */
    const postureFigures = (frame: string): string[] => [...new Set(data.findings.map((f) => findingLabel(f).slice(0, 10)))].filter((label) => frame.includes(label));

    it('draws the accounts with their posture marked as being evaluated, then replaces them in place by the judged screen', async () => {
      const app = renderApp({ status: { loading: true } });
      await app.waitFor((f) => f.includes('loading'));
      app.model.emitViews({ status: evaluating, data: beforePosture });
      const frame = await app.waitFor((f) => f.includes('payments-prod'));
      expect(frame).toContain('evaluating posture of 5 assets…');
      expect(frame).toContain('3 accounts · 5 assets · coverage … · unprotected … critical … important');
      expect(postureFigures(frame)).toEqual([]);
      expect(frame).not.toContain('coverage 33%');
      // Accounts by name until judged (data-prod, the hostile name, payments-prod).
      expect(cursorLine(frame)).toContain('data-prod');
      app.press('j');
      await app.waitFor((f) => cursorLine(f).includes('444444444444'));
      app.press('j');
      await app.waitFor((f) => cursorLine(f).includes('payments-prod'));
      expect(cursorLine(app.frame())).toMatch(/payments-prod .*…/);

      app.model.emit({ data, status: judged });
      const after = await app.waitFor((f) => f.includes('coverage 33%'));
      expect(after).not.toContain('evaluating posture');
      expect(postureFigures(after).length).toBeGreaterThan(0);
      expect(after).not.toMatch(/ … /);
      // Replaced in place: the same screen, the cursor still on the account it was on (now first, worst first).
      expect(app.state()?.stack).toHaveLength(1);
      expect(cursorLine(after)).toContain('payments-prod');
      expect(after.indexOf('payments-prod')).toBeLessThan(after.indexOf('data-prod'));
    });

    it('keeps keys working meanwhile: a screen that needs the posture says it is loading until the posture comes', async () => {
      const app = renderApp({ status: { loading: true } });
      app.model.emitViews({ status: evaluating, data: beforePosture });
      await app.waitFor((f) => f.includes('payments-prod'));
      app.press('G');
      await app.waitFor((f) => cursorLine(f).includes('payments-prod'));
      app.press(KEYS.enter);
      const waiting = await app.waitFor((f) => (f.split('\n')[0] ?? '').includes('222222222222') && f.includes('Loading…'));
      expect(waiting).toContain('evaluating posture of 5 assets…');
      expect(postureFigures(waiting)).toEqual([]);
      // Typed while waiting: acted on at once (the filter prompt), not replayed when the posture comes.
      app.press('/');
      await app.waitFor(() => app.state()?.mode === 'filter');
      app.press(KEYS.escape);
      await app.waitFor(() => app.state()?.mode === 'normal');

      app.model.emit({ data, status: judged });
      const account = await app.waitFor((f) => f.includes('[Assets]'));
      expect(account).not.toContain('evaluating posture');
      expect(account).not.toContain('Loading…');
      expect(app.state()?.stack.map((e) => e.screen.kind)).toEqual(['org', 'account']);
      app.press(KEYS.escape);
      const org = await app.waitFor((f) => f.includes('coverage 33%'));
      expect(cursorLine(org)).toContain('payments-prod');
    });
  });

  it('switches account tabs with Tab and Shift-Tab', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('[Assets]'));
    app.press(KEYS.tab);
    const jobs = await app.waitFor((f) => f.includes('[Jobs]'));
    expect(jobs).toMatch(/FAILED .* AccessDenied: Access d/);
    app.press(KEYS.shiftTab, KEYS.shiftTab);
    await app.waitFor((f) => f.includes('[Plans & vaults]') && f.includes('prod-vault'));
  });

  it('filters with /, keeps it with Enter and clears it with Esc', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('/', 'D', 'a', 't', 'a');
    const filtered = await app.waitFor((f) => f.includes('/Data█') && !f.includes('payments-prod'));
    expect(filtered).toContain('data-prod');
    app.press(KEYS.enter);
    const kept = await app.waitFor((f) => f.includes('filter /Data') && f.includes('q quit'));
    expect(kept).toContain('1/1 of 3');
    app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('payments-prod') && !f.includes('filter /'));
  });

  it('opens :findings through command mode with Tab completion', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(':', 'f', 'i');
    await app.waitFor((f) => f.includes(':fi█') && f.includes('findings'));
    app.press(KEYS.tab);
    await app.waitFor((f) => f.includes(':findings█'));
    app.press(KEYS.enter);
    const frame = await app.waitFor((f) => f.includes('findings, worst first'));
    expect(cursorLine(frame)).toContain('CRIT');
  });

  it('shows the help generated from the key registry', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('?');
    const help = await app.waitFor((f) => f.includes('nav.up'));
    expect(help).toContain('↑ k');
    expect(help).toContain('Move up');
  });

  it('asks the model to refresh on r, and quits on q', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('r');
    await app.waitFor(() => app.model.refreshes === 1);
    app.press('q');
    await app.waitFor(() => app.state()?.quit === true);
  });

  it('shows that data is stale when refreshing fails, keeping the last good data', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.model.emit({ data, status: { loading: false, failures: 1, intervalMs: 5000, skipped: 0, lastSuccessAt: NOW - 20_000, error: 'ThrottlingException: Rate exceeded', nextAt: NOW + 10_000 } });
    const frame = await app.waitFor((f) => f.includes('STALE'));
    expect(frame).toContain('refresh failed: ThrottlingException: Rate exceeded · retry in 10s');
    expect(frame).toContain('payments-prod');
  });

  it('says it is loading before the first data arrives, then draws it', async () => {
    const app = renderApp({ status: { loading: true } });
    await app.waitFor((f) => f.includes('loading'));
    app.model.emit({ data, status: { loading: false, failures: 0, intervalMs: 5000, skipped: 0, lastSuccessAt: NOW } });
    await app.waitFor((f) => f.includes('payments-prod'));
  });

  it('fits 80 columns and never prints a raw escape sequence from the estate', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    Object.defineProperty(app.stdout, 'columns', { value: 80, configurable: true });
    app.stdout.emit('resize');
    const frame = await app.waitFor((f) => displayWidth(f.split('\n')[0] ?? '') <= 80);
    expect(frame).toContain('WORST FINDING');
    for (const line of frame.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(frame).toContain('evilred<U+');
    expect(frame).not.toContain('\u001b]');
    expect(frame).not.toContain('\u202e');
  });

  it('keeps the current screen in the title: a : view replaces the stack above the Organization', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press(':', 'p', 'u', 'l', 's', 'e', KEYS.enter);
    await app.waitFor((f) => f.includes('› Pulse'));
    app.press(KEYS.tab, KEYS.tab, KEYS.tab, KEYS.enter);
    app.press(':', 'a', 's', 's', 'e', 't', 's', KEYS.enter);
    await app.waitFor((f) => f.includes('› Assets'));
    app.press(':', 'f', 'i', 'n', 'd', 'i', 'n', 'g', 's', KEYS.enter);
    const frame = await app.waitFor((f) => f.includes('findings, worst first'));
    expect(frame.split('\n')[0]).toContain('vaultscope › Organization › Findings');
    app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('WORST FINDING') && (f.split('\n')[0] ?? '').includes('vaultscope › Organization '));
  });

  it('shows every organization figure at 80×24, and the footer keeps ? help and q quit', async () => {
    const estate = generateDemoEstate({ seed: 42, now: new Date(NOW) });
    const demo = buildOrgData(estate, evaluate(estate, defaultPolicy().policy, new Date(NOW)), 'demo');
    const app = renderApp({ data: demo });
    Object.defineProperty(app.stdout, 'columns', { value: 80, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: 24, configurable: true });
    app.stdout.emit('resize');
    const frame = await app.waitFor((f) => displayWidth(f.split('\n')[0] ?? '') <= 80 && f.includes('WORST'));
    const lines = frame.split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(23);
    const s = demo.posture.summary;
    expect(frame).toMatch(new RegExp(`unprotected \\d+ critical \\d+ important`));
    expect(frame).toContain(`findings ${s.bySeverity.critical ?? 0} crit ${s.bySeverity.high ?? 0} high ${s.bySeverity.medium ?? 0} medium`);
    expect(frame).toMatch(/restore tests 30 d \d/);
    const footer = lines[lines.length - 1] ?? '';
    expect(footer).toContain('? help');
    expect(footer).toContain('q quit');
    expect(footer).not.toMatch(/…\s*$/);
  });

  it('says why a list is empty when the filter matches nothing', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('/', 'p', 'w', 'n', 'x');
    const frame = await app.waitFor((f) => f.includes('No rows match /pwnx — Esc clears'));
    expect(frame).not.toContain('No accounts observed.');
  });

  it('keeps the refresh error in the status line when a key leaves a message', async () => {
    const app = renderApp({ data });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.model.emit({ data, status: { loading: false, failures: 1, intervalMs: 5000, skipped: 0, lastSuccessAt: NOW - 20_000, error: 'Throttled', nextAt: NOW + 10_000 } });
    await app.waitFor((f) => f.includes('refresh failed'));
    app.press('S');
    const frame = await app.waitFor((f) => f.includes('Press s to choose'));
    expect(frame).toContain('refresh failed: Throttled');
  });
});
