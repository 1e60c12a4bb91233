/**
 * `history verify` and `history show`: the ledger's hash chain and what it holds.
 */
import { existsSync } from 'node:fs';
import { InputError } from '@vaultscope/core';
import { MEMORY_LEDGER, openLedger, resolveLedgerPath } from '@vaultscope/ledger';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { int } from '../pack/text.js';

interface HistoryOptions {
  ledger?: string;
  output?: 'table' | 'json';
}

/** Said when the ledger file is not there: nothing has been collected into it yet (or the path is wrong). */
const noLedger = (path: string): string => `no ledger at ${path} yet: nothing has been collected there (\`vaultscope-report collect --source …\` creates it; --ledger or VAULTSCOPE_LEDGER point elsewhere)`;

/** The ledger file a history command reads, and whether it exists yet. */
function existingLedger(options: HistoryOptions): { path: string; exists: boolean } {
  const path = resolveLedgerPath(options.ledger ? { ledger: options.ledger } : {});
  return { path, exists: path === MEMORY_LEDGER || existsSync(path) };
}

const ledgerOption = '--ledger <path>';
const ledgerHelp = 'history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory)';

/** `history …`. */
export function registerHistoryCommand(program: Command, ctx: CliContext): void {
  const history = program.command('history').description('the job-history ledger');
  history
    .command('verify')
    .description('re-compute the ledger hash chain; names the first broken batch and exits 1 if any')
    .option(ledgerOption, ledgerHelp)
    .action((options: HistoryOptions) => {
      const { path, exists } = existingLedger(options);
      // Nothing to verify is not a verified ledger: a user error (the wrong path, or nothing collected yet).
      if (!exists) throw new InputError(noLedger(path));
      const ledger = openLedger(path, { readonly: true });
      try {
        const result = ledger.verifyChain();
        if (!result.ok) {
          writeLines(ctx.stdout, [`BROKEN   batch ${result.brokenSeq}: ${result.reason}`]);
          throw new VerificationFailedError(`${path}: ledger chain broken at batch ${result.brokenSeq} (${result.batches} batches)`);
        }
        writeLines(ctx.stdout, [`OK       ${path}: ${int(result.batches)} batches, ${int(result.entries)} job records, ${int(result.auditEvidence)} Audit Manager evidence items, chain head ${result.headHash ?? '(empty)'}`]);
      } finally {
        ledger.close();
      }
    });
  history
    .command('show')
    .description('what the ledger holds: batches and the span of jobs')
    .option(ledgerOption, ledgerHelp)
    .addOption(new Option('--output <format>', 'table, or json (for scripts)').choices(['table', 'json']).default('table'))
    .action((options: HistoryOptions) => {
      const { path, exists } = existingLedger(options);
      if (!exists) {
        if (options.output === 'json') ctx.stdout.write(`${JSON.stringify({ ledger: path, exists: false })}\n`);
        else writeLines(ctx.stdout, [noLedger(path)]);
        return;
      }
      const ledger = openLedger(path, { readonly: true });
      try {
        const r = ledger.range();
        if (options.output === 'json') {
          ctx.stdout.write(`${JSON.stringify({ ledger: path, exists: true, ...r })}\n`);
          return;
        }
        const lines = [
          `${path}: ${int(r.batches)} batches${r.firstBatch ? `, collected ${r.firstBatch.collectedAt} to ${r.lastBatch?.collectedAt ?? '?'}` : ''}`,
          ...(['backup', 'copy', 'restore'] as const).map((k) => `  ${k.padEnd(8)} ${int(r.jobs[k].count).padStart(10)} jobs${r.jobs[k].earliest ? `, created ${r.jobs[k].earliest} to ${r.jobs[k].latest}` : ''}`),
          `  ${'evidence'.padEnd(8)} ${int(r.auditEvidence.count).padStart(10)} Audit Manager items${r.auditEvidence.earliest ? `, dated ${r.auditEvidence.earliest} to ${r.auditEvidence.latest}` : ''}`,
          ...(r.lastBatch ? [`  chain head: batch ${r.lastBatch.seq}, ${r.lastBatch.hash}`] : []),
        ];
        writeLines(ctx.stdout, lines);
      } finally {
        ledger.close();
      }
    });
}
