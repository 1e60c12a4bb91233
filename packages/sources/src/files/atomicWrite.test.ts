import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '@vaultscope/core';
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

  it('refuses a symlink planted at the target, leaving the file it points to and the link untouched', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'victim'), 'precious');
    symlinkSync(join(dir, 'victim'), join(dir, 'report.json'));
    await expect(writeOutput(join(dir, 'report.json'), 'new')).rejects.toBeInstanceOf(InputError);
    await expect(writeOutput(join(dir, 'report.json'), 'new')).rejects.toThrow(`${join(dir, 'report.json')}: is a symbolic link (to ${join(dir, 'victim')}); refusing to write through it`);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'victim']);
  });

  it('refuses a dangling symlink (it would create the file it names)', async () => {
    const dir = scratch();
    symlinkSync(join(dir, 'not-yet'), join(dir, 'report.json'));
    await expect(writeOutput(join(dir, 'report.json'), 'new')).rejects.toThrow(/is a symbolic link .*refusing/);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes through a symlink to a device (/dev/stdout is one)', async () => {
    const dir = scratch();
    symlinkSync('/dev/null', join(dir, 'sink'));
    await writeOutput(join(dir, 'sink'), 'discarded');
    expect(lstatSync(join(dir, 'sink')).isSymbolicLink()).toBe(true);
  });

  it('writes a device directly without replacing it', async () => {
    await writeOutput('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('fails with a one-line InputError and keeps nothing when the folder does not exist', async () => {
    const dir = scratch();
    const target = join(dir, 'missing', 'out.json');
    await expect(writeOutput(target, 'x')).rejects.toBeInstanceOf(InputError);
    await expect(writeOutput(target, 'x')).rejects.toThrow(`${target}: cannot write (ENOENT: no such file or directory)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates missing folders and a new file with the modes asked for (an owner-only state directory)', async () => {
    const dir = scratch();
    const target = join(dir, 'state', 'vaultscope', 'clipboard.txt');
    const umask = process.umask(0o022);
    try {
      await writeOutput(target, 'aws backup start-backup-job …\n', { mode: 0o600, folderMode: 0o700 });
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(target, 'utf8')).toBe('aws backup start-backup-job …\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'vaultscope')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'state', 'vaultscope'))).toEqual(['clipboard.txt']);
  });

  it('a folder that cannot be created is one line naming the target', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'state'), 'a file where the folder should be');
    const target = join(dir, 'state', 'vaultscope', 'clipboard.txt');
    await expect(writeOutput(target, 'x', { folderMode: 0o700 })).rejects.toBeInstanceOf(InputError);
    await expect(writeOutput(target, 'x', { folderMode: 0o700 })).rejects.toThrow(`${target}: cannot write (ENOTDIR: a parent is not a directory)`);
  });

  it('refuses a directory as target', async () => {
    const dir = scratch();
    await expect(writeOutput(dir, 'x')).rejects.toThrow(`${dir}: is a directory`);
  });
});
