/**
 * The protection policy: data classes with their recovery objectives and required protections, and the
 * classification rules that assign assets to classes. Loaded from YAML and validated like the estate.
 */
import { z } from 'zod';

export const TIERS = ['critical', 'important', 'standard', 'archival'] as const;
export type Tier = (typeof TIERS)[number];

const tierSchema = z.enum(TIERS);

export const classPolicySchema = z.strictObject({
  rtoHours: z.number().positive(),
  rpoHours: z.number().positive(),
  /** `true`, `false`, or `heuristic`: required when tags or name heuristics say so (standard, archival). */
  backupRequired: z.union([z.boolean(), z.literal('heuristic')]),
  /** Longest allowed gap between scheduled backups. Must not exceed the RPO. */
  backupFrequencyHours: z.number().positive(),
  retentionDays: z.number().int().positive(),
  crossRegionCopy: z.boolean(),
  crossAccountCopy: z.boolean(),
  /** The target vault must carry a Vault Lock (immutability). */
  vaultLock: z.boolean(),
  restoreTesting: z.enum(['required', 'optional']),
  /** DynamoDB tables of this class must have point-in-time recovery. */
  dynamodbPitr: z.boolean(),
});

export const classificationRulesSchema = z.strictObject({
  /** Tag whose value names the tier outright. */
  classificationTag: z.string(),
  environmentTag: z.string(),
  /** Environment tag value (lower-cased) → tier. */
  environments: z.record(z.string(), tierSchema),
  /** Name substrings (lower-cased) → tier, first match wins. */
  namePatterns: z.array(z.strictObject({ contains: z.array(z.string()).min(1), tier: tierSchema })),
  /** Tier per AWS Backup resource type when nothing else decided. */
  serviceDefaults: z.record(z.string(), tierSchema),
  defaultTier: tierSchema,
  backupRequiredTag: z.string(),
  reproducibleTag: z.string(),
  /** Name substrings of derived data (reproducible, so no backup needed unless a tag says so). */
  reproduciblePatterns: z.array(z.string()),
  /** Name substrings of data that is itself a copy (backup/archive/snapshot buckets): not required by heuristic. */
  copyPatterns: z.array(z.string()),
  ownerTags: z.array(z.string()),
  sourceSystemTags: z.array(z.string()),
  complianceTags: z.array(z.string()),
});

export const policySchema = z.strictObject({
  version: z.literal(1),
  /** Window, in days, over which job failures and restore tests are judged. */
  evaluationWindowDays: z.number().int().positive(),
  classes: z.strictObject({
    critical: classPolicySchema,
    important: classPolicySchema,
    standard: classPolicySchema,
    archival: classPolicySchema,
  }),
  classification: classificationRulesSchema,
  /**
   * The DORA framework the entity is under: `full` (Art. 5 to 15 with RTS 2024/1774 Title II) or `simplified`
   * (Art. 16, RTS 2024/1774 Title III). It decides which provisions the packs' DORA table maps evidence to.
   */
  doraRegime: z.enum(['full', 'simplified']).default('full'),
  /** Tag keys that name an asset's business function, the first present wins (recovery objectives per function). */
  businessFunctionTags: z.array(z.string().min(1)).min(1).default(['BusinessFunction', 'Application']),
});

export type ClassPolicy = z.infer<typeof classPolicySchema>;
export type ClassificationRules = z.infer<typeof classificationRulesSchema>;
export type Policy = z.infer<typeof policySchema>;
