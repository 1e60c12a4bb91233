import { join } from 'node:path';
import { homedir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { stateDir } from './stateDir.js';

const saved = process.env['XDG_STATE_HOME'];
afterEach(() => {
  if (saved === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = saved;
});

describe.runIf(process.platform === 'linux')('stateDir on Linux (the documented XDG state directory)', () => {
  it('is $XDG_STATE_HOME/vaultscope', () => {
    process.env['XDG_STATE_HOME'] = '/srv/operator/state';
    expect(stateDir({})).toBe('/srv/operator/state/vaultscope');
  });

  it('is ~/.local/state/vaultscope when XDG_STATE_HOME is not set', () => {
    delete process.env['XDG_STATE_HOME'];
    expect(stateDir({})).toBe(join(homedir(), '.local', 'state', 'vaultscope'));
  });
});

describe('stateDir', () => {
  it('VAULTSCOPE_STATE_DIR wins, as VAULTSCOPE_DATA_DIR does for the ledger', () => {
    process.env['XDG_STATE_HOME'] = '/srv/operator/state';
    expect(stateDir({ VAULTSCOPE_STATE_DIR: '/tmp/vaultscope-state' })).toBe('/tmp/vaultscope-state');
  });
});
