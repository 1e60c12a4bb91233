import { writeOutput } from '@vaultscope/sources';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';

interface SnapshotOptions extends AwsCliOptions {
  source: string;
  out: string;
}

/** `snapshot`: write the observed estate (`vaultscope.estate/v1`) to a file. */
export function registerSnapshotCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    program
      .command('snapshot')
      .description('write the observed estate (vaultscope.estate/v1) to a file')
      .option('--source <source>', 'demo | aws | snapshot:PATH', 'demo')
      .requiredOption('--out <file>', 'target file (- for stdout)'),
  ).action(async (options: SnapshotOptions) => {
    const estate = await ctx.loadEstate(options.source, options);
    await writeOutput(options.out, `${JSON.stringify(estate)}\n`);
  });
}
