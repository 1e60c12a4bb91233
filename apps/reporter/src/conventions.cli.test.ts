/**
 * The command-line conventions operators bring from the AWS CLI and Prowler, through the committed bin shim (what
 * `npx vaultscope-report` and a global install run): --version, --help, --output, --fail-on exit codes for CI
 * gating, --log-level/--debug on stderr only, and a plain answer from `history` before any ledger exists.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { postureSchema, SEVERITIES } from '@vaultscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/vaultscope-report.js', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string };
const ESTATE = fileURLToPath(new URL('./pack/__golden__/estate.json', import.meta.url));
const SOURCE = `snapshot:${ESTATE}`;
let dir: string;
let env: NodeJS.ProcessEnv;
let postureJson: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-conventions-'));
  env = { ...process.env, VAULTSCOPE_CONFIG_DIR: join(dir, 'config'), VAULTSCOPE_DATA_DIR: join(dir, 'data'), NO_COLOR: '1' };
  delete env.VAULTSCOPE_LEDGER;
  const r = cli('posture', '--source', SOURCE, '--json');
  expect(r.code, r.stderr).toBe(0);
  postureJson = r.stdout;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case spawns the real binary a few times (about a second each, several on a loaded machine).
describe('vaultscope-report conventions', { timeout: 180_000 }, () => {
  it('prints its version and help, exit 0, help listing the exit codes', () => {
    for (const flag of ['--version', '-v']) expect(cli(flag)).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--log-level <level>/);
    expect(help.stdout).toMatch(/Exit codes: 0 done; 1 .*\n.*2 invalid input.*; 3 posture --fail-on .*\n.*or verify found the pack intact/);
    const posture = cli('posture', '--help');
    expect(posture.stdout).toMatch(/--output <format>.*\(choices: "table", "json", "csv"\)/s);
    expect(posture.stdout).toMatch(/--fail-on <severity>.*\(choices: "critical", "high", "medium"\)/s);
  });

  it('--output json is the posture document; --json stays its short form; the two together are refused', () => {
    const long = cli('posture', '--source', SOURCE, '--output', 'json');
    expect(long.code, long.stderr).toBe(0);
    const posture = postureSchema.parse(JSON.parse(long.stdout));
    expect(postureJson).toBe(long.stdout);
    expect(posture.findings.length).toBeGreaterThan(0);
    const both = cli('posture', '--source', SOURCE, '--json', '--output', 'table');
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("vaultscope-report: option '--json' cannot be used with option '--output <format>'\n");
  });

  it('--output csv lists the findings in the columns of a pack\'s findings.csv, without a BOM on a pipe and with one in a file', () => {
    const posture = postureSchema.parse(JSON.parse(postureJson));
    const r = cli('posture', '--source', SOURCE, '--output', 'csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id).sort()).toEqual(posture.findings.map((f) => f.id).sort());
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'severity', 'check', 'title', 'account_id', 'account_name', 'region', 'resource_arn', 'message', 'remediation', 'dora', 'frameworks']);
    const out = join(dir, 'findings.csv');
    expect(cli('posture', '--source', SOURCE, '--output', 'csv', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`\ufeff${r.stdout}`);
    expect(cli('posture', '--source', SOURCE, '--output', 'yaml').stderr).toMatch(/^vaultscope-report: option '--output <format>' argument 'yaml' is invalid\. Allowed choices are table, json, csv\.\n$/);
  });

  it('--fail-on exits 3 when a finding is at or above the threshold (after writing the output), 0 otherwise', () => {
    const posture = postureSchema.parse(JSON.parse(postureJson));
    for (const threshold of ['critical', 'high', 'medium'] as const) {
      const rank = SEVERITIES.indexOf(threshold);
      const expected = posture.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= rank).length;
      const r = cli('posture', '--source', SOURCE, '--fail-on', threshold);
      expect(r.stdout, threshold).toMatch(/^Vaultscope posture/);
      if (expected === 0) {
        expect(r.code, threshold).toBe(0);
        expect(r.stderr).toBe('');
      } else {
        expect(r.code, threshold).toBe(3);
        expect(r.stderr).toBe(`vaultscope-report: ${expected} findings at or above ${threshold} severity (--fail-on ${threshold})\n`);
      }
    }
    // The golden estate has findings at every gate, and some below high: both outcomes are exercised.
    const bySeverity = posture.summary.bySeverity;
    expect((bySeverity.critical ?? 0) + (bySeverity.high ?? 0) + (bySeverity.medium ?? 0)).toBeGreaterThan(0);
    expect(cli('posture', '--source', SOURCE, '--fail-on', 'low').code).toBe(2);
  });

  it('--debug and --log-level debug explain the run on stderr; stdout is unchanged; a bad level is one line, exit 2', () => {
    // Global options go before or after the command, as with the AWS CLI.
    for (const args of [['--debug', 'posture', '--source', SOURCE, '--json'], ['posture', '--source', SOURCE, '--json', '--log-level', 'debug']]) {
      const r = cli(...args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(postureJson);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.every((l) => l.startsWith('vaultscope-report: debug: ')), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/debug: policy \(bundled default\): sha256 [0-9a-f]{64}/);
      expect(r.stderr).toMatch(/debug: source snapshot:.* captured at .*: 2 accounts, \d+ account-Regions, 5 assets, \d+ collection faults/);
    }
    expect(cli('--log-level', 'loud', 'posture', '--source', SOURCE)).toMatchObject({ code: 2, stderr: 'vaultscope-report: --log-level: expected one of error, warn, info, debug, got "loud"\n' });
  });

  it('history says plainly that no ledger exists yet: show exits 0, verify refuses with exit 2', () => {
    const path = join(dir, 'data', 'ledger.sqlite');
    const show = cli('history', 'show');
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toBe(`no ledger at ${path} yet: nothing has been collected there (\`vaultscope-report collect --source …\` creates it; --ledger or VAULTSCOPE_LEDGER point elsewhere)\n`);
    expect(JSON.parse(cli('history', 'show', '--output', 'json').stdout)).toEqual({ ledger: path, exists: false });
    const verify = cli('history', 'verify');
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/^vaultscope-report: no ledger at .*ledger\.sqlite yet: nothing has been collected there/);

    const ledger = join(dir, 'ledger.sqlite');
    expect(cli('collect', '--source', SOURCE, '--ledger', ledger).code).toBe(0);
    const json = JSON.parse(cli('history', 'show', '--ledger', ledger, '--output', 'json').stdout) as { exists: boolean; batches: number; jobs: { backup: { count: number } } };
    expect(json).toMatchObject({ ledger, exists: true, batches: 1, jobs: { backup: { count: 6 } } });
  });
});
