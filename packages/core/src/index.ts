// Public API of @vaultscope/core. Named re-exports only, so each consumer sees exactly what it imports.
export { ESTATE_FORMAT, RESOURCE_TYPES } from './estate/format.js';
export {
  assetSchema,
  backupJobSchema,
  backupPlanSchema,
  backupVaultSchema,
  copyJobSchema,
  estateSchema,
  protectedResourceSchema,
  restoreJobSchema,
  restoreTestingPlanSchema,
  type Account,
  type Asset,
  type AssetAttributes,
  type AuditManagerEvidence,
  type BackupJob,
  type BackupPlan,
  type BackupRule,
  type BackupSelection,
  type BackupVault,
  type CollectionError,
  type CopyJob,
  type Estate,
  type ProtectedResource,
  type RegionObservation,
  type RestoreJob,
  type RestoreTestingPlan,
  type RestoreTestingSelection,
} from './estate/schema.js';
export { isJobListingError, JOB_LIST_OPERATIONS } from './estate/jobListings.js';
export { TIERS, type Tier } from './policy/tiers.js';
export { policySchema, type ClassPolicy, type ClassificationRules, type Policy } from './policy/schema.js';
export { parsePolicy, type LoadedPolicy } from './policy/parse.js';
export { CHECK_IDS, COVERAGE_STATES, POSTURE_FORMAT, SEVERITIES, type CheckId, type CoverageState, type Severity } from './posture/vocabulary.js';
export {
  postureSchema,
  type Classification,
  type Coverage,
  type Finding,
  type Framework,
  type FrameworkResource,
  type FrameworkRule,
  type JobCounts,
  type NotEvaluated,
  type Posture,
  type PostureAsset,
  type SelectionMatch,
  type Summary,
  type VaultRef,
} from './posture/schema.js';
export { InputError, describeIssue, formatJsonPath } from './util/inputError.js';
export { evaluate, type EvaluateOptions } from './evaluate.js';
export { classify, type ClassifiableAsset } from './domain/classify.js';
export { evaluateSelection, arnMatches } from './domain/selection.js';
export {
  describeMiss,
  explainSelection,
  missDistance,
  type PlanExplanation,
  type SelectionExplanation,
  type SelectionMiss,
} from './domain/explainSelection.js';
export { ScheduleError, parseScheduleExpression } from './domain/schedule/parse.js';
export { nextRuns, scheduleGapHours } from './domain/schedule/runs.js';
export { CHECKS, severityFor, type CheckDefinition } from './domain/checks/catalog.js';
export {
  JOB_KINDS,
  JOB_OUTCOMES,
  addToCounts,
  countJobs,
  emptyJobCounts,
  isFault,
  isFinal,
  isFinalState,
  isInProgress,
  isRestoreTest,
  isSucceeded,
  issueCategory,
  isUnsuccessful,
  jobOutcome,
  restoreVerdict,
  stateOfJob,
  successRate,
  toJobRecord,
  type JobKind,
  type JobOutcome,
  type JobRecord,
  type RestoreVerdict,
} from './domain/jobs.js';
export {
  LAG_VAULT_TYPE,
  VAULT_LOCK_MODES,
  isAirGapped,
  isAirGappedType,
  isImmutable,
  isLockedState,
  vaultLockMode,
  type VaultLockMode,
} from './domain/vaults.js';
export { COVERAGE_ORDER, coverageRank, isCovered, isCoveredNotProtected, isGap } from './domain/coverageStates.js';
export { FRAMEWORKS, NIST_800_53_R5, type FrameworkDefinition, type FrameworkRuleDefinition } from './domain/frameworks/nist80053r5.js';
export { frameworkSummary, type FrameworkRuleSummary } from './domain/frameworks/frameworkSummary.js';
export { restoreDataAgeHours, restoreDurationHours } from './domain/restoreTesting.js';
export { arnParts } from './domain/estateIndex.js';
export { coverageNotes, type CoverageNote } from './domain/coverageNotes.js';
export { COMPARED_TIMESTAMPS } from './estate/comparedTimestamps.js';
export { hasCalendarDate, ISO_TIMESTAMP, isCanonicalUtc, isValidCanonicalUtc } from './estate/canonicalTimestamp.js';
export { errnoCode, isWriteFault, toWriteError } from './util/writeFault.js';
export { sortedByKeyDescending } from './util/sortByKey.js';
export { CSV_RFC4180, toCsv, type CsvColumn } from './text/csv.js';
export { neutraliseCell, toCell, type CellValue } from './text/csvCell.js';
export { codePointMark, sanitize, sanitizeValue, type SanitizeOptions } from './text/sanitize.js';
export { publishedSchemas } from './schemaDocs.js';
export { ALERT_KINDS, detectAlerts, type Alert, type AlertKind, type DetectOptions } from './alerts/detect.js';
