/**
 * The Organization screen before the posture is evaluated: what the estate alone tells — the accounts, how many
 * assets each has, the jobs of the last 24 h and the restore tests — with every posture figure (coverage,
 * unprotected assets, findings) marked as being evaluated. At 100,000 assets evaluation takes seconds; an operator
 * sees the organization as soon as the snapshot is read, and the same screen is replaced by the judged one when
 * evaluation ends. Built by the same row and totals builders as the judged screen (orgRows.ts), so a column means
 * one thing on both. Pure.
 */
import type { Account, Estate } from '@vaultscope/core';
import type { ViewModel } from '../screen.js';
import { accountRows, jobStats, orgColumns, ORG_EMPTY, ORG_TITLE, totalsHeader } from './orgRows.js';

/** An estate as read, before evaluation, with what its screen needs. */
export interface Inventory {
  estate: Estate;
  /** The time the posture will be judged at (ms): the 24 h of jobs end then, as on the judged screen. */
  now: number;
  /** The policy's evaluation window (days): restore tests are counted over it, as the posture counts them. */
  windowDays: number;
  /** Assets the posture will judge, per account (every observed asset, as evaluation takes them). */
  assetsByAccount: ReadonlyMap<string, number>;
  /** Assets the posture will judge in all. */
  assets: number;
}

/** The inventory of an estate, for its screen while it is evaluated under a policy of `windowDays`. */
export function inventoryOf(estate: Estate, now: number, windowDays: number): Inventory {
  const assetsByAccount = new Map<string, number>();
  let assets = 0;
  for (const obs of estate.regions) {
    const n = obs.assets?.length ?? 0;
    if (n === 0) continue;
    assets += n;
    assetsByAccount.set(obs.accountId, (assetsByAccount.get(obs.accountId) ?? 0) + n);
  }
  return { estate, now, windowDays, assetsByAccount, assets };
}

/** The line that says what is being waited for (the status line shows it while the posture is evaluated). */
export const evaluatingLine = (inventory: Inventory): string => `evaluating posture of ${inventory.assets.toLocaleString('en-US')} assets…`;

/** The Organization screen of an estate whose posture is being evaluated. */
export function inventoryView(inventory: Inventory): ViewModel {
  const { estate, now, windowDays, assetsByAccount } = inventory;
  const accountById = new Map<string, Account>(estate.accounts.map((a) => [a.Id, a]));
  const ids = new Set([...estate.accounts.map((a) => a.Id), ...assetsByAccount.keys()]);
  return {
    kind: 'table',
    title: ORG_TITLE,
    header: totalsHeader({
      orgId: estate.organization?.Id,
      accounts: estate.accounts.length,
      known: { assets: inventory.assets, ...jobStats(estate, now, windowDays) },
      judged: undefined,
      windowDays,
    }),
    columns: orgColumns(windowDays),
    rows: accountRows(
      [...ids].map((id) => ({
        id,
        account: accountById.get(id),
        known: { assets: assetsByAccount.get(id) ?? 0, ...jobStats(estate, now, windowDays, id) },
        judged: undefined,
      })),
    ),
    empty: ORG_EMPTY,
  };
}
