/**
 * The demo organization evaluated under the default policy: every check fires at least once, and the
 * organization still looks like a well-run bank (most backup-required data covered).
 */
import { CHECK_IDS, COVERAGE_STATES, evaluate } from '@vaultscope/core';
import { defaultPolicy } from '../policy/load.js';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from './generateDemoEstate.js';

const NOW = new Date('2026-11-21T06:00:00Z');
const posture = evaluate(generateDemoEstate({ now: NOW }), defaultPolicy().policy, NOW);

describe('the demo organization under the default policy', () => {
  it.each(CHECK_IDS)('fires %s at least once', (check) => {
    expect(posture.summary.byCheck[check]).toBeGreaterThan(0);
  });

  it('shows every coverage state the evaluation can conclude from complete evidence', () => {
    for (const state of COVERAGE_STATES.filter((s) => s !== 'UNKNOWN')) {
      expect(posture.summary.byCoverage[state], state).toBeGreaterThan(0);
    }
  });

  it('covers most backup-required data, with realistic job and restore-test rates', () => {
    const s = posture.summary;
    expect(s.coverage.coveragePct).toBeGreaterThan(0.7);
    expect(s.coverage.coveragePct).toBeLessThan(1);
    expect(s.jobs.backup.successRate).toBeGreaterThan(0.8);
    expect(s.jobs.backup.successRate).toBeLessThan(1);
    expect(s.restoreTests.total).toBeGreaterThan(10);
    expect(s.restoreTests.passRate).toBeGreaterThan(0.5);
    expect(s.restoreTests.passRate).toBeLessThan(1);
    expect(s.incompleteDiscovery).toBe(true);
  });

  it('has a remediation and DORA references on every finding', () => {
    for (const f of posture.findings) {
      expect(f.remediation.length, f.check).toBeGreaterThan(10);
      expect(f.dora.length, f.check).toBeGreaterThan(0);
    }
  });
});
