/**
 * Hostile and malformed input at the command line, run in-process through the same `run` the binary uses: each is
 * one sanitized line on stderr and exit 2, nothing written; and no control or escape byte from data reaches the
 * terminal through the summary table or an error message.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { createCliContext } from './context.js';
import { parseIsoTime, parseSince } from './isoTime.js';

/** Anything a terminal would act on, or that reorders text. */
const ACTIVE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const NOW = new Date('2026-11-21T06:00:00Z');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  err.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await run(argv, createCliContext({ stdout: out, stderr: err, now: () => NOW }));
  return { code, stdout, stderr };
}

function expectOneLine(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr.trimEnd()).not.toMatch(ACTIVE);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vaultscope-hostile-'));
});

describe('times on the command line', () => {
  it.each([
    ['a negative number of days', '-5', /--since: expected an ISO date or a number of days, got "-5"/],
    ['a unit', '7d', /--since: expected an ISO date or a number of days/],
    ['a local-looking date', '11/03/2026', /--since: expected an ISO date or a number of days/],
    ['a time without a zone', '2026-11-01T06:00', /--since: expected an ISO date or a number of days/],
    ['a day that does not exist', '2026-02-30', /--since: "2026-02-30" is not a calendar date/],
    ['zero days', '0', /--since: a number of days must be from 1 to 3650/],
    ['the future', '2026-12-01', /--since: 2026-12-01 is in the future/],
  ])('--since refuses %s', (_name, value, message) => {
    expect(() => parseSince(value, NOW)).toThrow(message);
  });

  it('--since takes days, a date (UTC midnight) or a time with a zone', () => {
    expect(parseSince('7', NOW)?.toISOString()).toBe('2026-11-14T06:00:00.000Z');
    expect(parseSince('2026-10-01', NOW)?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(parseSince('2026-10-01T02:00:00+0200', NOW)?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(parseSince('2028-02-29', new Date('2028-03-01T00:00:00Z'))?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('--at refuses impossible and zone-less times', () => {
    expect(() => parseIsoTime('--at', '2026-02-30T00:00:00Z')).toThrow('--at: "2026-02-30T00:00:00Z" is not a calendar date');
    expect(() => parseIsoTime('--at', '2026-11-30T23:00')).toThrow(/--at: expected an ISO-8601 time with a zone/);
  });

  it.each([
    [['posture', '--source', 'demo', '--at', '2026-02-30'], /^vaultscope-report: --at: "2026-02-30" is not a calendar date/],
    [['posture', '--source', 'aws', '--since=-5'], /^vaultscope-report: --since: expected an ISO date or a number of days, got "-5"$/],
    [['pack', '--period', '2026-10', '--source', 'demo', '--out', '/nonexistent/x', '--now', '2026-02-30T06:00:00Z'], /^vaultscope-report: --now: "2026-02-30T06:00:00Z" is not an ISO-8601 time/],
    [['pack', '--period', '2026-02-01..2026-02-30', '--source', 'demo', '--out', '/nonexistent/x'], /^vaultscope-report: --period: end "2026-02-30" is not a date/],
  ])('the binary says so in one line: %j', async (argv, message) => {
    expectOneLine(await cli(...argv), message);
  });
});

describe('hostile bytes never reach the terminal', () => {
  it('a JSON syntax error quoting escape sequences from the file is one clean line', async () => {
    const file = join(dir, 'evil.json');
    writeFileSync(file, '{"format":"vaultscope.estate/v1", "x": \u001b]0;pwned\u0007\u001b[2J\u202e}');
    expectOneLine(await cli('posture', '--source', `snapshot:${file}`), /evil\.json: not valid JSON/);
  });

  it('NaN in a JSON estate is one line naming the file', async () => {
    const file = join(dir, 'nan.json');
    writeFileSync(file, '{"format":"vaultscope.estate/v1","capturedAt":"2026-11-21T06:00:00Z","accounts":[],"regions":[{"accountId":"1","region":"eu-west-1","assets":[{"sizeBytes":NaN}]}]}');
    expectOneLine(await cli('posture', '--source', `snapshot:${file}`), /nan\.json: not valid JSON/);
  });

  it('an option value carrying escapes is echoed sanitized', async () => {
    expectOneLine(await cli('posture', '--source', 'snapshot:/no/such\u001b[31m.json\u202e'), /no\/such\.json<U\+202E>: file not found$/);
    expectOneLine(await cli('posture', '--bogus\u001b]0;x\u0007'), /unknown option/);
  });

  it('the posture table shows account names and ids with escapes, controls and bidi made inert', async () => {
    const estate = generateDemoEstate({ now: NOW });
    const first = estate.accounts[0]!;
    first.Name = 'evil\u001b]0;title\u0007\u001b[2J\u202eexe.pdf\tname\u0085';
    const file = join(dir, 'named.json');
    writeFileSync(file, JSON.stringify(estate));
    const r = await cli('posture', '--source', `snapshot:${file}`, '--out', join(dir, 'table.txt'));
    expect(r.code, r.stderr).toBe(0);
    const table = readFileSync(join(dir, 'table.txt'), 'utf8');
    expect(table).toContain('evil<U+202E>exe.pdf name');
    for (const line of table.split('\n')) expect(line).not.toMatch(ACTIVE);
  });
});

describe('--out never follows a planted symlink', () => {
  it('refuses a link to another file: one line, exit 2, both untouched', async () => {
    const victim = join(dir, 'victim.txt');
    const link = join(dir, 'posture.json');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, link);
    expectOneLine(await cli('posture', '--source', 'demo', '--json', '--out', link), /posture\.json: is a symbolic link \(to .*victim\.txt\); refusing to write through it/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a pack --out that is a link to a directory', async () => {
    const real = mkdtempSync(join(tmpdir(), 'vaultscope-real-'));
    const link = join(dir, 'pack-link');
    symlinkSync(real, link);
    expectOneLine(await cli('pack', '--period', '2026-10', '--source', 'demo', '--out', link, '--force'), /--out: .*pack-link is a symbolic link; refusing/);
    expect(readdirSync(real)).toEqual([]);
  });
});
