/**
 * Command-line options of `vaultscope`, parsed and validated without side effects, so a bad invocation is one
 * clear line and exit code 2 before anything touches the terminal.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { InputError } from '@vaultscope/core';
import { parseSourceSpec, type SourceSpec } from '@vaultscope/sources';

export interface CliOptions {
  source: SourceSpec;
  /** Refresh interval in milliseconds. */
  refreshMs: number;
  policy?: string;
  seed?: number;
  aws: { profile?: string; regions?: string[]; roleName?: string; accounts?: string[]; excludeAccounts?: string[]; concurrency?: number };
}

/** The TUI's version, from its package.json (one level above both src/ and dist/, bundled or not). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** Default refresh interval per source kind (seconds). */
export const DEFAULT_REFRESH_S: Record<SourceSpec['kind'], number> = { demo: 5, snapshot: 30, aws: 60 };

/** What parsing decided: run with options, or print text and exit with a code. */
export type CliResult = { kind: 'run'; options: CliOptions } | { kind: 'exit'; code: number; stdout?: string; stderr?: string };

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 86_400) throw new InvalidArgumentError('expected seconds between 1 and 86400');
  return n;
}

function seed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function regionList(value: string): string[] {
  const regions = value.split(',').map((r) => r.trim()).filter(Boolean);
  if (!regions.length) throw new InvalidArgumentError('expected a comma-separated list of Regions');
  return regions;
}

function accountList(value: string): string[] {
  const ids = value.split(',').map((r) => r.trim()).filter(Boolean);
  if (!ids.length) throw new InvalidArgumentError('expected a comma-separated list of account ids');
  const bad = ids.find((id) => !/^\d{12}$/.test(id));
  if (bad !== undefined) throw new InvalidArgumentError(`"${bad}" is not a 12-digit AWS account id`);
  return ids;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function buildProgram(): Command {
  return new Command('vaultscope')
    .description('Live terminal view of an AWS Organization\'s backups: coverage, jobs, restore tests, findings.')
    .option('--source <source>', 'demo | aws | snapshot:PATH', 'demo')
    .option('--refresh <seconds>', 'refresh interval (default: demo 5, snapshot 30, aws 60)', seconds)
    .option('--policy <file>', 'protection policy YAML (default: the bundled policy)')
    .option('--seed <n>', 'seed of the demo organization', seed)
    .option('--profile <name>', 'AWS shared-config profile (aws source)')
    .option('--regions <list>', 'comma-separated Regions to observe (aws source; default: the Regions enabled in each account)', regionList)
    .option('--role-name <name>', 'role to assume in member accounts (aws source)')
    .option('--accounts <ids>', 'only these account ids, comma-separated (aws source)', accountList)
    .option('--exclude-accounts <ids>', 'skip these account ids, comma-separated (aws source)', accountList)
    .option('--concurrency <n>', 'AWS API calls in flight at once (aws source; default 16)', positive)
    .version(VERSION, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
}

/** Parses `argv` (without node and script). */
export function parseCli(argv: readonly string[]): CliResult {
  const program = buildProgram();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { kind: 'exit', code: 0, stdout: program.helpInformation() };
      if (error.code === 'commander.version') return { kind: 'exit', code: 0, stdout: `${VERSION}\n` };
      return { kind: 'exit', code: 2, stderr: `vaultscope: ${error.message.replace(/^error:\s*/, '').split('\n')[0]}` };
    }
    throw error;
  }
  const o = program.opts<{ source: string; refresh?: number; policy?: string; seed?: number; profile?: string; regions?: string[]; roleName?: string; accounts?: string[]; excludeAccounts?: string[]; concurrency?: number }>();
  let source: SourceSpec;
  try {
    source = parseSourceSpec(o.source);
  } catch (error) {
    if (error instanceof InputError) return { kind: 'exit', code: 2, stderr: `vaultscope: ${error.message}` };
    throw error;
  }
  return {
    kind: 'run',
    options: {
      source,
      refreshMs: (o.refresh ?? DEFAULT_REFRESH_S[source.kind]) * 1000,
      ...(o.policy ? { policy: o.policy } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      aws: {
        ...(o.profile ? { profile: o.profile } : {}),
        ...(o.regions ? { regions: o.regions } : {}),
        ...(o.roleName ? { roleName: o.roleName } : {}),
        ...(o.accounts ? { accounts: o.accounts } : {}),
        ...(o.excludeAccounts ? { excludeAccounts: o.excludeAccounts } : {}),
        ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
      },
    },
  };
}

/** The one line printed when there is no terminal to draw on. */
export function noTtyMessage(source = 'demo'): string {
  return `vaultscope: needs an interactive terminal; for output you can pipe or script, run: vaultscope-report posture --source ${source} --json`;
}

/**
 * The one line for a user error of the first load. AWS without usable credentials also says what to do: name a
 * profile, or look at the demo.
 */
export function userErrorLine(error: { name: string; message: string }): string {
  const line = error.message.split('\n')[0] ?? '';
  if (error.name === 'AwsSetupError' && /credentials|identify the caller/i.test(line)) {
    return `vaultscope: ${line} — pass --profile NAME (a profile in ~/.aws/config) or set AWS credentials in the environment; to look around without AWS, run: vaultscope --source demo`;
  }
  return `vaultscope: ${line}`;
}
