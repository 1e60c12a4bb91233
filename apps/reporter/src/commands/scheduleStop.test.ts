/**
 * SIGTERM always ends the `schedule` daemon within its --stop-grace, even while a cycle is stuck collecting from an
 * AWS endpoint that accepts connections and never answers: logged, abandoned, exit 143.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSilentServer, type SilentServer } from '@vaultscope/test-fixtures/moto';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

let silent: SilentServer;
beforeAll(async () => {
  silent = await startSilentServer();
});
afterAll(async () => {
  await silent?.stop();
});

describe('schedule daemon stuck mid-collection', () => {
  it('ends on SIGTERM after --stop-grace: cycle.aborted logged, exit 143', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultscope-stop-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      VAULTSCOPE_CONFIG_DIR: join(dir, 'config'),
      AWS_ENDPOINT_URL: silent.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    delete env.VAULTSCOPE_LEDGER;
    const child = spawn(process.execPath, [BIN, 'schedule', '--source', 'aws', '--quiet', '--ledger', join(dir, 'ledger.sqlite'), '--out-root', join(dir, 'packs'), '--stop-grace', '1'], { env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The cycle has started and its first call (GetCallerIdentity) has reached the silent endpoint.
    while (!(out.includes('"cycle.started"') && silent.connections > 0)) {
      if (out.includes('"cycle.failed"')) throw new Error(`the cycle failed instead of hanging: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const events = out.trim().split('\n').map((l) => JSON.parse(l) as { event: string; why?: string });
    expect(events.map((e) => e.event).slice(-2)).toEqual(['signal', 'cycle.aborted']);
    expect(events.at(-1)?.why).toBe('still running 1 s after the signal');
  }, 120_000);
});
