/** The coverage-state groups: one gap set (UNKNOWN included), one covered set, one order. */
import { describe, expect, it } from 'vitest';
import { COVERAGE_STATES, type CoverageState } from '../posture/schema.js';
import { COVERAGE_ORDER, isCovered, isCoveredNotProtected, isGap } from './coverageStates.js';

describe('coverage state groups', () => {
  const rows: Array<[state: CoverageState, covered: boolean, gap: boolean]> = [
    ['PROTECTED', true, false],
    ['STALE', true, true],
    ['SELECTED_NOT_PROTECTED', true, true],
    ['UNPROTECTED', false, true],
    ['OPT_IN_BLOCKED', false, true],
    ['UNKNOWN', false, true],
    ['NOT_REQUIRED', false, false],
  ];
  it.each(rows)('%s: covered %s, gap %s', (state, covered, gap) => {
    expect(isCovered(state)).toBe(covered);
    expect(isGap(state)).toBe(gap);
    expect(isCoveredNotProtected(state)).toBe(covered && gap);
  });

  it('lists every state once, and every state has a row above', () => {
    expect([...COVERAGE_ORDER].sort()).toEqual([...COVERAGE_STATES].sort());
    expect(rows.map(([s]) => s).sort()).toEqual([...COVERAGE_STATES].sort());
  });

  it('puts gaps before protected and not-required assets', () => {
    const firstNonGap = COVERAGE_ORDER.findIndex((s) => !isGap(s));
    expect(COVERAGE_ORDER.slice(firstNonGap).every((s) => !isGap(s))).toBe(true);
  });
});
