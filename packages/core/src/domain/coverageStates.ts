/**
 * What the coverage states mean as groups, said once, for the posture's summary, the PDF's gap list and the TUI.
 *
 * - Covered: a backup plan selects the asset (PROTECTED, STALE, SELECTED_NOT_PROTECTED) — the numerator of
 *   coverage %.
 * - Gap: a backup-required asset without a recent recovery point shown: every state except PROTECTED and
 *   NOT_REQUIRED, *including UNKNOWN*. Decision (issue 12; the PDF's gap list had UNKNOWN, the TUI's unprotected
 *   counts did not): UNKNOWN means the plans or selections of the asset's account and Region were not observed, so
 *   its protection is not shown; missing evidence never passes (coverage % already counts UNKNOWN as not covered).
 *   So for a backup-required asset, gap ⇔ not PROTECTED, and gaps + protected = required on every screen and page.
 *   The TUI's tone still tells UNKNOWN (warn) from UNPROTECTED (bad), and the discovery warning says why.
 */
import { COVERAGE_STATES, type CoverageState } from '../posture/vocabulary.js';

/** Coverage states worst first: the order of gap lists and asset tables. */
export const COVERAGE_ORDER: readonly CoverageState[] = ['UNPROTECTED', 'SELECTED_NOT_PROTECTED', 'OPT_IN_BLOCKED', 'STALE', 'UNKNOWN', 'PROTECTED', 'NOT_REQUIRED'];

const COVERED: ReadonlySet<CoverageState> = new Set(['PROTECTED', 'STALE', 'SELECTED_NOT_PROTECTED']);
const GAP: ReadonlySet<CoverageState> = new Set(COVERAGE_STATES.filter((s) => s !== 'PROTECTED' && s !== 'NOT_REQUIRED'));

/** A backup plan selects the asset (whether or not a recent recovery point exists). */
export const isCovered = (state: CoverageState): boolean => COVERED.has(state);

/** A backup-required asset whose protection is not shown (see the module comment: UNKNOWN is a gap). */
export const isGap = (state: CoverageState): boolean => GAP.has(state);

/** Selected by a plan, but without a recovery point within the RPO (STALE, SELECTED_NOT_PROTECTED). */
export const isCoveredNotProtected = (state: CoverageState): boolean => state === 'STALE' || state === 'SELECTED_NOT_PROTECTED';

/** Rank of a state in `COVERAGE_ORDER` (0 = worst). */
export const coverageRank = (state: CoverageState): number => COVERAGE_ORDER.indexOf(state);
