/**
 * The reporter's command contract, exercised through the real built binary: exit codes, one-line errors,
 * atomic outputs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postureSchema, type Framework } from '@vaultscope/core';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const POLICY = fileURLToPath(new URL('../../../packages/sources/assets/default-policy.yaml', import.meta.url));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user error: exit 2, exactly one line on stderr, no stack trace. */
function expectOneLineError(result: ReturnType<typeof cli>, pattern: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
let snapshot: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-cli-'));
  snapshot = join(dir, 'estate.json');
  const r = cli('snapshot', '--source', 'demo', '--out', snapshot);
  expect(r.code, r.stderr).toBe(0);
});

describe('vaultscope-report posture / snapshot', () => {
  it('writes the demo estate as vaultscope.estate/v1, atomically', () => {
    const estate = JSON.parse(readFileSync(snapshot, 'utf8')) as { format: string; regions: unknown[] };
    expect(estate.format).toBe('vaultscope.estate/v1');
    expect(estate.regions.length).toBeGreaterThan(20);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints a readable summary table by default', () => {
    const r = cli('posture', '--source', `snapshot:${snapshot}`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/coverage of backup-required data \d+\.\d%/);
    expect(r.stdout).toMatch(/^critical\s+\d+/m);
    expect(r.stdout).toContain('backup.not-in-plan');
    expect(r.stdout).not.toContain('\u001b'); // hostile names are made terminal-safe
  });

  it('prints vaultscope.posture/v1 with --json, to stdout or --out', () => {
    const r = cli('posture', '--source', `snapshot:${snapshot}`, '--json');
    expect(r.code, r.stderr).toBe(0);
    const posture = postureSchema.parse(JSON.parse(r.stdout));
    expect(posture.assets.length).toBeGreaterThanOrEqual(300);
    const out = join(dir, 'posture.json');
    expect(cli('posture', '--source', `snapshot:${snapshot}`, '--json', '--out', out).code).toBe(0);
    expect(postureSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).estateCapturedAt).toBe(posture.estateCapturedAt);
  });

  it('accepts --policy FILE and rejects a policy that cannot meet its RPO, naming the class', () => {
    const strict = join(dir, 'policy.yaml');
    writeFileSync(strict, readFileSync(POLICY, 'utf8').replace('backupFrequencyHours: 24     # daily', 'backupFrequencyHours: 48'));
    expectOneLineError(cli('posture', '--source', 'demo', '--policy', strict), /policy\.yaml: classes\.standard: .*class "standard" cannot meet its own RPO/);
  });

  it('prints one framework\'s rules with --framework, the same verdicts as its JSON holds', () => {
    const r = cli('posture', '--source', `snapshot:${snapshot}`, '--framework', 'nist-800-53-r5');
    expect(r.code, r.stderr).toBe(0);
    const nist = JSON.parse(cli('posture', '--source', `snapshot:${snapshot}`, '--framework', 'nist-800-53-r5', '--output', 'json').stdout) as Framework;
    expect(nist.id).toBe('nist-800-53-r5');
    const rule = nist.rules.find((x) => x.id === 'dynamodb-in-backup-plan');
    expect(rule?.passing.length).toBeGreaterThan(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('dynamodb-in-backup-plan '));
    expect(row?.split(/\s{2,}/)).toEqual(['dynamodb-in-backup-plan', 'medium', String(rule?.passing.length), String(rule?.failing.length), String(rule?.notEvaluated.length), rule?.failing.length ? 'FAIL' : 'PASS', rule?.controls.join(' ')]);
    expect(r.stdout).toContain('CP-9(a)');
    for (const f of rule?.failing ?? []) expect(r.stdout).toContain(f.arn);
  }, 120_000);

  it('writes into an existing non-regular file instead of replacing it', () => {
    const r = cli('posture', '--source', `snapshot:${snapshot}`, '--json', '--out', '/dev/null');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync('/dev/null')).toBe(true);
  });

  it.each([
    ['an unknown option', ['posture', '--source', 'demo', '--colour'], /unknown option '--colour'/],
    ['an unknown command', ['postur'], /unknown command 'postur'/],
    ['an unknown source', ['posture', '--source', 'azure'], /--source: unknown source "azure" \(expected demo, aws or snapshot:PATH\)/],
    ['a missing snapshot', ['posture', '--source', 'snapshot:/nonexistent/estate.json'], /\/nonexistent\/estate\.json: file not found/],
    ['a missing policy', ['posture', '--policy', '/nonexistent/p.yaml'], /\/nonexistent\/p\.yaml: file not found/],
    ['an unwritable --out', ['snapshot', '--source', 'demo', '--out', '/nonexistent/dir/e.json'], /\/nonexistent\/dir\/e\.json: cannot write/],
    ['a missing --out', ['snapshot', '--source', 'demo'], /required option '--out <file>' not specified/],
    ['a bad --at', ['posture', '--source', 'demo', '--at', 'yesterday'], /--at: expected an ISO-8601 time/],
    ['an unknown --framework', ['posture', '--source', 'demo', '--framework', 'pci'], /--framework: unknown framework "pci" \(known: nist-800-53-r5\)/],
  ])('rejects %s with one line and exit 2', (_name, args, pattern) => {
    expectOneLineError(cli(...args), pattern);
  });

  it('names the file and JSON path of a malformed estate', () => {
    const estate = JSON.parse(readFileSync(snapshot, 'utf8')) as { regions: { assets: { arn: unknown }[] }[] };
    const r = estate.regions.findIndex((region) => region.assets.length > 3);
    estate.regions[r]!.assets[3]!.arn = 7;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(estate));
    expectOneLineError(cli('posture', '--source', `snapshot:${bad}`), new RegExp(`bad\\.json: regions\\[${r}\\]\\.assets\\[3\\]\\.arn: expected string$`));
    writeFileSync(bad, '{"format":"vaultscope.estate/v1",');
    expectOneLineError(cli('posture', '--source', `snapshot:${bad}`), /bad\.json: not valid JSON/);
  });

  it('judges a snapshot as of its capture time, or --at', () => {
    // The same observations, captured three days ago: nothing has become stale by being read later.
    const estate = JSON.parse(readFileSync(snapshot, 'utf8')) as { capturedAt: string };
    const fresh = postureSchema.parse(JSON.parse(cli('posture', '--source', `snapshot:${snapshot}`, '--json').stdout));
    expect(fresh.evaluatedAt).toBe(new Date(estate.capturedAt).toISOString());
    const later = new Date(Date.parse(estate.capturedAt) + 3 * 86_400_000).toISOString();
    const r = cli('posture', '--source', `snapshot:${snapshot}`, '--json', '--at', later);
    const aged = postureSchema.parse(JSON.parse(r.stdout));
    expect(aged.evaluatedAt).toBe(later);
    expect(aged.summary.byCoverage.STALE).toBeGreaterThan(fresh.summary.byCoverage.STALE ?? 0);
  });

  it('ends quietly when the reader of stdout goes away', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" posture --source "snapshot:${snapshot}" --json | head -c 10 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('leaves an existing output untouched when the command fails', () => {
    const out = join(dir, 'keep.json');
    writeFileSync(out, 'previous');
    expect(cli('posture', '--source', 'snapshot:/nonexistent.json', '--json', '--out', out).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});
