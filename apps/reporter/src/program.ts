/**
 * `vaultscope-report`: posture, snapshots, history and DORA evidence packs. Errors that are the user's
 * (bad options, sources, files) print one line and exit 2; nothing else prints a stack trace either.
 */
import { InputError, sanitize } from '@vaultscope/core';
import { Command, CommanderError } from 'commander';
import { createCliContext, type CliContext } from './cli/context.js';
import { registerCollectCommand } from './commands/collect.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerPackCommand } from './commands/pack.js';
import { registerPostureCommand } from './commands/posture.js';
import { registerScheduleCommand } from './commands/schedule.js';
import { registerSnapshotCommand } from './commands/snapshot.js';
import { registerVerifyCommand } from './commands/verify.js';
import { VERSION } from './version.js';

/** Builds the command-line program around a context. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('vaultscope-report')
    .description('Vaultscope reporter: posture, snapshots, history ledger and signed DORA evidence packs')
    .version(VERSION)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => ctx.stderr.write(s),
      writeOut: (s) => ctx.stdout.write(s),
      // One line per error: commander puts its "(Did you mean …?)" suggestion on a second line.
      // Option values are echoed: sanitized like every other error line.
      outputError: (s, write) => write(`${errorLine(s.replace(/^error: /, ''))}\n`),
    });
  registerPostureCommand(program, ctx);
  registerSnapshotCommand(program, ctx);
  registerCollectCommand(program, ctx);
  registerHistoryCommand(program, ctx);
  registerPackCommand(program, ctx);
  registerVerifyCommand(program, ctx);
  registerScheduleCommand(program, ctx);
  const exitOverride = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(exitOverride);
  };
  program.commands.forEach(exitOverride);
  return program;
}

/**
 * The one line an error prints: messages quote file contents (a JSON syntax error), option values and names from the
 * estate, so they pass through the sanitizer (which also makes them one line) before they reach a terminal.
 */
export function errorLine(message: string): string {
  return `vaultscope-report: ${sanitize(message.trim())}`;
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
    // A check that ran and failed (pack or ledger verification, a scheduled cycle): its own exit code, one line.
    if (error instanceof Error && (error.name === 'VerificationFailedError' || error.name === 'CycleFailedError')) {
      ctx.stderr.write(`${errorLine(error.message)}\n`);
      const code = (error as { exitCode?: unknown }).exitCode;
      return typeof code === 'number' ? code : 1;
    }
    if (error instanceof InputError || (error instanceof Error && error.name === 'AwsSetupError')) {
      ctx.stderr.write(`${errorLine(error.message)}\n`);
      return 2;
    }
    ctx.stderr.write(`${errorLine(`internal error: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return 1;
  }
}
