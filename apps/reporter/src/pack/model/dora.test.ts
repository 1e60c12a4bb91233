/**
 * The DORA table's rules: rows the pack's evidence only partly supports never read "met", the twelve-month rule
 * for yearly testing, the framework switch, and a threshold on every row.
 */
import { defaultPolicy, parseEstate } from '@vaultscope/sources';
import { evaluate } from '@vaultscope/core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { doraRows, type DoraInput } from './dora.js';
import type { RestoreSummary } from './restoreTestRows.js';
import type { BackupStats, CopyStats } from './stats.js';

const estate = parseEstate(JSON.parse(readFileSync(fileURLToPath(new URL('../__golden__/estate.json', import.meta.url)), 'utf8')), 'estate.json');
const evaluated = evaluate(estate, defaultPolicy().policy, new Date('2026-11-01T00:00:00Z')).summary;
/** The golden posture made flawless: every backup-required asset covered and within its RPO, no finding. */
const summary = {
  ...evaluated,
  byCheck: {},
  coverage: { ...evaluated.coverage, covered: evaluated.coverage.required, coveragePct: 1 },
  objectives: { ...evaluated.objectives, rpo: { measured: 3, met: 3, attainment: 1 } },
};
const counts = { total: 10, completed: 10, completedWithIssues: 0, failed: 0, expired: 0, aborted: 0, partial: 0, running: 0 };
const backup: BackupStats = { counts, successRate: 1, daily: [], byAccount: [], failureReasons: [] };
const copy: CopyStats = { counts, successRate: 1, crossRegion: 3, crossAccount: 2, toLockedVault: 5, toAirGappedVault: 0, destinations: [], daily: [] };
/** Every restore test passed, validated and within its RTO: the best evidence a pack can hold. */
const perfect: RestoreSummary = { total: 4, passed: 4, failed: 0, pending: 0, passRate: 1, validated: 4, rto: { measured: 4, met: 4, attainment: 1 }, rpo: { measured: 4, met: 4, attainment: 1 }, otherRestores: 0 };

function input(over: Partial<DoraInput> = {}): DoraInput {
  return {
    regime: 'full',
    summary,
    postureTimeBase: 'as of 2026-11-01 00:00 UTC (period end)',
    jobsTimeBase: 'jobs created 2026-10-01 to 2026-10-31 (UTC)',
    yearTimeBase: 'restore tests created 2025-11-01 to 2026-10-31 (UTC)',
    backup,
    copy,
    restore: perfect,
    restoreTargets: { completed: 4, located: 4, otherAccount: 1, otherRegion: 0 },
    restoreYear: { total: 40, passed: 40 },
    history: { state: 'full', from: '2025-01-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z', yearCovered: true },
    historyMonths: 12,
    objectives: [],
    businessFunctionTags: ['BusinessFunction', 'Application'],
    ...over,
  };
}
const row = (rows: ReturnType<typeof doraRows>, id: string) => rows.find((r) => r.id === id);

describe('doraRows', () => {
  it.each(['art12-1b', 'art12-7-integrity', 'rts-24', 'rts-25', 'rts-26'])('never reads MET for %s, even on perfect evidence, and says why', (id) => {
    const r = row(doraRows(input()), id);
    expect(r?.status).toBe('partially met');
    expect(r?.reason).not.toBe('');
  });

  it('reads Art. 11(6) as at most PARTIALLY MET with less than twelve months of history, NOT EVALUATED without a passed test', () => {
    const short = { state: 'full' as const, from: '2026-09-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z', yearCovered: false };
    expect(row(doraRows(input({ history: short, historyMonths: 2 })), 'art11-6-annual')).toMatchObject({ status: 'partially met', reason: expect.stringContaining('2 of the twelve months') });
    expect(row(doraRows(input({ history: short, historyMonths: 2, restoreYear: { total: 3, passed: 0 } })), 'art11-6-annual')?.status).toBe('not evaluated');
    expect(row(doraRows(input({ restoreYear: { total: 3, passed: 0 } })), 'art11-6-annual')?.status).toBe('not met');
  });

  it('counts restores into another account or Region as segregation evidence for Art. 12(3)', () => {
    const noCopies = { ...copy, crossRegion: 0, crossAccount: 0 };
    expect(row(doraRows(input({ copy: noCopies, restoreTargets: { completed: 1, located: 1, otherAccount: 0, otherRegion: 0 } })), 'art12-3-segregation')?.status).toBe('not met');
    expect(row(doraRows(input({ copy: noCopies })), 'art12-3-segregation')?.status).not.toBe('not met');
  });

  it('maps to RTS Art. 24–26 under the full framework and to Art. 39(2)(g) and 40 under the simplified one', () => {
    const full = doraRows(input());
    expect(full.map((r) => r.id)).toEqual(['art12-1a', 'art12-1b', 'art12-2-operation', 'art12-2-testing', 'art12-3-segregation', 'art12-4-redundancy', 'art12-5-secondary-site', 'art12-6-objectives', 'art12-7-integrity', 'art11-6-annual', 'rts-24', 'rts-25', 'rts-26']);
    const simplified = doraRows(input({ regime: 'simplified' }));
    expect(simplified.filter((r) => r.id.startsWith('rts')).map((r) => r.provision)).toEqual(['RTS 2024/1774 Art. 39(2)(g)', 'RTS 2024/1774 Art. 40']);
    expect(simplified.filter((r) => r.id.startsWith('art')).every((r) => r.status === 'not applicable')).toBe(true);
  });

  it('gives every row a threshold and a time base', () => {
    for (const r of doraRows(input())) {
      expect(r.thresholds, r.id).not.toBe('');
      if (r.id !== 'art12-5-secondary-site') expect(r.timeBase, r.id).not.toBe('');
    }
  });
});
