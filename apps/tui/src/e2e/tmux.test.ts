/**
 * End to end: the real built binary in a real terminal (tmux), driven by keys, read from the screen.
 * organization → account → asset → back → `:findings` → `/` filter → `q`, on the demo with a fixed seed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `vaultscope-e2e-${process.pid}-${Date.now().toString(36)}`;

if (!hasTmux) console.warn('tmux is not installed: skipping the end-to-end TUI test');

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const screen = (): string => tmux('capture-pane', '-p', '-t', session);
const keys = (...k: string[]): void => void tmux('send-keys', '-t', session, ...k);
/** Literal text, typed as is. */
const type = (text: string): void => void tmux('send-keys', '-t', session, '-l', text);

/** Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
async function waitForScreen(predicate: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = screen();
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
}

/** The list line under the cursor (it starts with ›). */
const cursorLine = (s: string): string => s.split('\n').find((l) => l.startsWith('›')) ?? '';
/** The first cell of the cursor line. */
const cursorName = (s: string): string => cursorLine(s).slice(2).trim().split(/\s{2,}/)[0] ?? '';

describe.skipIf(!hasTmux)('vaultscope refusing bad input in a terminal', () => {
  it.each([
    [['--source', 'snapshot:/nonexistent/estate.json'], /^vaultscope: .*nonexistent.*$/m],
    [['--policy', '/nonexistent/policy.yaml'], /^vaultscope: \/nonexistent\/policy.yaml: file not found$/m],
    // No credentials anywhere (and no instance metadata: nothing leaves the machine).
    [['--source', 'aws'], /^vaultscope: no usable AWS credentials.*--profile NAME.*vaultscope --source demo$/m],
  ])('%j: one line, exit 2', async (args, message) => {
    const name = `${session}-bad-${args[0]?.slice(2)}`;
    const noAws = 'env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN AWS_CONFIG_FILE=/nonexistent/config AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials AWS_EC2_METADATA_DISABLED=true AWS_REGION=eu-west-1';
    tmux('new-session', '-d', '-s', name, '-x', '400', '-y', '20', `${noAws} ${process.execPath} ${binary} ${args.join(' ')}; echo VAULTSCOPE_EXIT=$?; sleep 600`);
    try {
      const deadline = Date.now() + 20_000;
      let pane = '';
      while (Date.now() < deadline && !pane.includes('VAULTSCOPE_EXIT=')) {
        pane = tmux('capture-pane', '-p', '-t', name);
        await new Promise((r) => setTimeout(r, 25));
      }
      const lines = pane.split('\n').filter((l) => l.trim());
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toBe('VAULTSCOPE_EXIT=2');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', name]);
    }
  }, 60_000);
});

describe.skipIf(!hasTmux)('vaultscope in tmux (end to end)', () => {
  beforeAll(() => {
    if (!existsSync(binary)) throw new Error(`${binary} is missing: build first (npm run build)`);
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `${process.execPath} ${binary} --seed 42; echo VAULTSCOPE_EXIT=$?; sleep 600`);
  });
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('drives organization → account → asset → back, :findings, / filter and q', async () => {
    // The organization may first be drawn from the start-up preview (title says loading); wait for the data.
    const org = await waitForScreen((s) => s.includes('WORST FINDING') && cursorLine(s) !== '' && /demo · captured \d+s ago/.test(s), 'the organization screen');
    expect(org).toContain('vaultscope › Organization');
    const account = cursorName(org);
    expect(account).not.toBe('');

    keys('Enter');
    const accountScreen = await waitForScreen((s) => s.includes('[Assets]'), 'the account screen');
    expect(accountScreen).toContain(`vaultscope › Organization › ${account}`);
    const asset = cursorName(accountScreen);

    keys('Enter');
    const xray = await waitForScreen((s) => s.includes('Classification') && s.includes('Coverage:'), 'the asset xray');
    expect(xray).toContain(`› ${account} › ${asset}`);
    expect(xray).toContain('decided by:');
    expect(xray).toContain('Recovery point');

    keys('Escape');
    await waitForScreen((s) => s.includes('[Assets]') && cursorName(s) === asset, 'the account screen again, cursor kept');
    keys('BSpace');
    await waitForScreen((s) => s.includes('WORST FINDING') && cursorName(s) === account, 'the organization again');

    keys(':');
    type('findings');
    keys('Enter');
    const findings = await waitForScreen((s) => s.includes('findings, worst first'), 'the :findings list');
    expect(cursorLine(findings)).toMatch(/CRIT|HIGH/);

    keys('/');
    type('not-in-plan');
    keys('Enter');
    const filtered = await waitForScreen((s) => s.includes('filter /not-in-plan') && s.includes('q quit'), 'the kept filter');
    const body = filtered.split('\n').filter((l) => /^(›| ) +(CRIT|HIGH|MEDIUM|LOW|INFO) /.test(l));
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(line).toContain('backup.not-in-plan');

    keys('q');
    const after = await waitForScreen((s) => s.includes('VAULTSCOPE_EXIT='), 'the process to exit');
    expect(after).toContain('VAULTSCOPE_EXIT=0');
    // The alternate screen is gone: none of the TUI is left on the terminal.
    expect(after).not.toContain('WORST FINDING');
  }, 120_000);
});

describe.skipIf(!hasTmux)('vaultscope quits on Ctrl-C and restores the terminal', () => {
  it('exits 0 from command mode on Ctrl-C, leaving the alternate screen', async () => {
    const name = `${session}-ctrlc`;
    tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', `echo BEFORE; NO_COLOR=1 ${process.execPath} ${binary} --seed 42; echo VAULTSCOPE_EXIT=$?; sleep 600`);
    try {
      const wait = async (predicate: (s: string) => boolean, what: string): Promise<string> => {
        const deadline = Date.now() + 20_000;
        let pane = '';
        while (Date.now() < deadline) {
          pane = tmux('capture-pane', '-p', '-t', name);
          if (predicate(pane)) return pane;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`timed out waiting for ${what}:\n${pane}`);
      };
      const screen80 = await wait((s) => s.includes('WORST FINDING'), 'the organization at 80×24');
      for (const line of screen80.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      tmux('send-keys', '-t', name, ':');
      await wait((s) => s.includes(':█'), 'command mode');
      tmux('send-keys', '-t', name, 'C-c');
      const after = await wait((s) => s.includes('VAULTSCOPE_EXIT='), 'exit');
      expect(after).toContain('VAULTSCOPE_EXIT=0');
      expect(after).toContain('BEFORE');
      expect(after).not.toContain('WORST FINDING');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', name]);
    }
  }, 60_000);
});
