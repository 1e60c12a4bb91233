/**
 * Runs the TUI: hands the terminal to Ink (alternate screen, raw mode) until the operator quits, and restores
 * the terminal however the process ends. The model (the source worker) was started by main.tsx. Every user
 * error is one line on stderr and exit code 2 — also one that only the first load finds (a bad snapshot file,
 * AWS without credentials): the app then leaves the screen and says it.
 */
import { InputError } from '@vaultscope/core';
import { userErrorLine } from '../cli.js';
import { render } from 'ink';
import type { SourceModel } from '../model/sourceClient.js';
import { makeTheme } from '../theme/theme.js';
import { App } from './App.js';
import { leaveScreen } from './startup.js';

/** A user error: the message is the whole story. */
function isUserError(error: unknown): error is Error {
  // By name too: an error from the source worker arrives as a plain Error carrying the original's name.
  return error instanceof InputError || (error instanceof Error && (error.name === 'AwsSetupError' || error.name === 'InputError'));
}

function fail(message: string): never {
  leaveScreen();
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

async function start(label: string, model: SourceModel): Promise<void> {
  let fatal: Error | undefined;
  // Bad options or files surface on the first load: treat them like bad command-line options — also when something
  // was drawn before it ended (a large snapshot's accounts are shown while the rest of it is read, unchecked).
  const check = (state: typeof model.snapshot): void => {
    if (state.status.lastSuccessAt !== undefined || !state.status.error || fatal) return;
    const error = model.lastError;
    if (error && isUserError(error)) {
      fatal = error;
      instance.unmount();
    }
  };
  const unsubscribe = model.subscribe(check);
  const instance = render(<App model={model} source={label} theme={makeTheme(process.env)} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 60,
  });
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => instance.unmount());
  // The worker is started before the app is loaded (main.tsx): the first load may have failed, or the worker
  // stopped, already; then both are answered at once.
  model.onFatal = (error) => {
    fatal ??= error;
    instance.unmount();
  };
  check(model.snapshot);
  await instance.waitUntilExit();
  unsubscribe();
  await model.close();
  leaveScreen();
  if (fatal) fail(isUserError(fatal) ? userErrorLine(fatal) : `vaultscope: unexpected error: ${firstLine(fatal)}`);
  process.exit(0);
}

/** Runs the app; never returns normally (the process exits with 0 on quit, 2 on a user error). */
export async function runApp(label: string, model: SourceModel): Promise<void> {
  try {
    await start(label, model);
  } catch (error) {
    if (isUserError(error)) fail(userErrorLine(error));
    fail(`vaultscope: unexpected error: ${firstLine(error)}`);
  }
}
