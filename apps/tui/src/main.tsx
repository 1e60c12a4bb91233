#!/usr/bin/env node
/**
 * Entry point of `vaultscope`. The source worker (a process of its own: sourceProcess.ts) is started before
 * anything else is loaded: its modules (the sources, core, the views) load on another core while this thread
 * loads its own, parses the options and draws the loading line (launch.ts). The worker reads the options from the command line itself and begins the
 * first observation at once; the UI thread's `start` message carries the same options. A bad invocation
 * exits at once, taking the idle worker with it. `npm run build` bundles this file (scripts/bundle.mjs), so
 * that this thread reads nothing else before the worker is started.
 */
import { hasOwnThreadGc, relaunchWithOwnThreadGc } from './ownThreadGc.js';
import { SourceProcess } from './model/sourceProcess.js';

// Garbage collected on the main thread alone, with no helper threads to wait for a CPU (ownThreadGc.ts).
if (!hasOwnThreadGc()) await relaunchWithOwnThreadGc();

// The worker's file sits next to this one's output, bundled or not.
// It is given the command line too, so it starts observing before this thread has parsed it (workerInput.ts).
const worker = new SourceProcess(new URL('./model/sourceWorker.js', import.meta.url), process.argv.slice(2));
// An error before the model listens still ends the worker, and the model hears its exit.
worker.on('error', () => undefined);
const { launch } = await import('./launch.js');
await launch(worker);
