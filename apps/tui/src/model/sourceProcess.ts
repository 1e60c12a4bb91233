/**
 * The source worker runs in a child process of its own, not on a worker thread of the UI's process. Every V8
 * isolate of a process shares one lock of its C++ heap (cppgc's process-wide mutex), held by a full collection
 * for its whole atomic pause: while the worker collected its ~500 MB heap (a full mark of 100–300 ms, after each
 * re-read of a 100,000-asset snapshot), a collection of the UI thread that reached its own atomic pause slept on
 * that lock, and the frames stopped. In the held-key benchmark that was the one gap of 110–530 ms in about one
 * run in five (bench/tui/refresh.js; found with gdb: the UI thread in `cppgc::internal::g_process_mutex`, the
 * worker's thread in its marking). Two processes share no heap lock, no allocator and no V8 platform threads.
 *
 * Messages cross the IPC channel in V8's serialization (`serialization: 'advanced'`, what `postMessage` uses):
 * the same values arrive, typed arrays included, copied instead of transferred. The child ends with the UI:
 * when the channel closes (the UI process quit or died) it exits (sourceWorker.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { COMMAND_LINE_ARG, type FromWorker, type ToWorker } from './protocol.js';
import { hasOwnThreadGc, OWN_THREAD_GC_FLAG } from '../ownThreadGc.js';

/**
 * The worker's young generation, in MB per semi-space (V8's default is 16). Most of what a refresh allocates
 * stays alive until the next one (the estate, its posture, the indexes), so a large nursery mostly holds memory
 * that is copied out anyway: at 4 the worker's peak resident memory at 100,000 assets was ~30 MB lower (706 →
 * 674 MB) with the posture on screen as soon (bench/tui/refresh.js).
 */
export const WORKER_SEMI_SPACE_MB = 4;

/**
 * glibc's allocator settings for the worker's process (other C libraries ignore the variable). By default glibc
 * raises its threshold for mapping a block on its own to the largest block freed so far, so after the first
 * message buffers and file chunks of a few MB it keeps such blocks in its heap, and keeps the freed ones resident.
 * A fixed threshold (128 KiB, glibc's default start) returns every large block to the system when freed: the
 * worker's peak resident memory at 100,000 assets 731–752 → ~700 MB (bench/tui/refresh.js). Settings the user
 * gave come after ours, so they win.
 */
export function workerMallocTunables(given: string | undefined): string {
  const ours = 'glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072';
  return given ? `${ours}:${given}` : ours;
}

/** The source worker's process, as the UI thread talks to it. */
export class SourceProcess {
  private readonly child: ChildProcess;

  /**
   * `file`: the source worker's script. `argv`: the UI's command line, when the worker should parse it and begin
   * observing before the UI's `start` message comes (main.tsx).
   */
  constructor(file: URL, argv?: readonly string[]) {
    this.child = fork(fileURLToPath(file), argv ? [COMMAND_LINE_ARG, ...argv] : [], {
      serialization: 'advanced',
      // The terminal is the UI's: the worker reads no keys and writes nothing to the screen; its errors are shown.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      // Not the flags of whatever runs the UI (a test runner's loaders): the collector setting `vaultscope` runs
      // with (ownThreadGc.ts), and the worker's own young generation (WORKER_SEMI_SPACE_MB). NODE_OPTIONS reach
      // the child through the environment as usual.
      execArgv: [...(hasOwnThreadGc() ? [OWN_THREAD_GC_FLAG] : []), `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`],
      env: { ...process.env, GLIBC_TUNABLES: workerMallocTunables(process.env['GLIBC_TUNABLES']) },
    });
  }

  /** The worker's process id (benchmarks add its memory to the UI's). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: ToWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  on(event: 'message', listener: (message: FromWorker) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: 'message' | 'error' | 'exit', listener: (...args: never[]) => void): this {
    this.child.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Ends the worker and resolves once it has exited. */
  async terminate(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill();
    await exited;
  }
}
