import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './inputError.js';
import { writeOutput } from './atomicWrite.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'vaultscope-write-'));

describe('writeOutput', () => {
  it('creates a new file and leaves no temporary file behind', async () => {
    const dir = scratch();
    await writeOutput(join(dir, 'out.json'), '{"a":1}');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('{"a":1}');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('replaces an existing file keeping its mode', async () => {
    const dir = scratch();
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    await writeOutput(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink and keeps the link', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    await writeOutput(join(dir, 'link.json'), 'new');
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json']);
  });

  it('writes a device directly without replacing it', async () => {
    await writeOutput('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('fails with a one-line InputError and keeps nothing when the folder does not exist', async () => {
    const dir = scratch();
    const target = join(dir, 'missing', 'out.json');
    await expect(writeOutput(target, 'x')).rejects.toBeInstanceOf(InputError);
    await expect(writeOutput(target, 'x')).rejects.toThrow(`${target}: cannot write (ENOENT)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory as target', async () => {
    const dir = scratch();
    await expect(writeOutput(dir, 'x')).rejects.toThrow(`${dir}: is a directory`);
  });
});
