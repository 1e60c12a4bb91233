/**
 * The posture's vocabulary: its format name, coverage states, severities and check ids. Apart from the posture
 * schema (zod), so that code judging an estate reads them without loading the schema library (a bundled app's
 * start: apps/tui/scripts/bundle.mjs).
 */
export const POSTURE_FORMAT = 'vaultscope.posture/v1';

export const COVERAGE_STATES = [
  'PROTECTED',
  'STALE',
  'SELECTED_NOT_PROTECTED',
  'UNPROTECTED',
  'NOT_REQUIRED',
  'OPT_IN_BLOCKED',
  /** Added state: the plans or selections of the asset's account and Region were not observed. */
  'UNKNOWN',
] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECK_IDS = [
  'backup.not-in-plan',
  'backup.selected-never-protected',
  'backup.recovery-point-stale',
  'backup.frequency-exceeds-rpo',
  'backup.retention-below-policy',
  'backup.no-cross-region-copy',
  'backup.no-cross-account-copy',
  'backup.vault-not-locked',
  'backup.job-failures',
  'dynamodb.pitr-disabled',
  's3.versioning-disabled',
  'restore.not-tested',
  'restore.test-failed',
  'restore.time-exceeds-rto',
  'discovery.incomplete',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];
