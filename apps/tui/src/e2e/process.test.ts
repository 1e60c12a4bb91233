/**
 * The built binary as a process without a terminal: one clear line and exit code 2 for every refusal.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [binary, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

describe('vaultscope without a terminal', () => {
  it('prints one line pointing to vaultscope-report posture and exits 2', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('vaultscope-report posture --source demo --json');
  });

  it('names the chosen source in that line', () => {
    expect(run('--source', 'snapshot:/tmp/x.json').stderr).toContain('--source snapshot:/tmp/x.json');
  });

  it('rejects bad options and sources with one line, exit 2, no stack trace', () => {
    for (const args of [['--source', 'ftp'], ['--refresh', 'never'], ['--nope']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^vaultscope: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints its version through the committed bin shim (what npx and a global install run)', () => {
    const shim = fileURLToPath(new URL('../../bin/vaultscope.js', import.meta.url));
    const version = (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
    const r = spawnSync(process.execPath, [shim, '--version'], { encoding: 'utf8' });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--source <source>');
    expect(r.stdout).toContain('--refresh <seconds>');
  });
});
