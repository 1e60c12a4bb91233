/**
 * Worker thread that owns the data source for refreshes (see workerLoader): it observes and evaluates, one
 * request at a time, and posts the estate and posture back; or the error, by name and message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy, type Estate } from '@vaultscope/core';
import { createObserver, type Observed } from './loadData.js';
import type { ModelReply, ModelRequest, ModelWorkerInput } from './workerLoader.js';

const input = workerData as ModelWorkerInput;

async function demoGenerator(seed: number | undefined): Promise<(now: Date) => Estate> {
  // Loaded only for the demo source, as on the main thread.
  const { generateDemoEstate } = await import('@vaultscope/test-fixtures');
  return (now) => generateDemoEstate({ now, ...(seed !== undefined ? { seed } : {}) });
}

const observer = (async (): Promise<(now: number) => Promise<Observed>> => {
  const { policy, hash } = await loadPolicy(input.policyPath);
  const demo =
    input.spec.kind === 'demo'
      ? await demoGenerator(input.seed)
      : (): Estate => {
          throw new Error('no demo generator for this source');
        };
  return createObserver({
    spec: input.spec,
    policy,
    policyHash: hash,
    demo,
    label: '',
    ...(input.aws ? { aws: input.aws } : {}),
    ...(input.demoBaseAt !== undefined ? { demoBaseAt: input.demoBaseAt } : {}),
  });
})();

// One request at a time: the source's state (demo base, known AWS jobs) moves forward in order.
let queue: Promise<void> = Promise.resolve();

let lastSent: Observed | undefined;

async function answer(request: ModelRequest): Promise<void> {
  let reply: ModelReply;
  try {
    const observed = await (await observer)(request.now);
    // An unchanged source (a snapshot file not rewritten) is not sent again.
    reply = observed === lastSent ? { id: request.id, unchanged: true } : { id: request.id, ...observed };
    lastSent = observed;
  } catch (error) {
    reply = { id: request.id, error: { name: (error as Error).name, message: (error as Error).message } };
  }
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (request: ModelRequest) => {
  queue = queue.then(() => answer(request));
});
