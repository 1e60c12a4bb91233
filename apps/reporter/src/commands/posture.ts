import { evaluate, jsonChunks, writeOutput, writeOutputChunks } from '@vaultscope/core';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { postureTime } from '../cli/postureTime.js';
import { renderSummary } from './summaryTable.js';

interface PostureOptions extends AwsCliOptions {
  source: string;
  policy?: string;
  json?: boolean;
  out?: string;
  at?: string;
}

/** `posture`: evaluate a source under a policy; a summary table, or `vaultscope.posture/v1` with --json. */
export function registerPostureCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    program
      .command('posture')
      .description('evaluate the estate: a summary table, or vaultscope.posture/v1 JSON with --json')
      .option('--source <source>', 'demo | aws | snapshot:PATH', 'demo')
      .option('--policy <file>', 'policy YAML (default: the bundled policy)')
      .option('--json', 'print vaultscope.posture/v1 JSON')
      .option('--out <file>', 'write to FILE instead of stdout (- for stdout)')
      .option('--at <time>', 'evaluate as of this ISO-8601 time (default: when the estate was captured)'),
  ).action(async (options: PostureOptions) => {
    const policy = await ctx.loadPolicy(options.policy);
    const estate = await ctx.loadEstate(options.source, options);
    const posture = evaluate(estate, policy.policy, postureTime(estate, options.at), { policyHash: policy.hash });
    const target = options.out ?? '-';
    if (!options.json) {
      await writeOutput(target, renderSummary(posture, new Map(estate.accounts.map((a) => [a.Id, a.Name]))));
    } else if (target === '-' && process.stdout.isTTY) {
      // Indented for a person at a terminal.
      await writeOutput(target, `${JSON.stringify(posture, null, 2)}\n`);
    } else {
      // Compact for files and pipes, where postures get large: written as it is serialized, never held whole.
      await writeOutputChunks(target, (function* () {
        yield* jsonChunks(posture);
        yield '\n';
      })());
    }
  });
}
