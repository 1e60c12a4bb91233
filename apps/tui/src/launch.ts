/**
 * What `vaultscope` does once its source worker is started (main.tsx): parses options and checks for a terminal,
 * so a bad invocation answers at once; draws a loading line and hands the worker its source (the first load
 * begins at once, off this thread); only then loads Ink and React (their production builds) and runs the app.
 */
import { describeSource } from '@vaultscope/sources';
import { noTtyMessage, parseCli } from './cli.js';
import { SourceModel } from './model/sourceClient.js';
import type { SourceProcess } from './model/sourceProcess.js';
import { holdInput, showLoading } from './app/startup.js';
import { workerInput } from './model/workerInput.js';

/** Runs `vaultscope` with the source worker already started; never returns normally (the process exits). */
export async function launch(worker: SourceProcess): Promise<void> {
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
  const label = describeSource(options.source);
  showLoading(label);
  // Keys typed before the app can answer them are dropped, not replayed into it later (Ctrl-C still quits).
  const release = holdInput();
  const model = new SourceModel(worker, workerInput(options), options.refreshMs);
  model.start();
  // React's development build costs a second of start-up and checks nothing an operator needs. (The bundle
  // selects the production build at build time; this covers running tsc's output directly.)
  const env = process.env;
  env['NODE_ENV'] ??= 'production';
  // Ink draws only the last frame when it believes it runs in CI (`CI` or `CONTINUOUS_INTEGRATION` set), which
  // would leave an operator's real terminal blank. We know a terminal is attached (checked above), so draw live.
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  const { runApp } = await import('./app/run.js');
  release();
  await runApp(label, model);
}
