/**
 * The Organization screen before the posture is evaluated: what the estate alone tells — the accounts, how many
 * assets each has, the jobs of the last 24 h and the restore tests — with every posture figure (coverage,
 * unprotected assets, findings) marked as being evaluated. At 100,000 assets evaluation takes seconds; an operator
 * sees the organization as soon as the snapshot is read, and the same screen is replaced by the judged one when
 * evaluation ends. Before that, while the jobs (most of a large file) are read, the same screen shows the accounts
 * and assets alone, the job figures marked too. Built by the same row and totals builders as the judged screen
 * (orgRows.ts), so a column means one thing on both. Pure.
 */
import type { Account, Estate } from '@vaultscope/core';
import type { EstateBeforeJobs } from '@vaultscope/sources';
import type { ViewModel } from '../screen.js';
import { accountRows, jobStats, noJobStats, orgColumns, ORG_EMPTY, ORG_TITLE, totalsHeader } from './orgRows.js';

/**
 * What is read of an estate: the whole of it (its jobs' figures shown), or its start while its jobs are read
 * (their figures marked).
 */
export type ReadSoFar = { jobsRead: true; estate: Estate } | { jobsRead: false; estate: EstateBeforeJobs };

/** An estate as read, before evaluation, with what its screen needs. */
export type Inventory = ReadSoFar & InventoryFigures;

interface InventoryFigures {
  /** The time the posture will be judged at (ms): the 24 h of jobs end then, as on the judged screen. */
  now: number;
  /** The policy's evaluation window (days): restore tests are counted over it, as the posture counts them. */
  windowDays: number;
  /** Assets the posture will judge, per account (every observed asset, as evaluation takes them). */
  assetsByAccount: ReadonlyMap<string, number>;
  /** Assets the posture will judge in all. */
  assets: number;
}

/**
 * The inventory of an estate, for its screen while it is evaluated under a policy of `windowDays` — or of its
 * start, while its jobs are read.
 */
export function inventoryOf(read: ReadSoFar, now: number, windowDays: number): Inventory {
  const { estate } = read;
  const assetsByAccount = new Map<string, number>();
  let assets = 0;
  for (const obs of estate.regions) {
    const n = obs.assets?.length ?? 0;
    if (n === 0) continue;
    assets += n;
    assetsByAccount.set(obs.accountId, (assetsByAccount.get(obs.accountId) ?? 0) + n);
  }
  return { ...read, now, windowDays, assetsByAccount, assets };
}

/** The line that says what is being waited for (the status line shows it while the posture is evaluated). */
export const evaluatingLine = (inventory: Inventory): string =>
  `${inventory.jobsRead ? '' : 'reading jobs, then '}evaluating posture of ${inventory.assets.toLocaleString('en-US')} assets…`;

/** The Organization screen of an estate whose posture is being evaluated. */
export function inventoryView(inventory: Inventory): ViewModel {
  const { estate, jobsRead, now, windowDays, assetsByAccount } = inventory;
  const jobsOf = (accountId?: string): ReturnType<typeof jobStats> => (inventory.jobsRead ? jobStats(inventory.estate, now, windowDays, accountId) : noJobStats());
  const accountById = new Map<string, Account>(estate.accounts.map((a) => [a.Id, a]));
  const ids = new Set([...estate.accounts.map((a) => a.Id), ...assetsByAccount.keys()]);
  return {
    kind: 'table',
    title: ORG_TITLE,
    header: totalsHeader({
      orgId: estate.organization?.Id,
      accounts: estate.accounts.length,
      known: { assets: inventory.assets, ...jobsOf() },
      judged: undefined,
      windowDays,
      jobsPending: !jobsRead,
    }),
    columns: orgColumns(windowDays),
    rows: accountRows(
      [...ids].map((id) => ({
        id,
        account: accountById.get(id),
        known: { assets: assetsByAccount.get(id) ?? 0, ...jobsOf(id) },
        judged: undefined,
        jobsPending: !jobsRead,
      })),
    ),
    empty: ORG_EMPTY,
  };
}
