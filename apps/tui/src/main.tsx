#!/usr/bin/env node
/**
 * Composition root of `vaultscope`: parses options, checks for a terminal, loads the policy and the first data,
 * then hands the terminal to Ink until the operator quits. Every user error is one line and exit code 2.
 */
import { describeSource, InputError, loadPolicy, type Estate } from '@vaultscope/core';
import { render } from 'ink';
import { App } from './app/App.js';
import { createLoader } from './app/model/loadData.js';
import type { OrgData } from './app/model/orgData.js';
import { Refresher } from './app/model/refresher.js';
import { noTtyMessage, parseCli, type CliOptions } from './cli.js';
import { makeTheme } from './theme/theme.js';

const ENTER_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_SCREEN = '\u001B[?25h\u001B[?1049l';

/** A user error: the message is the whole story. */
function isUserError(error: unknown): error is Error {
  return error instanceof InputError || (error instanceof Error && error.name === 'AwsSetupError');
}

let screenEntered = false;

function fail(message: string): never {
  if (screenEntered) process.stdout.write(LEAVE_SCREEN);
  screenEntered = false;
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function demoGenerator(seed: number | undefined): Promise<(now: Date) => Estate> {
  // Loaded only for the demo source; test-fixtures is the home of the demo organization.
  const { generateDemoEstate } = await import('@vaultscope/test-fixtures');
  return (now) => generateDemoEstate({ now, ...(seed !== undefined ? { seed } : {}) });
}

async function run(options: CliOptions): Promise<void> {
  const { policy, hash } = await loadPolicy(options.policy);
  const label = describeSource(options.source);
  const demo = options.source.kind === 'demo' ? await demoGenerator(options.seed) : () => fail('vaultscope: the demo generator is only for --source demo');
  const load = createLoader({ spec: options.source, policy, policyHash: hash, demo, aws: options.aws, label });

  // The demo and snapshots load in well under a second: load before drawing, so a bad file is a one-line error.
  // A live organization can take minutes: draw at once and let the screen say it is loading.
  let initial: { data: OrgData; at: number } | undefined;
  if (options.source.kind !== 'aws') {
    const at = Date.now();
    initial = { data: await load(at), at };
  }
  let fatal: Error | undefined;
  const refresher = new Refresher<OrgData>({
    intervalMs: options.refreshMs,
    ...(initial ? { initial } : {}),
    load: async (now) => {
      try {
        return await load(now);
      } catch (error) {
        // Bad AWS options surface on the first call: treat them like bad command-line options.
        if (isUserError(error) && !refresher.snapshot.data) {
          fatal = error;
          instance.unmount();
        }
        throw error;
      }
    },
  });

  const restore = (): void => {
    if (screenEntered) process.stdout.write(LEAVE_SCREEN);
    screenEntered = false;
  };
  process.stdout.write(ENTER_SCREEN);
  screenEntered = true;
  process.on('exit', restore);
  const instance = render(<App model={refresher} source={label} theme={makeTheme(process.env)} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 60,
    incrementalRendering: false,
  });
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => instance.unmount());
  refresher.start();
  await instance.waitUntilExit();
  refresher.stop();
  restore();
  process.off('exit', restore);
  if (fatal) fail(`vaultscope: ${fatal.message.split('\n')[0] ?? ''}`);
  process.exit(0);
}

async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2));
  if (parsed.kind === 'exit') {
    if (parsed.stdout) process.stdout.write(parsed.stdout);
    if (parsed.stderr) process.stderr.write(`${parsed.stderr}\n`);
    process.exit(parsed.code);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) fail(noTtyMessage(describeSource(parsed.options.source)));
  try {
    await run(parsed.options);
  } catch (error) {
    if (isUserError(error)) fail(`vaultscope: ${error.message.split('\n')[0] ?? ''}`);
    fail(`vaultscope: unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

void main();
