/**
 * End to end: `c` copies the focused fix command in a real terminal. The built binary runs in its own tmux server
 * with `set-clipboard on`, so the OSC 52 the app sends becomes a tmux paste buffer (`show-buffer`); the fallback
 * file under XDG_STATE_HOME must hold the same command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A server of our own: `set-clipboard` is a server option, and the operator's tmux must not be touched.
const socket = `vaultscope-copy-${process.pid}-${Date.now().toString(36)}`;
const session = 'copy';

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function waitForScreen(predicate: (s: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
}

const cursorLine = (s: string): string => s.split('\n').find((l) => l.startsWith('›')) ?? '';

describe.skipIf(!hasTmux)('c copies a fix command (tmux, end to end)', () => {
  let stateHome = '';
  beforeAll(() => {
    if (!existsSync(binary)) throw new Error(`${binary} is missing: build first (npm run build)`);
    stateHome = mkdtempSync(join(tmpdir(), 'vaultscope-e2e-state-'));
    // The server starts with this session; the option is set before the app can send anything that matters.
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', `XDG_STATE_HOME=${stateHome} ${process.execPath} ${binary} --seed 42; echo VAULTSCOPE_EXIT=$?; sleep 600`);
    tmux('set-option', '-s', 'set-clipboard', 'on');
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (stateHome) rmSync(stateHome, { recursive: true, force: true });
  });

  it('puts the command on the clipboard (OSC 52 → tmux buffer) and in the state-directory file', async () => {
    await waitForScreen((s) => s.includes('WORST FINDING') && /demo · captured \d+s ago/.test(s), 'the organization screen');
    tmux('send-keys', '-t', session, ':');
    tmux('send-keys', '-t', session, '-l', 'findings');
    tmux('send-keys', '-t', session, 'Enter');
    const list = await waitForScreen((s) => s.includes('findings, worst first') && cursorLine(s) !== '', 'the :findings list');
    expect(cursorLine(list)).toMatch(/CRIT|HIGH/);

    tmux('send-keys', '-t', session, 'c');
    const copied = await waitForScreen((s) => s.includes('Copied to the clipboard'), 'the copy message');
    expect(copied).toContain(join(stateHome, 'vaultscope').slice(0, 30));

    const file = readFileSync(join(stateHome, 'vaultscope', 'clipboard.txt'), 'utf8');
    expect(file).toMatch(/^aws \S+ .+\n$/);
    const command = file.slice(0, -1);
    // The finding under the cursor: its detail shows the same command.
    tmux('send-keys', '-t', session, 'Enter');
    const detail = await waitForScreen((s) => s.includes('Remediation'), 'the finding detail');
    expect(detail.replace(/\n\s+/g, '').replace(/\s/g, '')).toContain(command.replace(/\s/g, '').slice(0, 60));

    // OSC 52 reached the terminal: tmux made a paste buffer of it.
    const buffer = spawnSync('tmux', ['-L', socket, 'show-buffer'], { encoding: 'utf8' });
    expect(buffer.status).toBe(0);
    expect(buffer.stdout).toBe(command);

    tmux('send-keys', '-t', session, 'q');
    const after = await waitForScreen((s) => s.includes('VAULTSCOPE_EXIT='), 'the process to exit');
    expect(after).toContain('VAULTSCOPE_EXIT=0');
  }, 120_000);
});
