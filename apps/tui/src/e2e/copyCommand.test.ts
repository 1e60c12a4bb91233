/**
 * End to end: `c` copies the focused fix command in a real terminal. The built binary runs in its own tmux server
 * with `set-clipboard on`, so the OSC 52 the app sends becomes a tmux paste buffer (`show-buffer`); the fallback
 * file under XDG_STATE_HOME must hold the same command.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorLine, EXIT_MARK, hasTmux, requireBuilt, TmuxSession, tuiBinary, uniqueName } from '../testing/tmuxSession.js';

// A server of our own: `set-clipboard` is a server option, and the operator's tmux must not be touched.
const socket = uniqueName('vaultscope-copy');

describe.skipIf(!hasTmux)('c copies a fix command (tmux, end to end)', () => {
  let stateHome = '';
  let t: TmuxSession;
  beforeAll(() => {
    requireBuilt(tuiBinary);
    stateHome = mkdtempSync(join(tmpdir(), 'vaultscope-e2e-state-'));
    // The server starts with this session; the option is set before the app can send anything that matters.
    t = TmuxSession.start({ session: 'copy', socket, width: 160, height: 40, command: `XDG_STATE_HOME=${stateHome} ${process.execPath} ${tuiBinary} --seed 42` });
    t.tmux('set-option', '-s', 'set-clipboard', 'on');
  });
  afterAll(() => {
    t.kill();
    if (stateHome) rmSync(stateHome, { recursive: true, force: true });
  });

  it('puts the command on the clipboard (OSC 52 → tmux buffer) and in the state-directory file', async () => {
    await t.waitFor((s) => s.includes('WORST FINDING') && /demo · captured \d+s ago/.test(s), 'the organization screen');
    t.keys(':');
    t.type('findings');
    t.keys('Enter');
    const list = await t.waitFor((s) => s.includes('findings, worst first') && cursorLine(s) !== '', 'the :findings list');
    expect(cursorLine(list)).toMatch(/CRIT|HIGH/);

    t.keys('c');
    const copied = await t.waitFor((s) => s.includes('Copied to the clipboard'), 'the copy message');
    expect(copied).toContain(join(stateHome, 'vaultscope').slice(0, 30));

    const file = readFileSync(join(stateHome, 'vaultscope', 'clipboard.txt'), 'utf8');
    expect(file).toMatch(/^aws \S+ .+\n$/);
    const command = file.slice(0, -1);
    // The finding under the cursor: its detail shows the same command.
    t.keys('Enter');
    const detail = await t.waitFor((s) => s.includes('Remediation'), 'the finding detail');
    expect(detail.replace(/\n\s+/g, '').replace(/\s/g, '')).toContain(command.replace(/\s/g, '').slice(0, 60));

    // OSC 52 reached the terminal: tmux made a paste buffer of it.
    expect(t.tmux('show-buffer')).toBe(command);

    t.keys('q');
    expect(await t.waitForExit()).toContain(`${EXIT_MARK}0`);
  }, 120_000);
});
