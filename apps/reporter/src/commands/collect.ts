/**
 * `collect --source …`: observe a source and append its jobs and a posture summary to the history ledger.
 */
import { InputError, type Posture } from '@vaultscope/core';
import { describeShard, describeSource, jobListRegions, parseShard, parseSourceSpec, recordsOrganization } from '@vaultscope/sources';
import { MEMORY_LEDGER, openLedgerStore, resolveLedgerPath, type LedgerStore } from '@vaultscope/ledger';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import { limitHeapGrowth } from '../cli/heapGrowth.js';
import { LEDGER_SOURCE, type CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { describeReceipt, recordObservation } from './observe.js';
import { fixedClock, withFixedClock } from './pack.js';

/** Options of `collect` (and of the collection half of a scheduled cycle). */
export interface CollectOptions extends AwsCliOptions {
  source: string;
  ledger?: string;
  policy?: string;
  retentionDays?: string;
  ledgerWait?: string;
}

/** Parses `--ledger-wait` (seconds to wait for another writer of the ledger). */
export function parseLedgerWait(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 86_400) throw new InputError(`--ledger-wait: expected a whole number of seconds from 0 to 86400, got "${value}"`);
  return seconds * 1000;
}

/** Parses `--retention-days`. */
export function parseRetentionDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new InputError(`--retention-days: expected a whole number of days ≥ 1, got "${value}"`);
  return days;
}

/** `collect`. */
export function registerCollectCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    program
      .command('collect')
      .description('observe a source and append its backup, copy and restore jobs and a posture summary to the history ledger')
      .requiredOption('--source <source>', 'demo | aws | snapshot:PATH')
      .option('--ledger <path>', 'history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory; demo: in memory)')
      .option('--policy <file>', 'policy YAML (default: the bundled policy)')
      .option('--ledger-wait <s>', 'wait up to S seconds for another process writing to the ledger, then exit 2 without recording (default 60)')
      .option('--retention-days <n>', 'then remove batches collected more than N days ago (default: keep everything)')
      .option('--now <iso>', 'observation time, e.g. 2026-12-03T18:00:00Z (the demo is generated as of it; a replay or a test of the ledger)')
      .option(
        '--shard <i/n>',
        'observe only shard I of N of the accounts (stable by account id), and list the organization-wide jobs of every Nth Region from the Ith (the Regions sorted); shard 1 also records the organization',
      ),
  ).action(async (options: CollectOptions & { now?: string }) => {
    // Only --now: a SOURCE_DATE_EPOCH meant for reproducible packs must not stop the clock of collections.
    const fixed = fixedClock(options.now, {});
    writeLines(ctx.stdout, (await runCollect(fixed ? withFixedClock(ctx, fixed) : ctx, options)).lines);
  });
}

/** Removes the batches collected more than `days` before `now` (recorded in the chain); says what it removed. */
export async function applyRetention(ledger: LedgerStore, days: number, now: Date): Promise<string> {
  const pruned = await ledger.prune(new Date(now.getTime() - days * 86_400_000).toISOString(), now.toISOString());
  return `retention ${days} days: removed ${pruned.batchesRemoved} batches, ${pruned.entriesRemoved} records${pruned.seq ? ` (recorded as batch ${pruned.seq})` : ''}`;
}

/** What a collection reports, and the posture of the observation it recorded. */
export interface CollectResult {
  lines: string[];
  posture: Posture;
}

/** Observes the source and records it (then applies retention when asked). */
export async function runCollect(ctx: CliContext, options: CollectOptions): Promise<CollectResult> {
  if (options.source === LEDGER_SOURCE) throw new InputError('--source ledger: collect observes a source into the ledger; read the ledger with posture or pack --source ledger');
  const spec = parseSourceSpec(options.source);
  const shard = parseShard(options.shard);
  const retention = parseRetentionDays(options.retentionDays);
  const waitMs = parseLedgerWait(options.ledgerWait);
  const path = resolveLedgerPath({ ...(options.ledger ? { ledger: options.ledger } : {}), source: options.source });
  const policy = await ctx.loadPolicy(options.policy);
  // An organization's observation is held until it is recorded: keep the heap near what is alive (see heapGrowth.ts).
  limitHeapGrowth();
  const estate = await ctx.loadEstate(options.source, options);
  const now = ctx.now();
  const ledger = await openLedgerStore(path, waitMs === undefined ? {} : { waitMs });
  try {
    const described = `${describeSource(spec)}${shard ? ` (${describeShard(shard)})` : ''}`;
    const { receipt, posture } = await recordObservation(ledger, estate, policy, described, now, {
      // Shard 1 records the organization; each shard the organization-wide job listings of its share of the Regions.
      observations: { organization: recordsOrganization(shard), jobRegions: jobListRegions(estate) },
      summary: !shard,
    });
    const lines = [
      `collected ${described} into ${path === MEMORY_LEDGER ? 'an in-memory ledger (demo; pass --ledger FILE to keep it)' : ledger.location}`,
      `  ${describeReceipt(receipt)}`,
    ];
    if (retention !== undefined) lines.push(`  ${await applyRetention(ledger, retention, now)}`);
    return { lines, posture };
  } finally {
    await ledger.close();
  }
}
