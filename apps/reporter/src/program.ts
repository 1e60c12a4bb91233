/**
 * `vaultscope-report`: posture, snapshots, history and DORA evidence packs. Exit codes (README, "Exit codes"):
 * 0 done; 1 a check that ran and failed (pack or ledger verification, a scheduled cycle) or an internal error;
 * 2 the user's input (bad options, sources, files: one line); 3 the command ran but its result is below the bar the
 * caller set (`posture --fail-on` met a finding at or above the threshold; `verify`: intact, but the signer was
 * checked against nothing). Nothing prints a stack trace unless `--debug` asks for one.
 */
import { InputError, sanitize } from '@vaultscope/core';
import { Command, CommanderError } from 'commander';
import { createCliContext, type CliContext } from './cli/context.js';
import { createStderrLogger, LOG_LEVELS, parseLogLevel } from './cli/log.js';
import { registerCollectCommand } from './commands/collect.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerPackCommand } from './commands/pack.js';
import { registerPostureCommand } from './commands/posture.js';
import { registerScheduleCommand } from './commands/schedule.js';
import { registerAlertCommand } from './commands/alert.js';
import { registerSnapshotCommand } from './commands/snapshot.js';
import { registerVerifyCommand } from './commands/verify.js';
import { VERSION } from './version.js';

/** Builds the command-line program around a context. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('vaultscope-report')
    .description('Vaultscope reporter: posture, snapshots, history ledger and signed DORA evidence packs')
    .version(VERSION, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help (also: vaultscope-report help COMMAND)')
    .option('--log-level <level>', `diagnostics on stderr: ${LOG_LEVELS.join(', ')} (schedule: the JSON log's threshold)`, 'info')
    .option('--debug', 'same as --log-level debug, plus every AWS API call and the stack of an internal error')
    .addHelpText('after', '\nExit codes: 0 done; 1 a verification or scheduled cycle failed, or an internal error;\n  2 invalid input (options, sources, files); 3 posture --fail-on met a finding at or above the threshold,\n  or verify found the pack intact but its signer checked against nothing.')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => ctx.stderr.write(s),
      writeOut: (s) => ctx.stdout.write(s),
      // One line per error: commander puts its "(Did you mean …?)" suggestion on a second line.
      // Option values are echoed: sanitized like every other error line.
      outputError: (s, write) => write(`${errorLine(s.replace(/^error: /, ''))}\n`),
    });
  program.hook('preAction', () => {
    const o = program.opts<{ logLevel?: string; debug?: boolean }>();
    ctx.log = createStderrLogger(ctx.stderr, parseLogLevel(o.logLevel, o.debug));
  });
  registerPostureCommand(program, ctx);
  registerSnapshotCommand(program, ctx);
  registerCollectCommand(program, ctx);
  registerHistoryCommand(program, ctx);
  registerPackCommand(program, ctx);
  registerVerifyCommand(program, ctx);
  registerScheduleCommand(program, ctx);
  registerAlertCommand(program, ctx);
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
    if (error instanceof Error && error.name === 'FailOnError') {
      ctx.stderr.write(`${errorLine(error.message)}\n`);
      return 3;
    }
    if (error instanceof Error && (error.name === 'VerificationFailedError' || error.name === 'CycleFailedError' || error.name === 'AlertDeliveryError')) {
      ctx.stderr.write(`${errorLine(error.message)}\n`);
      const code = (error as { exitCode?: unknown }).exitCode;
      return typeof code === 'number' ? code : 1;
    }
    if (error instanceof InputError || (error instanceof Error && error.name === 'AwsSetupError')) {
      ctx.stderr.write(`${errorLine(error.message)}\n`);
      return 2;
    }
    ctx.stderr.write(`${errorLine(`internal error: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    if (ctx.log.enabled('debug') && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack.split('\n').map((line) => sanitize(line)).join('\n')}\n`);
    return 1;
  }
}
