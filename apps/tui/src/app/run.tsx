/**
 * Runs the TUI for parsed options: loads the policy and the first data, hands the terminal to Ink (alternate
 * screen, raw mode) until the operator quits, and restores the terminal however the process ends. Every user
 * error is one line on stderr and exit code 2.
 */
import { describeSource, InputError, loadPolicy, type Estate } from '@vaultscope/core';
import { render } from 'ink';
import type { CliOptions } from '../cli.js';
import { makeTheme } from '../theme/theme.js';
import { App } from './App.js';
import type { DemoPreload } from './model/demoPreload.js';
import { createLoader } from './model/loadData.js';
import { createWorkerLoader } from './model/workerLoader.js';
import type { OrgData } from './model/orgData.js';
import { Refresher } from './model/refresher.js';

const ENTER_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_SCREEN = '\u001B[?25h\u001B[?1049l';

/** A user error: the message is the whole story. */
function isUserError(error: unknown): error is Error {
  // By name too: an error from the refresh worker arrives as a plain Error carrying the original's name.
  return error instanceof InputError || (error instanceof Error && (error.name === 'AwsSetupError' || error.name === 'InputError'));
}

let screenEntered = false;

function leaveScreen(): void {
  if (screenEntered) process.stdout.write(LEAVE_SCREEN);
  screenEntered = false;
}

function fail(message: string): never {
  leaveScreen();
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

async function demoGenerator(seed: number | undefined): Promise<(now: Date) => Estate> {
  // Loaded only for the demo source: test-fixtures is the home of the demo organization.
  const { generateDemoEstate } = await import('@vaultscope/test-fixtures');
  return (now) => generateDemoEstate({ now, ...(seed !== undefined ? { seed } : {}) });
}

/**
 * The refresher's `load`. With a worker URL, loads run on the refresh worker (after the demo's first load, which
 * the preload already made); without one, on this thread.
 */
async function makeLoad(options: CliOptions, label: string, demoPreload: DemoPreload | undefined, modelWorkerUrl: URL | undefined): Promise<{ load: (now: number) => Promise<OrgData>; close: () => Promise<void> }> {
  const { policy, hash } = await loadPolicy(options.policy);
  // With a preload or a worker the demo is generated elsewhere; the generator is only needed without both.
  const demo = options.source.kind === 'demo' && !demoPreload && !modelWorkerUrl ? await demoGenerator(options.seed) : (): Estate => fail('vaultscope: no demo generator loaded');
  const here = createLoader({ spec: options.source, policy, policyHash: hash, demo, aws: options.aws, label, ...(demoPreload ? { demoPreload } : {}) });
  if (!modelWorkerUrl) return { load: here, close: async () => undefined };
  const worker = createWorkerLoader(
    modelWorkerUrl,
    {
      spec: options.source,
      aws: options.aws,
      ...(options.policy ? { policyPath: options.policy } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(demoPreload ? { demoBaseAt: demoPreload.now } : {}),
    },
    label,
  );
  let first = demoPreload ? here : undefined;
  return {
    load: async (now) => {
      if (!first) return worker.load(now);
      const load = first;
      first = undefined;
      return load(now);
    },
    close: worker.close,
  };
}

async function start(options: CliOptions, demoPreload?: DemoPreload, modelWorkerUrl?: URL): Promise<void> {
  const label = describeSource(options.source);
  const { load, close } = await makeLoad(options, label, demoPreload, modelWorkerUrl);

  // A snapshot loads before drawing, so that a bad file is a one-line error like a bad option. The demo (already
  // being generated on a worker) and a live organization (which can take minutes) draw at once and let the
  // screen say it is loading.
  let initial: { data: OrgData; at: number } | undefined;
  if (options.source.kind === 'snapshot') {
    const at = Date.now();
    initial = { data: await load(at), at };
  }
  let fatal: Error | undefined;
  const refresher: Refresher<OrgData> = new Refresher<OrgData>({
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

  process.stdout.write(ENTER_SCREEN);
  screenEntered = true;
  process.on('exit', leaveScreen);
  const instance = render(<App model={refresher} source={label} theme={makeTheme(process.env)} {...(demoPreload ? { preview: demoPreload.preview } : {})} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 60,
  });
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => instance.unmount());
  refresher.start();
  await instance.waitUntilExit();
  refresher.stop();
  await close();
  leaveScreen();
  if (fatal) fail(`vaultscope: ${firstLine(fatal)}`);
  process.exit(0);
}

/** Runs the app; never returns normally (the process exits with 0 on quit, 2 on a user error). */
export async function runApp(options: CliOptions, demoPreload?: DemoPreload, modelWorkerUrl?: URL): Promise<void> {
  try {
    await start(options, demoPreload, modelWorkerUrl);
  } catch (error) {
    if (isUserError(error)) fail(`vaultscope: ${firstLine(error)}`);
    fail(`vaultscope: unexpected error: ${firstLine(error)}`);
  }
}
