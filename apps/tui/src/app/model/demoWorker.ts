/**
 * Worker thread that generates and evaluates the demo organization while the main thread loads Ink and React,
 * so the first screen does not wait for both one after the other. Posts `{ preview }` (the Organization screen), then
 * `{ estate, posture }`; or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate, loadPolicy } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/test-fixtures';
import { orgView } from '../../views/org/orgRows.js';
import type { DemoPreloadInput } from './demoPreload.js';
import { buildOrgData } from './orgData.js';

const input = workerData as DemoPreloadInput;
try {
  const { policy, hash } = await loadPolicy(input.policyPath);
  const now = new Date(input.now);
  const estate = generateDemoEstate({ now, ...(input.seed !== undefined ? { seed: input.seed } : {}) });
  const posture = evaluate(estate, policy, now, { policyHash: hash });
  // The Organization screen first (a few kilobytes), so it can be drawn while the estate is still in transit.
  parentPort?.postMessage({ preview: orgView(buildOrgData(estate, posture, 'demo')) });
  parentPort?.postMessage({ estate, posture });
} catch (error) {
  parentPort?.postMessage({ error: { name: (error as Error).name, message: (error as Error).message } });
}
