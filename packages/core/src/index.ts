// Public API of @vaultscope/core. Named re-exports only, so each consumer sees exactly what it imports.
export {
  ESTATE_FORMAT,
  RESOURCE_TYPES,
  estateSchema,
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
export { loadEstateFile, parseEstate } from './estate/load.js';
export { TIERS, policySchema, type ClassPolicy, type ClassificationRules, type Policy, type Tier } from './policy/schema.js';
export { defaultPolicy, loadPolicy, parsePolicy, type LoadedPolicy } from './policy/load.js';
export {
  CHECK_IDS,
  COVERAGE_STATES,
  POSTURE_FORMAT,
  SEVERITIES,
  postureSchema,
  type CheckId,
  type Classification,
  type Coverage,
  type CoverageState,
  type Finding,
  type JobCounts,
  type NotEvaluated,
  type Posture,
  type PostureAsset,
  type SelectionMatch,
  type Severity,
  type Summary,
  type VaultRef,
} from './posture/schema.js';
export { InputError, formatJsonPath } from './util/inputError.js';
export { readJsonFile } from './util/jsonFile.js';
