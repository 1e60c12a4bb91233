/**
 * The source worker's thread priority: on Linux a worker thread lowers its own niceness and only its own (the
 * thread that started it keeps its priority); elsewhere, or when /proc cannot be read, nothing is changed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { currentThreadId, lowerAllButMainThread, lowerThreadPriority, WORKER_NICENESS } from './threadPriority.js';

const linux = process.platform === 'linux';
const BUILT = new URL('../../dist/model/threadPriority.js', import.meta.url).href;

/** Niceness of a thread of this process, from /proc (field 19 of stat, counted after the command name). */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('lowerThreadPriority', () => {
  it.runIf(linux)('lowers the calling worker thread only, and never raises it', async () => {
    const me = currentThreadId() as number;
    expect(me).toBeGreaterThan(0);
    const before = getPriority(me);
    const worker = new Worker(
      `import(${JSON.stringify(BUILT)}).then((m) => {
         const { parentPort } = require('node:worker_threads');
         const tid = m.lowerThreadPriority();
         const again = m.lowerThreadPriority(5);
         parentPort.postMessage({ tid, again, nice: require('node:os').getPriority(tid) });
         parentPort.once('message', () => process.exit(0));
       });`,
      { eval: true },
    );
    try {
      const result = await new Promise<{ tid: number; again: number; nice: number }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(result.tid).not.toBe(me);
      expect(result.again).toBe(result.tid);
      // Seen from this thread: the worker's thread is lowered (a lower second request does not raise it)...
      expect(result.nice).toBe(WORKER_NICENESS);
      expect(niceOf(result.tid)).toBe(WORKER_NICENESS);
      // ...and this thread is as it was.
      expect(getPriority(me)).toBe(before);
      expect(readdirSync('/proc/self/task').map(Number)).toContain(result.tid);
    } finally {
      worker.postMessage('done');
      await worker.terminate();
    }
  });

  it('changes nothing where a thread cannot be told from its process, or /proc cannot be read', () => {
    const me = linux ? getPriority(currentThreadId() as number) : undefined;
    const elsewhere = (platform: NodeJS.Platform) => ({ platform, threadSelf: () => '4242/task/4243' });
    expect(currentThreadId(elsewhere('darwin'))).toBeUndefined();
    expect(currentThreadId(elsewhere('win32'))).toBeUndefined();
    expect(currentThreadId(elsewhere('linux'))).toBe(4243);
    const refused = {
      platform: 'linux' as const,
      threadSelf: () => {
        throw new Error('EACCES');
      },
    };
    expect(currentThreadId(refused)).toBeUndefined();
    expect(currentThreadId({ platform: 'linux', threadSelf: () => 'not-a-thread' })).toBeUndefined();
    expect(lowerThreadPriority(WORKER_NICENESS, elsewhere('darwin'))).toBeUndefined();
    expect(lowerThreadPriority(WORKER_NICENESS, refused)).toBeUndefined();
    if (linux) expect(getPriority(currentThreadId() as number)).toBe(me);
  });
});

describe('lowerAllButMainThread', () => {
  it.runIf(linux)("lowers every thread of the process but the main one (V8's platform threads, a worker)", () => {
    // In a process of its own: lowering this one would slow the test runner's own threads.
    const script = `
      const { readdirSync, readFileSync } = require('node:fs');
      const { Worker } = require('node:worker_threads');
      const nice = (tid) => { const s = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
      const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
      worker.once('online', () => import(${JSON.stringify(BUILT)}).then((m) => {
        const lowered = m.lowerAllButMainThread();
        const threads = readdirSync('/proc/self/task').map(Number).map((tid) => ({ tid, nice: nice(tid) }));
        process.stdout.write(JSON.stringify({ pid: process.pid, lowered, threads }));
        process.exit(0);
      }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { pid: number; lowered: number[]; threads: { tid: number; nice: number }[] };
    const main = out.threads.find((t) => t.tid === out.pid);
    const others = out.threads.filter((t) => t.tid !== out.pid);
    expect(main?.nice).toBe(0);
    // Node's platform threads and the worker's at least.
    expect(others.length).toBeGreaterThanOrEqual(5);
    expect(others.every((t) => t.nice === WORKER_NICENESS)).toBe(true);
    expect(out.lowered.sort()).toEqual(others.map((t) => t.tid).sort());
  });

  it('changes nothing where threads cannot be listed or told apart', () => {
    const linuxEnv = { platform: 'linux' as const, threadSelf: () => '4242/task/4243' };
    expect(lowerAllButMainThread(WORKER_NICENESS, { ...linuxEnv, platform: 'darwin' }, () => [4243])).toEqual([]);
    const refused = (): number[] => {
      throw new Error('EACCES');
    };
    expect(lowerAllButMainThread(WORKER_NICENESS, linuxEnv, refused)).toEqual([]);
    // Only the main thread (or ids that are not threads): nothing to lower.
    expect(lowerAllButMainThread(WORKER_NICENESS, linuxEnv, () => [4242, Number.NaN, 0], 4242)).toEqual([]);
  });
});
