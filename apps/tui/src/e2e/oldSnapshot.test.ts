/**
 * End to end: a snapshot captured three days ago, opened in the real binary in tmux, shows the figures the
 * reporter's `posture` states for the same file — both judge a snapshot as of its capture time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Posture } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const reporter = fileURLToPath(new URL('../../../reporter/dist/main.js', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `vaultscope-e2e-old-${process.pid}-${Date.now().toString(36)}`;
const UNPROTECTED = new Set(['UNPROTECTED', 'SELECTED_NOT_PROTECTED', 'STALE', 'OPT_IN_BLOCKED']);

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function waitForScreen(predicate: (s: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = tmux('capture-pane', '-p', '-t', session);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
}

let dir = '';

describe.skipIf(!hasTmux)('an old snapshot in tmux', () => {
  beforeAll(() => {
    if (!existsSync(binary) || !existsSync(reporter)) throw new Error('build first (npm run build)');
    dir = mkdtempSync(join(tmpdir(), 'vs-old-'));
  });
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the figures `vaultscope-report posture` gives for the same file', async () => {
    const capturedAt = new Date(Date.now() - 3 * 86_400_000);
    const file = join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(generateDemoEstate({ now: capturedAt, seed: 42 })));

    const out = spawnSync(process.execPath, [reporter, 'posture', '--source', `snapshot:${file}`, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(out.status).toBe(0);
    const posture = JSON.parse(out.stdout) as Posture;
    const unprotected = (tier: string): number =>
      posture.assets.filter((a) => a.classification.backupRequired && a.classification.tier === tier && UNPROTECTED.has(a.coverage.state)).length;
    const pct = `${Math.round((posture.summary.coverage.coveragePct ?? 0) * 100)}%`;

    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', `${process.execPath} ${binary} --source snapshot:${file}; echo VAULTSCOPE_EXIT=$?; sleep 600`);
    const org = await waitForScreen((s) => s.includes('WORST FINDING'), 'the organization screen');
    expect(org).toMatch(/captured 3d ago/);
    expect(org).toContain(`${posture.summary.assets} assets · coverage ${pct} of ${posture.summary.coverage.required} required`);
    expect(org).toContain(`unprotected ${unprotected('critical')} critical ${unprotected('important')} important`);
    const sev = posture.summary.bySeverity;
    expect(org).toContain(`findings ${sev['critical']} crit ${sev['high']} high ${sev['medium']} medium`);
    // The figures are not those of the same file judged now (three days of missed backups would show).
    expect(unprotected('critical')).toBeLessThan(posture.assets.filter((a) => a.classification.tier === 'critical').length / 2);
  }, 120_000);
});
