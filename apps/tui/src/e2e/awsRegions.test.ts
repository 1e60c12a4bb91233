/**
 * End to end: `vaultscope --source aws --regions … --accounts …` in a real terminal against a real moto_server
 * (the organization the reporter's moto tests use): only the named Regions and accounts are observed, as with
 * the reporter's options.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultMotoSpec, seedMotoOrganization, startMoto, type MotoServer, type SeededOrganization } from '@vaultscope/test-fixtures/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const hasMoto = spawnSync(process.env['MOTO_SERVER'] ?? 'moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
const session = `vaultscope-regions-${process.pid}-${Date.now().toString(36)}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function waitForScreen(predicate: (s: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
}

describe.skipIf(!hasTmux || !hasMoto)('vaultscope --source aws --regions (tmux + moto, end to end)', () => {
  let moto: MotoServer;
  let seeded: SeededOrganization;
  let home = '';
  beforeAll(async () => {
    if (!existsSync(binary)) throw new Error(`${binary} is missing: build first (npm run build)`);
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
    home = mkdtempSync(join(tmpdir(), 'vaultscope-regions-'));
    moto = await startMoto();
    seeded = await seedMotoOrganization(moto.endpoint, defaultMotoSpec());
  }, 180_000);
  afterAll(async () => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    await moto?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('observes only eu-central-1 of the one named account', async () => {
    const payments = seeded.accounts.find((a) => a.name === 'payments-prod');
    if (!payments) throw new Error('moto organization changed');
    // A user's environment pointing the standard AWS settings at moto; nothing inherited from this machine.
    const env = [`PATH=${process.env['PATH'] ?? ''}`, `HOME=${home}`, 'NO_COLOR=1', 'AWS_EC2_METADATA_DISABLED=true', `AWS_ENDPOINT_URL=${moto.endpoint}`, 'AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing', 'AWS_REGION=eu-west-1'];
    const args = ['--source', 'aws', '--regions', 'eu-central-1', '--accounts', payments.id];
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', `env -i ${env.join(' ')} ${process.execPath} ${binary} ${args.join(' ')}; echo VAULTSCOPE_EXIT=$?; sleep 600`);

    await waitForScreen((s) => s.includes('payments-prod') && /aws · captured/.test(s), 'the organization from moto');
    tmux('send-keys', '-t', session, ':');
    tmux('send-keys', '-t', session, '-l', 'assets');
    tmux('send-keys', '-t', session, 'Enter');
    const assets = await waitForScreen((s) => /\d+ assets/.test(s) && s.includes('orders-archive'), 'the :assets list');
    const rows = assets.split('\n').filter((l) => /^(›| ) \S/.test(l) && /eu-(west|central)-1/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('eu-central-1');
    expect(assets).toContain('payments-dr-euc1');
    // eu-west-1's assets of the same account, and every other account's, were not observed.
    for (const name of ['payments-ledger-euw1', 'batch-scratch', 'security-logs-euc1', 'analytics-share']) expect(assets).not.toContain(name);

    tmux('send-keys', '-t', session, 'q');
    const after = await waitForScreen((s) => s.includes('VAULTSCOPE_EXIT='), 'the process to exit');
    expect(after).toContain('VAULTSCOPE_EXIT=0');
  }, 240_000);
});
