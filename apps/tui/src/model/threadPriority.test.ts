/**
 * The source worker's process lowers itself: on Linux every thread of it (its main thread, V8's platform threads,
 * a worker thread, and threads started afterwards), never raising one already lower; when its threads cannot be
 * listed, nothing is changed.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lowerThisProcess, WORKER_NICENESS } from './threadPriority.js';

const linux = process.platform === 'linux';
const BUILT = new URL('../../dist/model/threadPriority.js', import.meta.url).href;

describe('lowerThisProcess', () => {
  it.runIf(linux)('lowers every thread of the process, those started later too, and raises none', () => {
    // In a process of its own: lowering this one would slow the test runner.
    const script = `
      const { readdirSync, readFileSync } = require('node:fs');
      const { setPriority } = require('node:os');
      const { Worker } = require('node:worker_threads');
      const nice = (tid) => { const s = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
      const threads = () => readdirSync('/proc/self/task').map(Number).map((tid) => ({ tid, nice: nice(tid) }));
      const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
      worker.once('online', () => import(${JSON.stringify(BUILT)}).then((m) => {
        const lowerStill = threads().find((t) => t.tid !== process.pid).tid;
        setPriority(lowerStill, 15);
        const lowered = m.lowerThisProcess();
        const before = threads();
        // A thread started afterwards inherits its creator's priority.
        const later = new Worker('setInterval(() => {}, 1000)', { eval: true });
        later.once('online', () => {
          process.stdout.write(JSON.stringify({ pid: process.pid, lowerStill, lowered, before, after: threads() }));
          process.exit(0);
        });
      }));`;
    type Thread = { tid: number; nice: number };
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { pid: number; lowerStill: number; lowered: number[]; before: Thread[]; after: Thread[] };
    // The main thread, Node's platform threads and the worker's at least.
    expect(out.before.length).toBeGreaterThanOrEqual(6);
    expect(out.before.find((t) => t.tid === out.pid)?.nice).toBe(WORKER_NICENESS);
    expect(out.before.find((t) => t.tid === out.lowerStill)?.nice).toBe(15);
    expect(out.before.filter((t) => t.tid !== out.lowerStill).every((t) => t.nice === WORKER_NICENESS)).toBe(true);
    expect([...out.lowered].sort()).toEqual(out.before.map((t) => t.tid).sort());
    const started = out.after.filter((t) => !out.before.some((b) => b.tid === t.tid));
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((t) => t.nice >= WORKER_NICENESS)).toBe(true);
  });

  it('changes nothing where the threads cannot be listed', () => {
    const refused = (): number[] => {
      throw new Error('EACCES');
    };
    expect(lowerThisProcess(WORKER_NICENESS, 'linux', refused)).toEqual([]);
    // Ids that are not threads: nothing to lower.
    expect(lowerThisProcess(WORKER_NICENESS, 'linux', () => [Number.NaN, 0, -1])).toEqual([]);
  });
});
