/**
 * Refreshes on a worker thread: the worker (`modelWorker.js`) owns the source — it advances the demo, re-reads
 * the snapshot or polls AWS — and evaluates the estate; this thread only indexes the result for the views.
 * Evaluating a large organization takes seconds, and on the thread that draws it would freeze the screen
 * (keys unanswered, clock stopped) on every refresh.
 */
import { Worker } from 'node:worker_threads';
import type { SourceSpec } from '@vaultscope/core';
import type { Observed } from './loadData.js';
import { buildOrgData, type OrgData } from './orgData.js';

/** What the worker is started with: everything plain data, since it crosses threads. */
export interface ModelWorkerInput {
  spec: SourceSpec;
  policyPath?: string;
  seed?: number;
  aws?: { profile?: string; regions?: string[]; roleName?: string };
  /** When the demo's base estate was generated (the preload's clock), so the worker generates the same one. */
  demoBaseAt?: number;
}

/** A request to the worker, and its answer. */
export interface ModelRequest {
  id: number;
  now: number;
}
export type ModelReply = ({ id: number } & Observed) | { id: number; unchanged: true } | { id: number; error: { name: string; message: string } };

interface Pending {
  resolve: (observed: Observed | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * A `load(now)` backed by a worker started on first use. If the worker dies, pending loads fail and the next
 * load starts a new one (which, for AWS, begins with a full collection again).
 */
export function createWorkerLoader(workerUrl: URL, input: ModelWorkerInput, label: string): { load: (now: number) => Promise<OrgData>; close: () => Promise<void> } {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let last: OrgData | undefined;

  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  };

  const start = (): Worker => {
    const w = new Worker(workerUrl, { workerData: input });
    // The worker must not keep the process alive after the app has quit.
    w.unref();
    w.on('message', (reply: ModelReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('error' in reply) p.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      else if ('unchanged' in reply) p.resolve(undefined);
      else p.resolve({ estate: reply.estate, posture: reply.posture });
    });
    w.on('error', (error) => {
      if (worker === w) failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`refresh worker stopped (exit code ${code})`));
    });
    return w;
  };

  return {
    load: async (now) => {
      worker ??= start();
      const id = nextId++;
      const request: ModelRequest = { id, now };
      const observed = await new Promise<Observed | undefined>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker?.postMessage(request);
      });
      if (!observed && last) return last;
      if (!observed) throw new Error('refresh worker answered "unchanged" before sending any data');
      last = buildOrgData(observed.estate, observed.posture, label);
      return last;
    },
    close: async () => {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
