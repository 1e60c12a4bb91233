import { describe, expect, it } from 'vitest';
import { noTtyMessage, parseCli, userErrorLine, VERSION } from './cli.js';

describe('parseCli', () => {
  it('defaults to the demo source refreshing every 5 s', () => {
    const r = parseCli([]);
    expect(r).toEqual({ kind: 'run', options: { source: { kind: 'demo' }, refreshMs: 5000, aws: {} } });
  });

  it('accepts every option', () => {
    const r = parseCli(['--source', 'aws', '--refresh', '30', '--policy', 'p.yaml', '--profile', 'ops', '--regions', 'eu-west-1, eu-central-1', '--role-name', 'Audit', '--seed', '7']);
    expect(r).toEqual({
      kind: 'run',
      options: { source: { kind: 'aws' }, refreshMs: 30_000, policy: 'p.yaml', seed: 7, aws: { profile: 'ops', regions: ['eu-west-1', 'eu-central-1'], roleName: 'Audit' } },
    });
    expect(parseCli(['--source', 'aws', '--accounts', '111111111111,222222222222', '--exclude-accounts', '333333333333', '--concurrency', '4'])).toMatchObject({
      options: { aws: { accounts: ['111111111111', '222222222222'], excludeAccounts: ['333333333333'], concurrency: 4 } },
    });
    expect(parseCli(['--source', 'snapshot:/tmp/e.json'])).toMatchObject({ options: { source: { kind: 'snapshot', path: '/tmp/e.json' }, refreshMs: 30_000 } });
  });

  it('turns bad options into one line and exit code 2', () => {
    for (const argv of [['--source', 's3'], ['--refresh', '0'], ['--refresh', 'soon'], ['--bogus'], ['extra'], ['--seed', '-1'], ['--accounts', '12345'], ['--exclude-accounts', ''], ['--concurrency', '0']]) {
      const r = parseCli(argv);
      expect(r.kind, argv.join(' ')).toBe('exit');
      if (r.kind === 'exit') {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^vaultscope: [^\n]+$/);
      }
    }
  });

  it('prints help and exits 0', () => {
    const r = parseCli(['--help']);
    expect(r).toMatchObject({ kind: 'exit', code: 0 });
    expect(r.kind === 'exit' && r.stdout).toContain('--source');
  });

  it('explains --profile and the demo when AWS has no usable credentials', () => {
    const line = userErrorLine({ name: 'AwsSetupError', message: 'no usable AWS credentials: Could not load credentials from any providers' });
    expect(line).toMatch(/^vaultscope: no usable AWS credentials: .* --profile NAME .* vaultscope --source demo$/);
    expect(userErrorLine({ name: 'InputError', message: 'estate.json: not found\nmore' })).toBe('vaultscope: estate.json: not found');
  });

  it('prints its version and exits 0', () => {
    for (const flag of ['--version', '-v']) expect(parseCli([flag])).toEqual({ kind: 'exit', code: 0, stdout: `${VERSION}\n` });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('points to the non-interactive command when there is no terminal', () => {
    expect(noTtyMessage('aws')).toBe('vaultscope: needs an interactive terminal; for output you can pipe or script, run: vaultscope-report posture --source aws --json');
  });
});
