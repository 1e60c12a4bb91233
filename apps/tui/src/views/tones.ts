/**
 * How job outcomes, severities and coverage map to tones. What a job state or a coverage state *means* is core's
 * (`jobOutcome`, `isUnsuccessful`, `isGap`); this file only picks colours.
 */
import { SEVERITIES, isUnsuccessful, type CoverageState, type JobOutcome, type Severity } from '@vaultscope/core';
import type { Tone } from './screen.js';

/** Tone of a job outcome: unsuccessful (failed, expired, aborted, partial) bad, completed with issues a warning. */
export function jobTone(outcome: JobOutcome): Tone | undefined {
  if (isUnsuccessful(outcome)) return 'bad';
  if (outcome === 'running') return 'accent';
  if (outcome === 'issues') return 'warn';
  if (outcome === 'completed') return 'ok';
  return undefined;
}

/** 0 = critical … 4 = info; absent = 5 (no finding). */
export const severityRank = (severity: Severity | undefined): number => (severity ? SEVERITIES.indexOf(severity) : SEVERITIES.length);

/** Tone of a finding severity. */
export function severityTone(severity: Severity): Tone {
  if (severity === 'critical' || severity === 'high') return 'bad';
  if (severity === 'medium') return 'warn';
  return 'dim';
}

/** Short upper-case severity label. */
export const severityLabel = (severity: Severity): string => (severity === 'critical' ? 'CRIT' : severity.toUpperCase());

/** Tone of a coverage state. */
export function coverageTone(state: CoverageState): Tone {
  switch (state) {
    case 'PROTECTED':
      return 'ok';
    case 'NOT_REQUIRED':
      return 'dim';
    case 'STALE':
    case 'UNKNOWN':
      return 'warn';
    default:
      return 'bad';
  }
}
