import { evaluate, FRAMEWORKS, InputError, SEVERITIES, toCsv, type Posture, type Severity } from '@vaultscope/core';
import { jsonChunks } from '../output/jsonChunks.js';
import { writeOutput, writeOutputChunks } from '@vaultscope/sources';
import { Option, type Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { postureTime } from '../cli/postureTime.js';
import { findingColumns } from '../pack/csv/columns.js';
import { renderFramework } from './frameworkTable.js';
import { renderSummary } from './summaryTable.js';

/** `--output` formats, as the AWS CLI names them: the summary table, the posture document, the findings. */
export const POSTURE_OUTPUTS = ['table', 'json', 'csv'] as const;
type PostureOutput = (typeof POSTURE_OUTPUTS)[number];

/** Severities `--fail-on` accepts: gating a pipeline on low or info findings would fail every run. */
export const FAIL_ON_SEVERITIES = ['critical', 'high', 'medium'] as const satisfies readonly Severity[];

interface PostureOptions extends AwsCliOptions {
  source: string;
  policy?: string;
  json?: boolean;
  output?: PostureOutput;
  failOn?: Severity;
  out?: string;
  at?: string;
  framework?: string;
}

/** `posture --fail-on` met findings at or above the threshold: exit 3 once the output is written. */
class FailOnError extends Error {
  override readonly name = 'FailOnError';
}

/** Findings at or above `threshold` (severities are ordered most severe first). */
export function findingsAtOrAbove(posture: Posture, threshold: Severity): number {
  const rank = SEVERITIES.indexOf(threshold);
  return posture.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= rank).length;
}

async function writePosture(target: string, posture: Posture, accountNames: ReadonlyMap<string, string>, output: PostureOutput): Promise<void> {
  if (output === 'table') {
    await writeOutput(target, renderSummary(posture, accountNames));
  } else if (output === 'csv') {
    // The findings, in the columns of a pack's findings.csv (docs/csv-columns.md): one meaning, one place.
    const columns = findingColumns({ accountName: (id) => accountNames.get(id) });
    await writeOutput(target, toCsv(columns, posture.findings, { bom: target !== '-' }));
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
}

/** `posture`: evaluate a source under a policy; a summary table, `vaultscope.posture/v1` JSON, or findings CSV. */
export function registerPostureCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    program
      .command('posture')
      .description('evaluate the estate: a summary table, vaultscope.posture/v1 JSON, or the findings as CSV')
      .option('--source <source>', 'demo | aws | snapshot:PATH | ledger (the latest observation of every account in the ledger)', 'demo')
      .option('--ledger <path>', 'with --source ledger: the history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory)')
      .option('--policy <file>', 'policy YAML (default: the bundled policy)')
      .addOption(new Option('--output <format>', 'table (summary), json (vaultscope.posture/v1) or csv (findings)').choices(POSTURE_OUTPUTS))
      .addOption(new Option('--json', 'same as --output json').conflicts('output'))
      .addOption(new Option('--fail-on <severity>', 'exit 3 if any finding is at or above this severity (CI gating)').choices(FAIL_ON_SEVERITIES))
      .option('--out <file>', 'write to FILE instead of stdout (- for stdout)')
      .option('--at <time>', 'evaluate as of this ISO-8601 time (default: when the estate was captured)')
      .option('--framework <id>', `one compliance framework's rules instead of the summary (${FRAMEWORKS.map((f) => f.id).join(', ')})`),
  ).action(async (options: PostureOptions) => {
    if (options.framework !== undefined && !FRAMEWORKS.some((f) => f.id === options.framework)) {
      throw new InputError(`--framework: unknown framework "${options.framework}" (known: ${FRAMEWORKS.map((f) => f.id).join(', ')})`);
    }
    const policy = await ctx.loadPolicy(options.policy);
    const estate = await ctx.loadEstate(options.source, options);
    const posture = evaluate(estate, policy.policy, postureTime(estate, options.at), { policyHash: policy.hash });
    const output = options.output ?? (options.json ? 'json' : 'table');
    const accountNames = new Map(estate.accounts.map((a) => [a.Id, a.Name]));
    const target = options.out ?? '-';
    const framework = options.framework !== undefined ? posture.frameworks?.find((f) => f.id === options.framework) : undefined;
    if (framework && output === 'table') {
      await writeOutput(target, renderFramework(framework, accountNames, posture.evaluatedAt));
    } else if (framework && output === 'json') {
      await writeOutput(target, `${JSON.stringify(framework, null, target === '-' && process.stdout.isTTY ? 2 : undefined)}\n`);
    } else {
      await writePosture(target, posture, accountNames, output);
    }
    if (options.failOn) {
      const count = findingsAtOrAbove(posture, options.failOn);
      ctx.log.log('debug', `--fail-on ${options.failOn}: ${count} findings at or above`);
      if (count > 0) throw new FailOnError(`${count} findings at or above ${options.failOn} severity (--fail-on ${options.failOn})`);
    }
  });
}
