/**
 * Starts generating the demo organization on a worker thread as early as possible (before Ink is loaded), and
 * hands the result to the demo loader for its first load. Imports nothing heavy itself.
 */
import { Worker } from 'node:worker_threads';
import type { Estate, Posture } from '@vaultscope/core';
import type { ViewModel } from '../../views/screen.js';

export interface DemoPreloadInput {
  seed?: number;
  policyPath?: string;
  /** The demo's clock at generation (ms). */
  now: number;
}

/** The demo estate as generated at `now`, evaluated under the policy. */
export interface DemoPreload {
  now: number;
  /** The Organization screen, ready before the estate has crossed to this thread. */
  preview: Promise<ViewModel>;
  result: Promise<{ estate: Estate; posture: Posture }>;
}

type WorkerMessage = { preview: ViewModel } | { estate: Estate; posture: Posture } | { error: { name: string; message: string } };

/**
 * Starts the worker (`demoWorker.js`, at `workerUrl`); the promises reject with the worker's error (same name
 * and message).
 */
export function startDemoPreload(workerUrl: URL, input: Omit<DemoPreloadInput, 'now'>, now = Date.now()): DemoPreload {
  const workerData: DemoPreloadInput = { ...input, now };
  let resolvePreview: (view: ViewModel) => void = () => undefined;
  let rejectPreview: (error: unknown) => void = () => undefined;
  const preview = new Promise<ViewModel>((resolve, reject) => {
    resolvePreview = resolve;
    rejectPreview = reject;
  });
  const result = new Promise<{ estate: Estate; posture: Posture }>((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData });
    const fail = (error: unknown): void => {
      rejectPreview(error);
      reject(error);
    };
    worker.on('message', (message: WorkerMessage) => {
      if ('preview' in message) {
        resolvePreview(message.preview);
        return;
      }
      void worker.terminate();
      if ('error' in message) fail(Object.assign(new Error(message.error.message), { name: message.error.name }));
      else resolve(message);
    });
    worker.once('error', fail);
  });
  // A rejection is handled by whoever awaits it; do not crash before then.
  result.catch(() => undefined);
  preview.catch(() => undefined);
  return { now, preview, result };
}
