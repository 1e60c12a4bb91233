/**
 * Benchmark helper, run in its own process (the generated estate alone takes ~0.8 GB): generates a scale estate
 * with BACKUP_JOBS backup jobs in October 2026, records it in the ledger at LEDGER, and writes the estate without
 * its job lists to ESTATE (the pack reads jobs from the ledger, as it does in production).
 *
 *   node --import tsx --max-old-space-size=8192 bench/pack/seedLedger.ts LEDGER ESTATE BACKUP_JOBS
 */
import { writeFileSync } from 'node:fs';
import { defaultPolicy } from '@vaultscope/sources';
import { evaluate } from '@vaultscope/core';
import { collectionFromEstate, openLedger } from '@vaultscope/ledger';
import { generateScaleEstate } from '@vaultscope/test-fixtures/scale';

const [ledgerPath, estatePath, jobsArg] = process.argv.slice(2);
if (!ledgerPath || !estatePath) throw new Error('usage: seedLedger.ts LEDGER ESTATE [BACKUP_JOBS]');
const backupJobs = Number(jobsArg ?? 1_000_000);
// 60,000 assets of which ~40,000 are backed up: a million daily jobs are ~25 days, all inside October.
const now = new Date('2026-11-01T00:00:00Z');
const t0 = performance.now();
const estate = generateScaleEstate({ accounts: 200, assets: 60_000, backupJobs, seed: 7, now });
const t1 = performance.now();
const policy = defaultPolicy();
const posture = evaluate(estate, policy.policy, now, { policyHash: policy.hash });
const ledger = openLedger(ledgerPath);
const receipt = ledger.recordCollection(collectionFromEstate(estate, { collectedAt: now.toISOString(), source: `snapshot:${estatePath}`, posture }));
ledger.close();
const t2 = performance.now();
const { jobs: _jobs, ...withoutJobs } = estate;
writeFileSync(estatePath, JSON.stringify(withoutJobs));
process.stdout.write(
  `${JSON.stringify({ generateMs: Math.round(t1 - t0), recordMs: Math.round(t2 - t1), inserted: receipt.inserted, backup: receipt.byKind.backup.inserted })}\n`,
);
