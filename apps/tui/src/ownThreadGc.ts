/**
 * `vaultscope` runs V8 with `--single-threaded-gc`: each process collects its garbage on its own main thread,
 * with no parallel or concurrent helper threads. On a 2-core machine a UI collection handed to helpers waits for
 * them to get a CPU beside the source worker's process (sourceProcess.ts). In the held-key benchmark at 100,000
 * assets (bench/tui/refresh.js, the worker in its own process) the longest gap between frames per run was
 * 49.9–96.5 ms with the flag (6 runs, 22:30–22:35 on 4 December) and 70.2–80.8 ms without (4 runs, 22:03–22:06),
 * ↓ → frame median 5.6–8.3 against 5.8–7.4 ms, peak resident memory 923–940 against 889–909 MB. (Before the
 * worker had a process of its own the flag also kept UI collections from waiting for helpers busy with the
 * worker's: 52–75 against 77–100 ms.)
 *
 * V8 reads the flag when it starts: set later (v8.setFlagsFromString) it aborts the process in its next
 * collection. So a process started without it starts the program again with it (`npm start` passes it itself),
 * and only waits for that child, passing on its exit status.
 */
import { spawn } from 'node:child_process';

export const OWN_THREAD_GC_FLAG = '--single-threaded-gc';

/** Whether this process runs with its collections on its main thread alone. */
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
