/**
 * The relaunch that gives `vaultscope` V8's `--single-threaded-gc`: the program runs again with the flag and
 * its own arguments, and the first process ends as the second did — exit code, or signal — and passes a
 * termination sent to it alone on to the child.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasOwnThreadGc, OWN_THREAD_GC_FLAG } from './ownThreadGc.js';

const BUILT = new URL('../dist/ownThreadGc.js', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'vaultscope-gc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A program that relaunches itself as main.tsx does, then reports how it runs and ends as told. */
const program = join(dir, 'program.mjs');
writeFileSync(
  program,
  `import { hasOwnThreadGc, relaunchWithOwnThreadGc } from ${JSON.stringify(BUILT)};
  if (!hasOwnThreadGc()) await relaunchWithOwnThreadGc();
  process.stdout.write(JSON.stringify({ execArgv: process.execArgv, args: process.argv.slice(2), pid: process.pid }) + '\\n');
  const [how] = process.argv.slice(2);
  if (how === 'signal') process.kill(process.pid, 'SIGTERM');
  else if (how === 'wait') setInterval(() => undefined, 1000);
  else process.exit(Number(how));`,
);

interface Report {
  execArgv: string[];
  args: string[];
  pid: number;
}

describe('relaunchWithOwnThreadGc', () => {
  it('runs the program again with the flag and its arguments, and exits with its exit code', () => {
    const run = spawnSync(process.execPath, [program, '3', 'two words'], { encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.execArgv).toContain(OWN_THREAD_GC_FLAG);
    expect(report.args).toEqual(['3', 'two words']);
    expect(run.status).toBe(3);
    // Run with the flag already, it is not started again.
    const direct = spawnSync(process.execPath, [OWN_THREAD_GC_FLAG, program, '0'], { encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(direct.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('ends with the signal that ended the program', () => {
    const run = spawnSync(process.execPath, [program, 'signal'], { encoding: 'utf8' });
    expect(run.stdout).toContain(OWN_THREAD_GC_FLAG);
    expect(run.status).toBeNull();
    expect(run.signal).toBe('SIGTERM');
  });

  it('passes a SIGTERM sent to it alone on to the program', async () => {
    const parent = spawn(process.execPath, [program, 'wait'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const report = await new Promise<Report>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as Report)));
    expect(report.pid).not.toBe(parent.pid);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => parent.on('exit', (_code, signal) => resolve(signal)));
    parent.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    // The program is gone too.
    expect(() => process.kill(report.pid, 0)).toThrow();
  });

  it('knows the flag when it is there', () => {
    expect(hasOwnThreadGc(['--single-threaded-gc'])).toBe(true);
    expect(hasOwnThreadGc(['--expose-gc'])).toBe(false);
  });
});
