/**
 * Worker thread that generates and evaluates the demo organization while the main thread loads Ink and React,
 * so the first screen does not wait for both one after the other. Posts `{ estate, posture }` or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate, loadPolicy } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/test-fixtures';
import type { DemoPreloadInput } from './demoPreload.js';

const input = workerData as DemoPreloadInput;
try {
  const { policy, hash } = await loadPolicy(input.policyPath);
  const now = new Date(input.now);
  const estate = generateDemoEstate({ now, ...(input.seed !== undefined ? { seed: input.seed } : {}) });
  const posture = evaluate(estate, policy, now, { policyHash: hash });
  parentPort?.postMessage({ estate, posture });
} catch (error) {
  parentPort?.postMessage({ error: { name: (error as Error).name, message: (error as Error).message } });
}
