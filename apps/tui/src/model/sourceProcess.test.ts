/**
 * The source worker as built (dist/) runs in a process of its own (sourceProcess.ts): a child of the UI's
 * process, every thread of it at the worker's lowered priority once the first screen is sent, and gone when the
 * UI's process is gone — even killed, with no chance to end it.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WORKER_NICENESS } from './threadPriority.js';

const DIST = new URL('../../dist/model/', import.meta.url);

/** Fields of /proc/PID/stat after the command name: [state, ppid, …]; undefined once the process is gone. */
function stat(pid: number, tid = pid): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Whether the process has ended (gone, or a zombie left for its new parent to reap). */
const ended = (pid: number): boolean => {
  const fields = stat(pid);
  return fields === undefined || fields[0] === 'Z' || fields[0] === 'X';
};

/** A stand-in for the UI's process: `script` (an ES module) run by Node, its stdout piped to the test. */
function standIn(script: string): ChildProcessByStdio<null, Readable, null> {
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** An `import` of a built module of this folder, for a stand-in's script. */
const built = (file: string): string => JSON.stringify(new URL(file, DIST).href);

describe.runIf(process.platform === 'linux' && existsSync('/proc/self/task'))('the source process', () => {
  it('runs as a child of the UI, lowered, and ends when the UI process is killed', async () => {
    // A stand-in for the UI's process: starts the source worker as main.tsx does, and prints both pids once the
    // demo's first screen has come.
    const ui = standIn(
      `const { SourceProcess } = await import(${built('sourceProcess.js')});
      const { SourceModel } = await import(${built('sourceClient.js')});
      const source = new SourceProcess(new URL(${built('sourceWorker.js')}));
      const model = new SourceModel(source, { spec: { kind: 'demo' } }, 3_600_000);
      model.show([{ kind: 'org' }]);
      const told = () => console.log(JSON.stringify({ ui: process.pid, source: source.pid }));
      const off = model.subscribe((s) => { if (s.data) { off(); told(); } });
      model.start();
      setInterval(() => undefined, 1000);`,
    );
    try {
      const [line] = (await once(createInterface({ input: ui.stdout }), 'line')) as [string];
      const pids = JSON.parse(line) as { ui: number; source: number };
      expect(pids.source).not.toBe(pids.ui);
      expect(stat(pids.source)?.[1]).toBe(String(pids.ui));

      // Every thread of the worker's process is lowered once the first screen was committed (the UI has it now).
      const nice = (): number[] => readdirSync(`/proc/${pids.source}/task`).map((tid) => Number(stat(pids.source, Number(tid))?.[16]));
      while (!nice().every((n) => n === WORKER_NICENESS)) await sleep(50);
      expect(nice().length).toBeGreaterThan(1);

      ui.kill('SIGKILL');
      await once(ui, 'exit');
      // The channel closes with the UI's process: the worker exits on its own (no one is left to kill it).
      while (!ended(pids.source)) await sleep(50);
      expect(ended(pids.source)).toBe(true);
    } finally {
      ui.kill('SIGKILL');
    }
  }, 120_000);

  it("keeps the UI's process alive until the worker has answered", async () => {
    // Nothing else holds this stand-in's event loop open (no terminal, no timer): the failed first load of a
    // missing file must still reach it.
    const ui = standIn(
      `const { SourceModel } = await import(${built('sourceClient.js')});
      const model = new SourceModel(new URL(${built('sourceWorker.js')}), { spec: { kind: 'snapshot', path: '/nonexistent/estate.json' } }, 3_600_000);
      model.subscribe((s) => {
        if (!s.status.error) return;
        console.log(s.status.error);
        void model.close();
      });
      model.start();`,
    );
    let out = '';
    ui.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(ui, 'exit')) as [number | null];
    expect(out).toMatch(/nonexistent\/estate\.json/);
    expect(code).toBe(0);
  }, 120_000);
});
