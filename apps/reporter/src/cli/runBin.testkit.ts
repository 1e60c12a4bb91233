/**
 * The built `vaultscope-report` binary run as a child process for CLI tests, without blocking the test's event
 * loop: concurrent runs really overlap, and servers the test started (moto, PostgreSQL, receivers) keep answering.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPORTER_BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** What one run of the binary gave. */
export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vaultscope-report ARGS` with exactly `env`; resolves when it exits, rejects only if it cannot start. */
export function runBin(args: readonly string[], env: NodeJS.ProcessEnv): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REPORTER_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
