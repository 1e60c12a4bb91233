/**
 * The posture (`vaultscope.posture/v1`): what was concluded from an estate, a policy and a clock.
 */
import { z } from 'zod';
import { TIERS } from '../policy/tiers.js';
import { CHECK_IDS, COVERAGE_STATES, POSTURE_FORMAT, SEVERITIES } from './vocabulary.js';

export { CHECK_IDS, COVERAGE_STATES, POSTURE_FORMAT, SEVERITIES, type CheckId, type CoverageState, type Severity } from './vocabulary.js';

const tier = z.enum(TIERS);

export const classificationSchema = z.object({
  tier,
  rtoHours: z.number(),
  rpoHours: z.number(),
  backupRequired: z.boolean(),
  reproducible: z.boolean(),
  /** Human-readable reason, e.g. `tag DataClassification=critical`. */
  rule: z.string(),
  owner: z.string().optional(),
  sourceSystems: z.array(z.string()).optional(),
  compliance: z.array(z.string()).optional(),
});

export const selectionMatchSchema = z.object({
  planId: z.string(),
  planName: z.string(),
  selectionId: z.string(),
  selectionName: z.string(),
  /** The clause that selected the asset, e.g. `ListOfTags backup=daily` or `Resources arn:aws:rds:*:*:db:*`. */
  clause: z.string(),
  /** The plan's rules, which all apply to what its selections select (added field). */
  rules: z.array(z.string()),
  /** ARN of the EC2 instance this selection selects: the volume is backed up in the instance's AMI (added field). */
  through: z.string().optional(),
});

export const vaultRefSchema = z.object({
  name: z.string(),
  arn: z.string().optional(),
  /** `compliance` (LockDate passed), `governance` (locked, still changeable), `none`, `unknown` (vault not observed). */
  lock: z.enum(['compliance', 'governance', 'none', 'unknown']),
  airGapped: z.boolean(),
  /**
   * How this asset's backups reach the vault when that depends on the resource type (added field): `backup` (a
   * fully managed type backs up straight into the air-gapped vault), `copy` (only a later copy reaches it; credited
   * once a copy job into it completed), `none` (AWS makes no backup or copy of this type into it).
   */
  reach: z.enum(['backup', 'copy', 'none']).optional(),
  /** Why `reach` is `none` (added field). */
  reachReason: z.string().optional(),
  /** The newest completed job of this asset into the vault and what AWS said about the vault then (added field). */
  observed: z
    .object({
      via: z.enum(['backup', 'copy']),
      jobId: z.string(),
      at: z.string(),
      /** `VaultType` (backup job) or `DestinationVaultType` (copy job). */
      vaultType: z.string().optional(),
      /** `VaultLockState` (backup job) or `DestinationVaultLockState` (copy job): LOCKED | UNLOCKED. */
      lockState: z.string().optional(),
    })
    .optional(),
});

export const coverageSchema = z.object({
  state: z.enum(COVERAGE_STATES),
  selectedBy: z.array(selectionMatchSchema),
  lastRecoveryPointAt: z.string().optional(),
  /** Longest gap between scheduled backups of the most frequent covering rule (continuous counts as its RPO). */
  frequencyHours: z.number().optional(),
  /** Longest retention of any covering rule (days; absent = never expires). */
  retentionDays: z.number().optional(),
  /** A covering rule keeps recovery points forever (no DeleteAfterDays). */
  retentionNeverExpires: z.boolean().optional(),
  continuous: z.boolean().optional(),
  copyRegions: z.array(z.string()),
  copyAccounts: z.array(z.string()),
  vaults: z.array(vaultRefSchema),
  /** Covered by a restore-testing selection. */
  restoreTested: z.boolean().optional(),
  /** The EC2 instance whose selection covers this EBS volume and whose recovery point decides its state (added field). */
  coveredThrough: z.object({ arn: z.string(), resourceType: z.string(), name: z.string() }).optional(),
  /** Copies the covering rules ask for that AWS does not make for this asset, with the reason (added field). */
  copiesNotMade: z.array(z.object({ destination: z.string(), reason: z.string() })).optional(),
  /** OPT_IN_BLOCKED: the resource type whose Region opt-in is missing (added field). */
  optInRequired: z.string().optional(),
  /**
   * A restore-testing selection names the asset but its plan can never pick one of its recovery points (added
   * field): the vaults they sit in are outside `IncludeVaults` or inside `ExcludeVaults`, or the point types differ.
   */
  restoreTestIneligible: z
    .object({ planName: z.string(), selectionName: z.string(), reason: z.string(), vaults: z.array(z.string()) })
    .optional(),
});

export const postureAssetSchema = z.object({
  arn: z.string(),
  accountId: z.string(),
  region: z.string(),
  resourceType: z.string(),
  name: z.string(),
  sizeBytes: z.number().optional(),
  classification: classificationSchema,
  coverage: coverageSchema,
});

export const findingSchema = z.object({
  /** Stable hash of check, account, Region and resource, so a finding keeps its id across runs. */
  id: z.string(),
  check: z.enum(CHECK_IDS),
  severity: z.enum(SEVERITIES),
  accountId: z.string(),
  region: z.string(),
  resourceArn: z.string().optional(),
  message: z.string(),
  remediation: z.string(),
  dora: z.array(z.string()),
  /** Framework rules the finding speaks to, `framework/rule` (e.g. `nist-800-53-r5/dynamodb-in-backup-plan`; added field). */
  frameworks: z.array(z.string()).optional(),
  evidence: z.record(z.string(), z.unknown()).optional(),
});

/** One resource a framework rule judged, with the reason for a failure or a missing verdict. */
export const frameworkResourceSchema = z.object({
  arn: z.string(),
  accountId: z.string(),
  region: z.string(),
  reason: z.string().optional(),
});

/** One rule of a compliance framework and the resources that pass and fail it (added section). */
export const frameworkRuleSchema = z.object({
  /** Stable rule id, the AWS Config managed rule's name where there is one, e.g. `dynamodb-in-backup-plan`. */
  id: z.string(),
  title: z.string(),
  resourceTypes: z.array(z.string()),
  severity: z.enum(SEVERITIES),
  /** The framework's controls, as AWS's conformance pack maps them, e.g. `CP-9(a)`. */
  controls: z.array(z.string()),
  /** The AWS Config managed rules that evaluate the same thing. */
  configRules: z.array(z.string()),
  /** Where the rule and its control mapping come from. */
  source: z.string(),
  /** The Vaultscope checks whose findings carry this rule. */
  checks: z.array(z.enum(CHECK_IDS)),
  /** AWS CLI commands that make a failing resource pass (placeholders in angle brackets). */
  remediation: z.string(),
  passing: z.array(frameworkResourceSchema),
  failing: z.array(frameworkResourceSchema),
  notEvaluated: z.array(frameworkResourceSchema),
});

export const frameworkSchema = z.object({
  /** e.g. `nist-800-53-r5` (what `posture --framework` takes). */
  id: z.string(),
  name: z.string(),
  reference: z.string(),
  rules: z.array(frameworkRuleSchema),
});

export const notEvaluatedSchema = z.object({
  /** A check id, or `*` (every check of the scope), `inventory` or `classification` (what the checks start from). */
  check: z.string().describe('a check id, or "*" (every check of the scope), "inventory" or "classification"'),
  scope: z.string(),
  reason: z.string(),
});

const rate = z.number().nullable().describe('0..1, null when nothing to measure');

const jobCountsSchema = z.object({
  total: z.number(),
  completed: z.number(),
  completedWithIssues: z.number(),
  failed: z.number(),
  expired: z.number(),
  aborted: z.number(),
  partial: z.number(),
  running: z.number(),
  successRate: rate,
});

const coverageFigureSchema = z.object({ required: z.number(), covered: z.number(), protected: z.number(), coveragePct: rate });

export const summarySchema = z.object({
  accounts: z.number(),
  assets: z.number(),
  byClass: z.record(z.string(), z.number()),
  byCoverage: z.record(z.string(), z.number()),
  bySeverity: z.record(z.string(), z.number()),
  byCheck: z.record(z.string(), z.number()),
  coverage: coverageFigureSchema.extend({
    byAccount: z.record(z.string(), coverageFigureSchema),
    byClass: z.record(z.string(), coverageFigureSchema),
  }),
  jobs: z.object({
    windowDays: z.number(),
    backup: jobCountsSchema,
    copy: jobCountsSchema,
    restore: jobCountsSchema,
    /** Which job lists the estate holds; a list not observed counts zero jobs, which is not "no jobs" (added field). */
    observed: z.object({ backup: z.boolean(), copy: z.boolean(), restore: z.boolean() }),
  }),
  restoreTests: z.object({ total: z.number(), passed: z.number(), failed: z.number(), passRate: rate }),
  objectives: z.object({
    rpo: z.object({ measured: z.number(), met: z.number(), attainment: rate }),
    rto: z.object({ measured: z.number(), met: z.number(), attainment: rate }),
  }),
  incompleteDiscovery: z.boolean(),
});

export const postureSchema = z.object({
  format: z.literal(POSTURE_FORMAT),
  evaluatedAt: z.string(),
  estateCapturedAt: z.string(),
  organization: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  policyHash: z.string().optional(),
  summary: summarySchema,
  assets: z.array(postureAssetSchema),
  findings: z.array(findingSchema),
  notEvaluated: z.array(notEvaluatedSchema),
  /** Compliance framework rules and the resources that pass and fail them (added field). */
  frameworks: z.array(frameworkSchema).optional(),
});

export type Classification = z.infer<typeof classificationSchema>;
export type SelectionMatch = z.infer<typeof selectionMatchSchema>;
export type VaultRef = z.infer<typeof vaultRefSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type PostureAsset = z.infer<typeof postureAssetSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type FrameworkResource = z.infer<typeof frameworkResourceSchema>;
export type FrameworkRule = z.infer<typeof frameworkRuleSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type NotEvaluated = z.infer<typeof notEvaluatedSchema>;
export type JobCounts = z.infer<typeof jobCountsSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type Posture = z.infer<typeof postureSchema>;
