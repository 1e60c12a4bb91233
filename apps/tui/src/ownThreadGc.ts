/**
 * `vaultscope` runs V8 with `--single-threaded-gc`: each isolate collects its garbage on its own thread. By
 * default V8 hands parallel and concurrent marking to a pool of helper threads shared by the UI thread and the
 * source worker, and a collection of the UI heap waits for its helpers to finish; while the worker re-reads and
 * re-evaluates a 100,000-asset snapshot its own collections keep those helpers busy, and on a 2-core machine
 * the UI thread also waits behind them for a CPU. In the held-key benchmark (bench/tui/refresh.js, 6 runs each,
 * alternating series) the longest gap between frames of the runs without an outlier was 52–75 ms with the flag
 * (and V8's platform threads lowered, threadPriority.ts) against 77–100 ms without, ↓ → frame median 5.6–6.4
 * against 6.2–9.3 ms. Not solved by it: in about one run in five either way, one gap of 110–530 ms in which the
 * UI thread is in a collection but neither running nor waiting for a CPU. The worker's collections, on its own
 * lowered thread, make a refresh somewhat slower to evaluate.
 *
 * V8 reads the flag when it starts: set later (v8.setFlagsFromString) it aborts the process in its next
 * collection. So a process started without it starts the program again with it (`npm start` passes it itself),
 * and only waits for that child, passing on its exit status.
 */
import { spawn } from 'node:child_process';

export const OWN_THREAD_GC_FLAG = '--single-threaded-gc';

/** Whether this process runs with each isolate's collections on its own thread. */
export function hasOwnThreadGc(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.includes(OWN_THREAD_GC_FLAG);
}

/**
 * Runs this program again with the flag, in a child that inherits the terminal, and ends this process the way
 * the child ended (its exit code, or its signal). The returned promise never resolves.
 */
export function relaunchWithOwnThreadGc(): Promise<never> {
  const [, script = '', ...args] = process.argv;
  const child = spawn(process.execPath, [...process.execArgv, OWN_THREAD_GC_FLAG, script, ...args], { stdio: 'inherit' });
  // The keyboard's signals (Ctrl-C, Ctrl-\) reach the child from the terminal itself (same process group): here
  // they are ignored. A termination sent to this process alone (a service manager's SIGTERM) is passed on.
  // Either way this process ends when the child does.
  const ignore = (): void => undefined;
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  const handlers = [
    ['SIGINT', ignore],
    ['SIGQUIT', ignore],
    ['SIGTERM', forward],
    ['SIGHUP', forward],
  ] as const;
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise<never>(() => {
    child.on('error', (error) => {
      process.stderr.write(`vaultscope: could not start ${process.execPath}: ${error.message}\n`);
      process.exit(1);
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        for (const [s, handler] of handlers) process.off(s, handler);
        process.kill(process.pid, signal);
        return;
      }
      process.exit(code ?? 1);
    });
  });
}
