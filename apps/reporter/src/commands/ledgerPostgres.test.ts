/**
 * The commands on a PostgreSQL ledger, through the real binary and a real server on a free loopback port:
 * `collect` (by --ledger and by VAULTSCOPE_LEDGER), `history verify|show`, tamper detection, two collectors at
 * once, and a pack that is byte for byte the pack built from a SQLite ledger holding the same data. The database
 * password is in every URL given and must appear in no output.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '@vaultscope/test-fixtures/postgres';
import { runBin } from '../cli/runBin.testkit.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ESTATE = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
const SOURCE = `snapshot:${ESTATE}`;
let dir: string;
let env: NodeJS.ProcessEnv;
let server: PostgresServer;

type Run = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...env, ...extra } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the binary without blocking the event loop, so runs overlap for real. */
const cliAsync = (args: string[]): Promise<Run> => runBin(args, env);

/** Asserts the run succeeded and never printed the database password. */
function ok(r: Run): Run {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout + r.stderr).not.toContain(server.password);
  return r;
}

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-pgcli-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  server = await startPostgres();
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a PostgreSQL ledger', { timeout: 300_000 }, () => {
  it('collects, verifies and shows, naming the database without its password', async () => {
    const url = server.createDatabase('collect');
    const shown = url.replace(encodeURIComponent(server.password), '***');
    expect(cli(['history', 'verify', '--ledger', url])).toMatchObject({ code: 2, stderr: expect.stringContaining(`no ledger at ${shown} yet`) });
    const first = ok(cli(['collect', '--source', SOURCE, '--ledger', url]));
    expect(first.stdout).toContain(`collected ${SOURCE} into ${shown}`);
    expect(first.stdout).toContain('batch 1: backup 6 new, 0 updated, 0 unchanged; copy 2 new, 0 updated, 0 unchanged; restore 3 new');
    const second = ok(cli(['collect', '--source', SOURCE], { VAULTSCOPE_LEDGER: url }));
    expect(second.stdout).toContain('batch 2: backup 0 new, 0 updated, 6 unchanged');
    expect(ok(cli(['history', 'verify', '--ledger', url])).stdout).toMatch(new RegExp(`^OK       ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 2 batches, 11 job records, \\d+ Audit Manager evidence items, chain head [0-9a-f]{64}\\n$`));
    expect(ok(cli(['history', 'show', '--ledger', url])).stdout).toMatch(/backup\s+6 jobs, created 2026-09-30T23:59:59.000Z to 2026-11-01T00:00:00.000Z/);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE entries SET record = replace(record, '\"FAILED\"', '\"COMPLETED\"') WHERE job_id = 'b-002'");
    await client.end();
    const broken = cli(['history', 'verify', '--ledger', url]);
    expect(broken).toMatchObject({ code: 1, stdout: 'BROKEN   batch 1: content does not match its hash\n' });
    expect(broken.stderr).not.toContain(server.password);
    const pack = cli(['pack', '--period', '2026-10', '--source', SOURCE, '--ledger', url, '--out', join(dir, 'refused'), '--no-collect']);
    expect(pack.code).toBe(1);
    expect(pack.stderr).toMatch(/chain broken at batch 1/);
    expect(pack.stderr).not.toContain(server.password);
  });

  it('takes two collectors at once: both batches land, one chain', async () => {
    const url = server.createDatabase('concurrent');
    const runs = await Promise.all([cliAsync(['collect', '--source', SOURCE, '--ledger', url]), cliAsync(['collect', '--source', SOURCE, '--ledger', url])]);
    for (const r of runs) ok(r);
    const batches = runs.map((r) => Number(/batch (\d+):/.exec(r.stdout)?.[1])).sort();
    expect(batches).toEqual([1, 2]);
    // Whichever came second found every job already recorded.
    expect(runs.map((r) => r.stdout).join('')).toContain('backup 0 new, 0 updated, 6 unchanged');
    expect(ok(cli(['history', 'verify', '--ledger', url])).stdout).toMatch(/: 2 batches, 11 job records/);
  });

  it('gives the same pack, byte for byte, as a SQLite ledger holding the same collections', () => {
    const url = server.createDatabase('pack');
    const file = join(dir, 'pack-ledger.sqlite');
    const packs: Record<string, string> = {};
    for (const [name, ledger] of [['sqlite', file], ['postgres', url]] as const) {
      // Two observations at fixed times (pack records its own), then the pack of October from what is stored.
      ok(cli(['pack', '--period', '2026-09', '--source', SOURCE, '--ledger', ledger, '--out', join(dir, `${name}-sep`), '--now', '2026-11-02T06:00:00Z']));
      ok(cli(['pack', '--period', '2026-10', '--source', SOURCE, '--ledger', ledger, '--out', join(dir, `${name}-oct`), '--now', '2026-11-03T06:00:00Z']));
      packs[name] = join(dir, `${name}-oct`);
    }
    const files = readdirSync(packs.sqlite as string).sort();
    expect(readdirSync(packs.postgres as string).sort()).toEqual(files);
    expect(files).toContain('manifest.json');
    for (const f of files) expect(digest(join(packs.postgres as string, f)), f).toBe(digest(join(packs.sqlite as string, f)));
    const manifest = JSON.parse(readFileSync(join(packs.postgres as string, 'manifest.json'), 'utf8')) as { ledger: { batches: number; head: { sha256: string } } };
    expect(manifest.ledger.batches).toBe(2);
    // The same chain: the same head hash, whichever store holds it.
    expect(ok(cli(['history', 'verify', '--ledger', url])).stdout).toContain(`chain head ${manifest.ledger.head.sha256}`);
    expect(ok(cli(['history', 'verify', '--ledger', file])).stdout).toContain(`chain head ${manifest.ledger.head.sha256}`);
  });
});
