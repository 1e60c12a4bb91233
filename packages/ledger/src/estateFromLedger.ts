/**
 * `--source ledger`: the estate the ledger's latest account observations add up to, with the job lists from the
 * job history (the latest record of every job created since the organization-wide lists' window began).
 */
import type { BackupJob, CopyJob, Estate, RestoreJob } from '@vaultscope/core';
import { estateFromObservations, ORGANIZATION_KEY, type StaleAccount } from './observations.js';
import { ALL_TIME } from './ledger.js';
import { collectRecords, type LedgerStore } from './store.js';

/** Reads the union of the latest observations; `stale` names the accounts observed more than `maxAgeHours` ago. */
export async function estateFromLedger(store: LedgerStore, options: { now: Date; maxAgeHours: number }): Promise<{ estate: Estate; stale: StaleAccount[] }> {
  const observations = await collectRecords(store.iterateObservations());
  const { estate, stale } = estateFromObservations(observations, { location: store.location, ...options });
  const since = observations.find((o) => o.key === ORGANIZATION_KEY)?.jobsSince;
  if (!since) return { estate, stale };
  const window = { from: since, to: ALL_TIME.to };
  const jobs: NonNullable<Estate['jobs']> = {
    backup: await collectRecords(store.iterateJobs('backup', window)) as BackupJob[],
    copy: await collectRecords(store.iterateJobs('copy', window)) as CopyJob[],
    restore: await collectRecords(store.iterateJobs('restore', window)) as RestoreJob[],
    since,
  };
  return { estate: { ...estate, jobs }, stale };
}
