/**
 * Lets the UI thread win the CPU over the source worker. The worker re-reads, re-evaluates and re-indexes the
 * whole estate on a refresh (seconds of CPU at 100,000 assets); on a machine with few cores the UI thread then
 * waits in the run queue behind it, and frames stall although the UI has almost nothing to do. The worker lowers
 * its own thread's priority, so the scheduler runs the UI thread first and gives the worker the rest.
 *
 * Only on Linux, where setpriority(PRIO_PROCESS, tid) acts on one thread (the worker reads its thread id from
 * /proc/thread-self, "PID/task/TID"); elsewhere the call would lower the whole process, UI included, so nothing
 * is changed. Any refusal (a sandbox, an unreadable /proc) leaves the priority as it was.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The niceness of the source worker's thread: well below the UI's (0), so the UI thread is nearly always picked first. */
export const WORKER_NICENESS = 10;

/** Where the thread is (injected in tests). */
export interface ThreadEnv {
  platform: NodeJS.Platform;
  /** The target of /proc/thread-self. */
  threadSelf: () => string;
}

const system: ThreadEnv = { platform: process.platform, threadSelf: () => readlinkSync('/proc/thread-self') };

/** The threads of this process (injected in tests): the entries of /proc/self/task. */
export type ListThreads = () => readonly number[];
const listThreads: ListThreads = () => readdirSync('/proc/self/task').map(Number);

/** This thread's id on Linux, or undefined. */
export function currentThreadId(env: ThreadEnv = system): number | undefined {
  if (env.platform !== 'linux') return undefined;
  try {
    const tid = Number(/\/task\/(\d+)$/.exec(env.threadSelf())?.[1]);
    return Number.isSafeInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lowers the calling thread's priority to `niceness` (never raises it). Returns the thread id changed, or
 * undefined when nothing was (not Linux, or refused).
 */
export function lowerThreadPriority(niceness = WORKER_NICENESS, env: ThreadEnv = system): number | undefined {
  const tid = currentThreadId(env);
  if (tid === undefined) return undefined;
  try {
    if (getPriority(tid) >= niceness) return tid;
    setPriority(tid, niceness);
    return tid;
  } catch {
    return undefined;
  }
}

/**
 * Lowers every thread of the process but its main one — the UI thread — to `niceness`: the worker (again, if it
 * has not done it itself) and V8's platform threads, which compile both isolates' hot code and release their
 * heaps' pages. With each isolate's garbage collected on its own thread (ownThreadGc.ts) the UI thread waits for
 * none of them to collect, and lowered they take the second core from it no more than the worker does. (Without
 * that flag this is harmful — a UI collection waits for its marking helpers, and lowered they come last: 120–300 ms
 * gaps in the held-key benchmark — so the worker calls it only with the flag.) Returns the thread ids lowered
 * (none: not Linux, or /proc refused).
 */
export function lowerAllButMainThread(niceness = WORKER_NICENESS, env: ThreadEnv = system, threads: ListThreads = listThreads, mainTid = process.pid): number[] {
  if (env.platform !== 'linux') return [];
  let tids: readonly number[];
  try {
    tids = threads();
  } catch {
    return [];
  }
  const lowered: number[] = [];
  for (const tid of tids) {
    if (tid === mainTid || !Number.isSafeInteger(tid) || tid <= 0) continue;
    try {
      if (getPriority(tid) < niceness) setPriority(tid, niceness);
      lowered.push(tid);
    } catch {
      // Gone meanwhile, or refused: left as it is.
    }
  }
  return lowered;
}
