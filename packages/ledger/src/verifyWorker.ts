/**
 * Chain verification of a ledger file on a worker thread, so a pack can stream its CSVs while the ledger is
 * re-hashed (a million-job ledger takes seconds to hash; a 2-core machine can do both at once).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openLedger } from './ledger.js';
import type { ChainVerification } from './types.js';

interface VerifyRequest {
  vaultscopeVerifyLedger: true;
  path: string;
  index: 'full' | 'latest';
}

/** Verifies the chain of the ledger file at `path` on its own thread (with its own read-only connection). */
export function verifyChainInWorker(path: string, options: { index?: 'full' | 'latest' } = {}): Promise<ChainVerification> {
  return new Promise((resolve, reject) => {
    const request: VerifyRequest = { vaultscopeVerifyLedger: true, path, index: options.index ?? 'full' };
    // No inherited node flags: a parent started as `node --input-type=module -e …` would make the worker fail.
    const worker = new Worker(new URL(import.meta.url), { workerData: request, execArgv: [] });
    let settled = false;
    worker.once('message', (message: { result?: ChainVerification; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? 'ledger verification failed'));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`ledger verification worker exited with code ${code}`));
    });
  });
}

const request = workerData as VerifyRequest | undefined;
if (!isMainThread && parentPort && request?.vaultscopeVerifyLedger) {
  try {
    const ledger = openLedger(request.path, { readonly: true });
    try {
      parentPort.postMessage({ result: ledger.verifyChain({ index: request.index }) });
    } finally {
      ledger.close();
    }
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
