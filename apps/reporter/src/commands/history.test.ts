/**
 * `collect`, `history verify|show` and `pack` against a file ledger, through the real binary: idempotent
 * re-collection, tamper detection naming the batch, packs that refuse a broken ledger, and --force.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const ESTATE = fileURLToPath(new URL('../pack/__golden__/estate.json', import.meta.url));
let dir: string;
let env: NodeJS.ProcessEnv;
let source: string;
let ledger: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-history-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  source = `snapshot:${ESTATE}`;
  ledger = join(dir, 'ledger.sqlite');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collect and history', () => {
  it('appends a batch per collection and records each job once', () => {
    const first = cli('collect', '--source', source, '--ledger', ledger);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`collected ${source} into ${ledger}`);
    expect(first.stdout).toContain('batch 1: backup 6 new, 0 updated, 0 unchanged; copy 2 new, 0 updated, 0 unchanged; restore 3 new');
    const second = cli('collect', '--source', source, '--ledger', ledger);
    expect(second.stdout).toContain('batch 2: backup 0 new, 0 updated, 6 unchanged; copy 0 new, 0 updated, 2 unchanged; restore 0 new, 0 updated, 3 unchanged');
    const verify = cli('history', 'verify', '--ledger', ledger);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^OK .*: 2 batches, 11 job records, \d+ Audit Manager evidence items, chain head [0-9a-f]{64}$/m);
    const show = cli('history', 'show', '--ledger', ledger);
    expect(show.stdout).toMatch(/backup\s+6 jobs, created 2026-09-30T23:59:59.000Z to 2026-11-01T00:00:00.000Z/);
    const csv = cli('history', 'show', '--ledger', ledger, '--output', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n').slice(0, 2)).toEqual(['kind,count,earliest,latest', 'backup,6,2026-09-30T23:59:59.000Z,2026-11-01T00:00:00.000Z']);
  });

  it('history show before any ledger exists says so plainly, in every output', () => {
    const none = join(dir, 'never-collected.sqlite');
    const table = cli('history', 'show', '--ledger', none);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^no ledger at .*never-collected\.sqlite yet: nothing has been collected there/);
    expect(JSON.parse(cli('history', 'show', '--ledger', none, '--output', 'json').stdout)).toMatchObject({ exists: false });
    const csv = cli('history', 'show', '--ledger', none, '--output', 'csv');
    expect(csv.stdout).toBe('kind,count,earliest,latest\r\n');
    expect(csv.stderr).toMatch(/no ledger at/);
    expect(cli('history', 'verify', '--ledger', none).code).toBe(2);
  });

  it('uses VAULTSCOPE_LEDGER when no --ledger is given', () => {
    const viaEnv = join(dir, 'env-ledger.sqlite');
    const r = spawnSync(process.execPath, [BIN, 'collect', '--source', source], { encoding: 'utf8', env: { ...env, VAULTSCOPE_LEDGER: viaEnv } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(viaEnv);
  });

  it('packs from the ledger; refuses a non-empty --out unless --force', () => {
    const out = join(dir, 'pack');
    const r = cli('pack', '--period', '2026-10', '--source', source, '--ledger', ledger, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('4 backup jobs, 2 copy jobs, 3 restore jobs in the period');
    // Intact; exit 3 because no trust anchor was given (the signer is the self-signed one).
    expect(cli('verify', out).code).toBe(3);
    const again = cli('pack', '--period', '2026-10', '--source', source, '--ledger', ledger, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists and is not empty/);
    const forced = cli('pack', '--period', '2026-10', '--source', source, '--ledger', ledger, '--out', out, '--force', '--no-collect');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('names the first broken batch of a tampered ledger, and packs refuse it', () => {
    const tampered = join(dir, 'tampered.sqlite');
    copyFileSync(ledger, tampered);
    const db = new Database(tampered);
    db.prepare("UPDATE entries SET record = replace(record, '\"FAILED\"', '\"COMPLETED\"') WHERE job_id = 'b-002'").run();
    db.close();
    const r = cli('history', 'verify', '--ledger', tampered);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('BROKEN   batch 1: content does not match its hash\n');
    expect(r.stderr).toMatch(new RegExp(`^vaultscope-report: ${tampered}: ledger chain broken at batch 1 \\(\\d+ batches\\)\n$`));
    const pack = cli('pack', '--period', '2026-10', '--source', source, '--ledger', tampered, '--out', join(dir, 'bad'), '--no-collect');
    expect(pack.code).toBe(1);
    expect(pack.stderr).toMatch(/chain broken at batch 1/);
  });

  it('applies retention only when asked, and keeps the chain verifiable', () => {
    const r = cli('collect', '--source', source, '--ledger', ledger, '--retention-days', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/retention 1 days: removed \d+ batches/);
    expect(cli('history', 'verify', '--ledger', ledger).code).toBe(0);
    expect(cli('collect', '--source', source, '--ledger', ledger, '--retention-days', '0').code).toBe(2);
  });

  it('gives one-line errors for a missing ledger or a file that is not one', () => {
    const missing = cli('history', 'verify', '--ledger', join(dir, 'nope.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    mkdirSync(join(dir, 'junk'));
    writeFileSync(join(dir, 'junk', 'x.sqlite'), 'not a database');
    const junk = cli('history', 'verify', '--ledger', join(dir, 'junk', 'x.sqlite'));
    expect(junk.code).toBe(2);
    expect(junk.stderr.trim().split('\n')).toHaveLength(1);
  });
});
