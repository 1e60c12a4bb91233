/**
 * `history verify` and `history show`: the ledger's hash chain and what it holds.
 */
import { openLedger, resolveLedgerPath } from '@vaultscope/core/history';
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { int } from '../pack/text.js';

interface HistoryOptions {
  ledger?: string;
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
      const path = resolveLedgerPath(options.ledger ? { ledger: options.ledger } : {});
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
    .action((options: HistoryOptions) => {
      const path = resolveLedgerPath(options.ledger ? { ledger: options.ledger } : {});
      const ledger = openLedger(path, { readonly: true });
      try {
        const r = ledger.range();
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
