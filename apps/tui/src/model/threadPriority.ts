/**
 * Lets the UI win the CPU over the source worker. The worker re-reads, re-evaluates and re-indexes the whole
 * estate on a refresh (seconds of CPU at 100,000 assets); on a machine with few cores the UI thread then waits in
 * the run queue behind it, and frames stall although the UI has almost nothing to do. The worker's process
 * (sourceProcess.ts) lowers its own priority, so the scheduler runs the UI first and gives the worker the rest.
 *
 * On Linux a priority belongs to a thread (setpriority(PRIO_PROCESS, tid) acts on one; a new thread inherits its
 * creator's), so every thread of the process is lowered: its main thread, V8's platform threads (which compile
 * hot code and release heap pages) and any started since. Elsewhere the call lowers the process itself. Any
 * refusal (a sandbox, an unreadable /proc) leaves the priority as it was.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The niceness of the source worker's process: well below the UI's (0), so the UI is nearly always picked first. */
export const WORKER_NICENESS = 10;

/** The threads of this process (injected in tests): the entries of /proc/self/task. */
export type ListThreads = () => readonly number[];
const listThreads: ListThreads = () => readdirSync('/proc/self/task').map(Number);

/**
 * Lowers this process to `niceness` (never raises a thread already lower). Returns the Linux thread ids set or
 * already low enough; elsewhere [0] once the process is lowered; [] when nothing could be.
 */
export function lowerThisProcess(niceness = WORKER_NICENESS, platform: NodeJS.Platform = process.platform, threads: ListThreads = listThreads): number[] {
  if (platform !== 'linux') {
    try {
      if (getPriority() < niceness) setPriority(niceness);
      return [0];
    } catch {
      return [];
    }
  }
  let tids: readonly number[];
  try {
    tids = threads();
  } catch {
    return [];
  }
  const lowered: number[] = [];
  for (const tid of tids) {
    if (!Number.isSafeInteger(tid) || tid <= 0) continue;
    try {
      if (getPriority(tid) < niceness) setPriority(tid, niceness);
      lowered.push(tid);
    } catch {
      // Gone meanwhile, or refused: left as it is.
    }
  }
  return lowered;
}
