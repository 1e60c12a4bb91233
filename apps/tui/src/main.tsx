#!/usr/bin/env node
/**
 * Entry point of `vaultscope`: parses options and checks for a terminal with as little loaded as possible, so
 * a bad invocation answers at once; starts generating the demo on a worker; only then loads Ink and React
 * (their production builds) and runs the app. `npm run build` bundles this file (scripts/bundle.mjs).
 */
import { describeSource } from '@vaultscope/core';
import { startDemoPreload } from './app/model/demoPreload.js';
import { noTtyMessage, parseCli } from './cli.js';

async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2));
  if (parsed.kind === 'exit') {
    if (parsed.stdout) process.stdout.write(parsed.stdout);
    if (parsed.stderr) process.stderr.write(`${parsed.stderr}\n`);
    process.exit(parsed.code);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`${noTtyMessage(describeSource(parsed.options.source))}\n`);
    process.exit(2);
  }
  const options = parsed.options;
  // The demo is generated on a worker thread while this one loads Ink and React.
  // The worker's file sits next to this one's output, bundled or not.
  const workerUrl = new URL('./app/model/demoWorker.js', import.meta.url);
  const demoPreload =
    options.source.kind === 'demo'
      ? startDemoPreload(workerUrl, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.policy ? { policyPath: options.policy } : {}) })
      : undefined;
  // React's development build costs a second of start-up and checks nothing an operator needs. (The bundle
  // selects the production build at build time; this covers running tsc's output directly.)
  const env = process.env;
  env['NODE_ENV'] ??= 'production';
  // Ink draws only the last frame when it believes it runs in CI (`CI` or `CONTINUOUS_INTEGRATION` set), which
  // would leave an operator's real terminal blank. We know a terminal is attached (checked above), so draw live.
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  const { runApp } = await import('./app/run.js');
  // Refreshes (load and evaluate) run on their own worker, so a large organization never freezes the screen.
  await runApp(options, demoPreload, new URL('./app/model/modelWorker.js', import.meta.url));
}

void main();
