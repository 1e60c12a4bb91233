/**
 * The alert delivery records (`alert_deliveries`): what makes each alert go out once per sink, kept across runs,
 * outside the hash chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite/store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('alert deliveries', () => {
  it('are remembered per key and sink across reopening, recorded once, and leave the chain as it was', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaultscope-alerts-ledger-'));
    const path = join(dir, 'ledger.sqlite');
    const first = openSqliteStore(path);
    const head = await first.head();
    expect(await first.alertsDelivered('slack', ['a', 'b'])).toEqual(new Set());
    await first.recordAlertDelivery({ key: 'a', sink: 'slack', kind: 'job-failed', deliveredAt: '2026-12-04T00:00:00.000Z' });
    await first.recordAlertDelivery({ key: 'a', sink: 'slack', kind: 'job-failed', deliveredAt: '2026-12-04T01:00:00.000Z' });
    await first.close();

    const second = openSqliteStore(path);
    expect(await second.alertsDelivered('slack', ['a', 'b'])).toEqual(new Set(['a']));
    // Another sink has not had it.
    expect(await second.alertsDelivered('email:oncall', ['a'])).toEqual(new Set());
    expect(second.ledger.database.prepare('SELECT COUNT(*) AS n FROM alert_deliveries').get()).toEqual({ n: 1 });
    expect(await second.head()).toEqual(head);
    expect(second.ledger.verifyChain().ok).toBe(true);
    await second.close();
  });

  it('a ledger made before the table gains it when next opened for writing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vaultscope-alerts-ledger-'));
    const path = join(dir, 'ledger.sqlite');
    const old = openSqliteStore(path);
    old.ledger.database.exec('DROP TABLE alert_deliveries');
    await old.close();
    const reopened = openSqliteStore(path);
    expect(await reopened.alertsDelivered('webhook', ['x'])).toEqual(new Set());
    await reopened.close();
  });
});
