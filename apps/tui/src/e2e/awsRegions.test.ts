/**
 * End to end: `vaultscope --source aws --regions … --accounts …` in a real terminal against a real moto_server
 * (the organization the reporter's moto tests use): only the named Regions and accounts are observed, as with
 * the reporter's options.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMotoSpec, seedMotoOrganization, startMoto, type MotoServer, type SeededOrganization } from '@vaultscope/test-fixtures/moto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_MARK, hasTmux, requireBuilt, TmuxSession, tuiBinary, uniqueName } from '../testing/tmuxSession.js';

const hasMoto = spawnSync(process.env['MOTO_SERVER'] ?? 'moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasTmux || !hasMoto)('vaultscope --source aws --regions (tmux + moto, end to end)', () => {
  let moto: MotoServer;
  let seeded: SeededOrganization;
  let home = '';
  let t: TmuxSession | undefined;
  beforeAll(async () => {
    requireBuilt(tuiBinary);
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
    home = mkdtempSync(join(tmpdir(), 'vaultscope-regions-'));
    moto = await startMoto();
    seeded = await seedMotoOrganization(moto.endpoint, defaultMotoSpec());
  }, 180_000);
  afterAll(async () => {
    t?.kill();
    await moto?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('observes only eu-central-1 of the one named account', async () => {
    const payments = seeded.accounts.find((a) => a.name === 'payments-prod');
    if (!payments) throw new Error('moto organization changed');
    // A user's environment pointing the standard AWS settings at moto; nothing inherited from this machine.
    const env = [`PATH=${process.env['PATH'] ?? ''}`, `HOME=${home}`, 'NO_COLOR=1', 'AWS_EC2_METADATA_DISABLED=true', `AWS_ENDPOINT_URL=${moto.endpoint}`, 'AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing', 'AWS_REGION=eu-west-1'];
    const args = ['--source', 'aws', '--regions', 'eu-central-1', '--accounts', payments.id];
    const term = (t = TmuxSession.start({ session: uniqueName('vaultscope-regions'), width: 160, height: 40, command: `env -i ${env.join(' ')} ${process.execPath} ${tuiBinary} ${args.join(' ')}` }));

    await term.waitFor((s) => s.includes('payments-prod') && /aws · captured/.test(s), 'the organization from moto');
    term.keys(':');
    term.type('assets');
    term.keys('Enter');
    const assets = await term.waitFor((s) => /\d+ assets/.test(s) && s.includes('orders-archive'), 'the :assets list');
    const rows = assets.split('\n').filter((l) => /^(›| ) \S/.test(l) && /eu-(west|central)-1/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('eu-central-1');
    expect(assets).toContain('payments-dr-euc1');
    // eu-west-1's assets of the same account, and every other account's, were not observed.
    for (const name of ['payments-ledger-euw1', 'batch-scratch', 'security-logs-euc1', 'analytics-share']) expect(assets).not.toContain(name);

    term.keys('q');
    expect(await term.waitForExit()).toContain(`${EXIT_MARK}0`);
  }, 240_000);
});
