/**
 * Starts generating the demo organization on a worker thread as early as possible (before Ink is loaded), and
 * hands the result to the demo loader for its first load. Imports nothing heavy itself.
 */
import { Worker } from 'node:worker_threads';
import type { Estate, Posture } from '@vaultscope/core';

export interface DemoPreloadInput {
  seed?: number;
  policyPath?: string;
  /** The demo's clock at generation (ms). */
  now: number;
}

/** The demo estate as generated at `now`, evaluated under the policy. */
export interface DemoPreload {
  now: number;
  result: Promise<{ estate: Estate; posture: Posture }>;
}

/** Starts the worker; the promise rejects with the worker's error (same name and message). */
export function startDemoPreload(input: Omit<DemoPreloadInput, 'now'>, now = Date.now()): DemoPreload {
  const workerData: DemoPreloadInput = { ...input, now };
  const result = new Promise<{ estate: Estate; posture: Posture }>((resolve, reject) => {
    const worker = new Worker(new URL('./demoWorker.js', import.meta.url), { workerData });
    worker.once('message', (message: { estate: Estate; posture: Posture } | { error: { name: string; message: string } }) => {
      void worker.terminate();
      if ('error' in message) reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      else resolve(message);
    });
    worker.once('error', reject);
  });
  // A rejection is handled by whoever awaits it; do not crash before then.
  result.catch(() => undefined);
  return { now, result };
}
