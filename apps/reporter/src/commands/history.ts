/**
 * `history verify` and `history show`: the ledger's hash chain and what it holds.
 */
import { InputError, toCsv, type CsvColumn } from '@vaultscope/core';
import { ledgerExists, openLedgerStore, resolveLedgerPath, shownLedgerLocation } from '@vaultscope/ledger';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { int } from '../pack/text.js';

interface HistoryOptions {
  ledger?: string;
  output?: 'table' | 'json' | 'csv';
}

/** Said when the ledger file is not there: nothing has been collected into it yet (or the path is wrong). */
const noLedger = (path: string): string => `no ledger at ${path} yet: nothing has been collected there (\`vaultscope-report collect --source …\` creates it; --ledger or VAULTSCOPE_LEDGER point elsewhere)`;

/** The ledger file a history command reads, and whether it exists yet. */
async function existingLedger(options: HistoryOptions): Promise<{ path: string; shown: string; exists: boolean }> {
  const path = resolveLedgerPath(options.ledger ? { ledger: options.ledger } : {});
  return { path, shown: shownLedgerLocation(path), exists: await ledgerExists(path) };
}

/** One row of `history show --output csv`: a job list (or the Audit Manager evidence) and its span. */
interface SpanRow {
  kind: string;
  count: number;
  earliest?: string;
  latest?: string;
}
const SPAN_COLUMNS: readonly CsvColumn<SpanRow>[] = [
  { header: 'kind', value: (r) => r.kind },
  { header: 'count', value: (r) => r.count },
  { header: 'earliest', value: (r) => r.earliest },
  { header: 'latest', value: (r) => r.latest },
];

const ledgerOption = '--ledger <path>';
const ledgerHelp = 'history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory)';

/** `history …`. */
export function registerHistoryCommand(program: Command, ctx: CliContext): void {
  const history = program.command('history').description('the job-history ledger');
  history
    .command('verify')
    .description('re-compute the ledger hash chain; names the first broken batch and exits 1 if any')
    .option(ledgerOption, ledgerHelp)
    .action(async (options: HistoryOptions) => {
      const { path, shown, exists } = await existingLedger(options);
      // Nothing to verify is not a verified ledger: a user error (the wrong path, or nothing collected yet).
      if (!exists) throw new InputError(noLedger(shown));
      const ledger = await openLedgerStore(path, { readonly: true });
      try {
        const result = await ledger.verifyChain();
        if (!result.ok) {
          writeLines(ctx.stdout, [`BROKEN   batch ${result.brokenSeq}: ${result.reason}`]);
          throw new VerificationFailedError(`${shown}: ledger chain broken at batch ${result.brokenSeq} (${result.batches} batches)`);
        }
        writeLines(ctx.stdout, [`OK       ${shown}: ${int(result.batches)} batches, ${int(result.entries)} job records, ${int(result.auditEvidence)} Audit Manager evidence items, chain head ${result.headHash ?? '(empty)'}`]);
      } finally {
        await ledger.close();
      }
    });
  history
    .command('show')
    .description('what the ledger holds: batches and the span of jobs')
    .option(ledgerOption, ledgerHelp)
    .addOption(new Option('--output <format>', 'table, json (for scripts) or csv (one row per job list)').choices(['table', 'json', 'csv']).default('table'))
    .action(async (options: HistoryOptions) => {
      const { path, shown, exists } = await existingLedger(options);
      if (!exists) {
        if (options.output === 'json') ctx.stdout.write(`${JSON.stringify({ ledger: shown, exists: false })}\n`);
        else if (options.output === 'csv') {
          // The header alone on stdout (a script reads an empty table), the reason on stderr.
          ctx.stdout.write(toCsv(SPAN_COLUMNS, [], { bom: false }));
          writeLines(ctx.stderr, [noLedger(shown)]);
        } else writeLines(ctx.stdout, [noLedger(shown)]);
        return;
      }
      const ledger = await openLedgerStore(path, { readonly: true });
      try {
        const r = await ledger.range();
        if (options.output === 'json') {
          ctx.stdout.write(`${JSON.stringify({ ledger: shown, exists: true, ...r })}\n`);
          return;
        }
        if (options.output === 'csv') {
          const rows: SpanRow[] = [
            ...(['backup', 'copy', 'restore'] as const).map((k) => ({ kind: k, ...r.jobs[k] })),
            { kind: 'audit-evidence', ...r.auditEvidence },
          ];
          ctx.stdout.write(toCsv(SPAN_COLUMNS, rows, { bom: false }));
          return;
        }
        const lines = [
          `${shown}: ${int(r.batches)} batches${r.firstBatch ? `, collected ${r.firstBatch.collectedAt} to ${r.lastBatch?.collectedAt ?? '?'}` : ''}`,
          ...(['backup', 'copy', 'restore'] as const).map((k) => `  ${k.padEnd(8)} ${int(r.jobs[k].count).padStart(10)} jobs${r.jobs[k].earliest ? `, created ${r.jobs[k].earliest} to ${r.jobs[k].latest}` : ''}`),
          `  ${'evidence'.padEnd(8)} ${int(r.auditEvidence.count).padStart(10)} Audit Manager items${r.auditEvidence.earliest ? `, dated ${r.auditEvidence.earliest} to ${r.auditEvidence.latest}` : ''}`,
          ...(r.lastBatch ? [`  chain head: batch ${r.lastBatch.seq}, ${r.lastBatch.hash}`] : []),
        ];
        writeLines(ctx.stdout, lines);
      } finally {
        await ledger.close();
      }
    });
}
