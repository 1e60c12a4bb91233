import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, parsePolicy } from '@vaultscope/core';
import { defaultPolicy, loadPolicy } from './load.js';

const defaultText = readFileSync(new URL('../../assets/default-policy.yaml', import.meta.url), 'utf8');

describe('policy loading', () => {
  it('bundles the four classes of DESIGN.md', () => {
    const { policy, hash } = defaultPolicy();
    expect(policy.classes.critical).toMatchObject({ rtoHours: 1, rpoHours: 1, retentionDays: 2555, crossRegionCopy: true, restoreTesting: 'required' });
    expect(policy.classes.important).toMatchObject({ rtoHours: 4, rpoHours: 4, retentionDays: 1095, crossRegionCopy: true });
    expect(policy.classes.standard).toMatchObject({ rtoHours: 24, rpoHours: 24, backupFrequencyHours: 24, retentionDays: 365, restoreTesting: 'optional' });
    expect(policy.classes.archival).toMatchObject({ rtoHours: 72, rpoHours: 168, backupFrequencyHours: 168, retentionDays: 3650 });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is what parsePolicy makes of assets/default-policy.yaml (written by the build: scripts/write-default-policy.js)', () => {
    // defaultPolicy() does not parse the YAML at run time: the module it reads is written from it ahead.
    expect(defaultPolicy()).toEqual(parsePolicy(defaultText, 'default policy'));
    // Each call a copy of its own, as when each call parsed the file.
    const first = defaultPolicy();
    first.policy.classes.critical.rpoHours = 99;
    expect(defaultPolicy().policy.classes.critical.rpoHours).toBe(1);
  });

  it('rejects a class whose backup frequency is longer than its RPO, naming the class', () => {
    const text = defaultText.replace(/important:\n(\s+)rtoHours: 4\n\s+rpoHours: 4/, 'important:\n$1rtoHours: 4\n$1rpoHours: 2');
    expect(() => parsePolicy(text, 'p.yaml')).toThrow(/^p\.yaml: classes\.important: .*class "important" cannot meet its own RPO$/);
  });

  it.each([
    ['a wrong type', (t: string) => t.replace('rtoHours: 1\n', 'rtoHours: soon\n'), /^p\.yaml: classes\.critical\.rtoHours: expected number$/],
    ['an unknown field', (t: string) => t.replace('version: 1', 'version: 1\nretension: 3'), /^p\.yaml: \(root\): unknown field "retension"$/],
    ['a missing class', (t: string) => t.replace(/ {2}archival:\n(?: {4}.*\n)+/, ''), /^p\.yaml: classes\.archival: required object is missing$/],
    ['a bad enum', (t: string) => t.replace('restoreTesting: required', 'restoreTesting: sometimes'), /^p\.yaml: classes\.critical\.restoreTesting: expected one of "required", "optional"$/],
    ['broken YAML', () => 'classes: [\n', /^p\.yaml: not valid YAML/],
    // "Billion laughs": nine levels of nine aliases each would expand to 9^9 strings.
    ['an alias bomb', () => `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n')}\n`, /^p\.yaml: not valid YAML \(.*alias.*\)$/i],
    ['NaN where a number belongs', (t: string) => t.replace('rtoHours: 1\n', 'rtoHours: .nan\n'), /^p\.yaml: classes\.critical\.rtoHours: expected number/],
    ['a negative number of hours', (t: string) => t.replace('rtoHours: 1\n', 'rtoHours: -1\n'), /^p\.yaml: classes\.critical\.rtoHours: /],
  ])('names the file and path for %s', (_name, edit, message) => {
    const attempt = (): unknown => parsePolicy(edit(defaultText), 'p.yaml');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });

  it('loads --policy FILE and reports a missing file in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultscope-policy-'));
    const file = join(dir, 'strict.yaml');
    writeFileSync(file, defaultText.replace('evaluationWindowDays: 30', 'evaluationWindowDays: 7'));
    expect((await loadPolicy(file)).policy.evaluationWindowDays).toBe(7);
    await expect(loadPolicy(join(dir, 'nope.yaml'))).rejects.toThrow(`${join(dir, 'nope.yaml')}: file not found`);
    // Worded as the snapshot loader words it (files/readText.ts).
    await expect(loadPolicy(dir)).rejects.toThrow(`${dir}: is a directory`);
  });
});
