/**
 * How states, severities and coverage map to tones, and which of them count as faults. Shared by projections.
 */
import { SEVERITIES, type CoverageState, type Severity } from '@vaultscope/core';
import type { Tone } from './screen.js';

const FAILED_STATES = new Set(['FAILED', 'EXPIRED', 'ABORTED', 'ABORTING', 'PARTIAL']);
const RUNNING_STATES = new Set(['CREATED', 'PENDING', 'RUNNING']);

/** Whether a job ended badly. */
export const isFailedState = (state: string): boolean => FAILED_STATES.has(state);
/** Whether a job is still under way. */
export const isRunningState = (state: string): boolean => RUNNING_STATES.has(state);

/** Tone of a job state (COMPLETED with a non-SUCCESS category is a warning). */
export function jobTone(state: string, messageCategory?: string): Tone | undefined {
  if (isFailedState(state)) return 'bad';
  if (isRunningState(state)) return 'accent';
  if (state === 'COMPLETED') return messageCategory && messageCategory !== 'SUCCESS' ? 'warn' : 'ok';
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

/** Coverage states that leave backup-required data without a usable recovery point. */
export const isUnprotectedState = (state: CoverageState): boolean =>
  state === 'UNPROTECTED' || state === 'SELECTED_NOT_PROTECTED' || state === 'STALE' || state === 'OPT_IN_BLOCKED';

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
