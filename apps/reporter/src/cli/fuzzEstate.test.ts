/**
 * Fuzzed estates from a seeded generator: every mutation is either evaluated (a posture that validates against
 * `vaultscope.posture/v1` and a summary table with nothing a terminal would act on) or refused with one line naming
 * the file — never a crash, a stack trace or a hang. Most run in-process (loader, evaluation, table: the code the
 * binary runs); a few go through the real binary for the exit codes. Also the very large inputs: 200,000
 * collection errors and arrays of a million elements.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import { evaluate, InputError, postureSchema, type Estate } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { mutateEstate } from '@vaultscope/test-fixtures/fuzz';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSummary } from '../commands/summaryTable.js';

const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const NOW = new Date('2026-11-21T06:00:00Z');
const SEED = 20261121;
const MUTATIONS = 320;
/** Anything a terminal would act on (tab and newline are the table's own). */
const ACTIVE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let base: Estate;
const policy = defaultPolicy();

beforeAll(() => {
  // The demo organization cut down to four Regions and 60 jobs of each kind: every section, small enough to
  // evaluate hundreds of times.
  const demo = generateDemoEstate({ now: NOW });
  base = { ...demo, regions: demo.regions.slice(0, 4) };
  if (demo.jobs) base.jobs = { ...demo.jobs, backup: demo.jobs.backup?.slice(0, 60), copy: demo.jobs.copy?.slice(0, 60), restore: demo.jobs.restore?.slice(0, 60) } as Estate['jobs'];
});

type Outcome = { ok: true; findings: number } | { ok: false; line: string };

/** What the binary does with a snapshot, in-process: parse, load, evaluate, render. */
function evaluateText(text: string, origin: string): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, line: `${origin}: not valid JSON (${(error as Error).message})` };
  }
  try {
    const estate = parseEstate(value, origin);
    const posture = postureSchema.parse(JSON.parse(JSON.stringify(evaluate(estate, policy.policy, new Date(estate.capturedAt)))));
    const table = renderSummary(posture, new Map(estate.accounts.map((a) => [a.Id, a.Name])));
    expect(table).not.toMatch(ACTIVE);
    return { ok: true, findings: posture.findings.length };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, line: error.message };
    throw error;
  }
}

describe('fuzzed estates', () => {
  it(`${MUTATIONS} seeded mutations: each evaluates to a valid posture or is refused in one line naming the file`, () => {
    const tally = { evaluated: 0, refused: 0, byKind: new Map<string, number>() };
    for (const m of mutateEstate(base, MUTATIONS, SEED)) {
      let outcome: Outcome;
      try {
        outcome = evaluateText(m.text, 'fuzz.json');
      } catch (error) {
        throw new Error(`mutation ${m.index} (${m.kind} at ${m.where}) crashed: ${(error as Error).stack ?? String(error)}`);
      }
      if (outcome.ok) tally.evaluated++;
      else {
        tally.refused++;
        expect(outcome.line.startsWith('fuzz.json: '), `mutation ${m.index} (${m.kind})`).toBe(true);
        expect(outcome.line, `mutation ${m.index} (${m.kind} at ${m.where})`).not.toContain('\n');
      }
      tally.byKind.set(m.kind, (tally.byKind.get(m.kind) ?? 0) + 1);
    }
    expect(tally.evaluated + tally.refused).toBe(MUTATIONS);
    // Both outcomes occur, and every kind of mutation was tried: the generator really exercises both paths.
    expect(tally.evaluated).toBeGreaterThan(20);
    expect(tally.refused).toBeGreaterThan(20);
    expect([...tally.byKind.keys()].sort()).toEqual(
      ['NaN or Infinity', 'deep nesting', 'extreme number', 'hostile key', 'hostile string', 'impossible date', 'missing field', 'repeated element', 'stray byte', 'truncated', 'wrong type'].sort(),
    );
  }, 600_000);

  it('through the real binary: exit 0 with a valid posture, or exit 2 with one sanitized line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultscope-fuzz-'));
    const picked = [...mutateEstate(base, 60, SEED + 1)].filter((_, i) => i % 10 === 0);
    const codes: number[] = [];
    for (const m of picked) {
      const file = join(dir, `m${m.index}.json`);
      const out = join(dir, `m${m.index}.posture.json`);
      writeFileSync(file, m.text);
      const r = spawnSync(process.execPath, [BIN, 'posture', '--source', `snapshot:${file}`, '--json', '--out', out], { encoding: 'utf8' });
      const what = `mutation ${m.index} (${m.kind} at ${m.where}): ${r.stderr}`;
      if (r.status === 0) {
        expect(() => postureSchema.parse(JSON.parse(readFileSync(out, 'utf8'))), what).not.toThrow();
      } else {
        expect(r.status, what).toBe(2);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines, what).toHaveLength(1);
        expect(lines[0], what).toMatch(new RegExp(`^vaultscope-report: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
        expect(lines[0], what).not.toMatch(ACTIVE);
      }
      codes.push(r.status ?? -1);
    }
    expect(codes).toHaveLength(6);
  }, 300_000);
});

describe('very large inputs', () => {
  it('200,000 collection errors are evaluated without overflowing the stack', () => {
    const doc = JSON.parse(JSON.stringify(base)) as Estate;
    const accounts = doc.accounts.map((a) => a.Id);
    doc.errors = Array.from({ length: 200_000 }, (_, i) => ({
      service: 's3',
      operation: 'GetBucketVersioning',
      code: 'AccessDenied',
      message: `denied ${i}`,
      accountId: accounts[i % accounts.length]!,
      region: 'eu-west-1',
      resource: `arn:aws:s3:::bucket-${i}`,
    }));
    const posture = evaluate(parseEstate(doc, 'big.json'), policy.policy, NOW);
    expect(posture.findings.length).toBeGreaterThan(200_000 - 1);
    expect(renderSummary(posture, new Map())).toContain('DISCOVERY INCOMPLETE');
  }, 300_000);

  it('a million-element array is accepted where the format allows it and refused in one line where it does not', () => {
    const job = base.jobs?.backup?.[0];
    expect(job).toBeDefined();
    const loose = JSON.parse(JSON.stringify(base)) as Estate & { accounts: Array<Record<string, unknown>> };
    loose.accounts[0]!.Extra = Array.from({ length: 1_000_000 }, (_, i) => i);
    loose.jobs = { ...loose.jobs, backup: Array.from({ length: 1_000_000 }, (_, i) => ({ ...job!, BackupJobId: `job-${i}` })) } as Estate['jobs'];
    const posture = evaluate(parseEstate(loose, 'big.json'), policy.policy, NOW);
    expect(posture.summary.jobs.backup.total).toBeGreaterThan(0);

    // A million records each missing its required fields: the first is named at once (zod alone took minutes).
    const broken = JSON.parse(JSON.stringify(base)) as Estate;
    broken.jobs = { ...broken.jobs, backup: Array.from({ length: 1_000_000 }, () => ({})) } as unknown as Estate['jobs'];
    expect(() => parseEstate(broken, 'big.json')).toThrow(/^big\.json: jobs\.backup\[0\]\.\w+: required string is missing$/);
  }, 300_000);
});
