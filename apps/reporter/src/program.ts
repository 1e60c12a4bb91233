/**
 * `vaultscope-report`: posture, snapshots, history and DORA evidence packs. Errors that are the user's
 * (bad options, sources, files) print one line and exit 2; nothing else prints a stack trace either.
 */
import { InputError } from '@vaultscope/core';
import { Command, CommanderError } from 'commander';
import { createCliContext, type CliContext } from './cli/context.js';
import { registerPostureCommand } from './commands/posture.js';
import { registerSnapshotCommand } from './commands/snapshot.js';
import { VERSION } from './version.js';

/** Builds the command-line program around a context. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('vaultscope-report')
    .description('Vaultscope reporter: posture, snapshots, history ledger and signed DORA evidence packs')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => ctx.stderr.write(s), writeOut: (s) => ctx.stdout.write(s) });
  registerPostureCommand(program, ctx);
  registerSnapshotCommand(program, ctx);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the program and returns the process exit code. */
export async function run(argv: string[], ctx: CliContext = createCliContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message; help and version are not errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError || (error instanceof Error && error.name === 'AwsSetupError')) {
      ctx.stderr.write(`vaultscope-report: ${error.message}\n`);
      return 2;
    }
    ctx.stderr.write(`vaultscope-report: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
