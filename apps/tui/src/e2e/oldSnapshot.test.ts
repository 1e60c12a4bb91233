/**
 * End to end: a snapshot captured three days ago, opened in the real binary in tmux, shows the figures the
 * reporter's `posture` states for the same file — both judge a snapshot as of its capture time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Posture } from '@vaultscope/core';
import { generateDemoEstate } from '@vaultscope/sources/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, reporterBinary, requireBuilt, TmuxSession, tuiBinary, uniqueName } from '../testing/tmuxSession.js';

const UNPROTECTED = new Set(['UNPROTECTED', 'SELECTED_NOT_PROTECTED', 'STALE', 'OPT_IN_BLOCKED']);

let dir = '';
let t: TmuxSession | undefined;

describe.skipIf(!hasTmux)('an old snapshot in tmux', () => {
  beforeAll(() => {
    requireBuilt(tuiBinary, reporterBinary);
    dir = mkdtempSync(join(tmpdir(), 'vs-old-'));
  });
  afterAll(() => {
    t?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the figures `vaultscope-report posture` gives for the same file', async () => {
    const capturedAt = new Date(Date.now() - 3 * 86_400_000);
    const file = join(dir, 'estate.json');
    writeFileSync(file, JSON.stringify(generateDemoEstate({ now: capturedAt, seed: 42 })));

    const out = spawnSync(process.execPath, [reporterBinary, 'posture', '--source', `snapshot:${file}`, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(out.status).toBe(0);
    const posture = JSON.parse(out.stdout) as Posture;
    const unprotected = (tier: string): number =>
      posture.assets.filter((a) => a.classification.backupRequired && a.classification.tier === tier && UNPROTECTED.has(a.coverage.state)).length;
    const pct = `${Math.round((posture.summary.coverage.coveragePct ?? 0) * 100)}%`;

    const term = (t = TmuxSession.start({ session: uniqueName('vaultscope-e2e-old'), width: 160, height: 40, command: `${process.execPath} ${tuiBinary} --source snapshot:${file}` }));
    const org = await term.waitFor((s) => s.includes('WORST FINDING'), 'the organization screen');
    expect(org).toMatch(/captured 3d ago/);
    expect(org).toContain(`${posture.summary.assets} assets · coverage ${pct} of ${posture.summary.coverage.required} required`);
    expect(org).toContain(`unprotected ${unprotected('critical')} critical ${unprotected('important')} important`);
    const sev = posture.summary.bySeverity;
    expect(org).toContain(`findings ${sev['critical']} crit ${sev['high']} high ${sev['medium']} medium`);
    // The figures are not those of the same file judged now (three days of missed backups would show).
    expect(unprotected('critical')).toBeLessThan(posture.assets.filter((a) => a.classification.tier === 'critical').length / 2);
  }, 120_000);
});
