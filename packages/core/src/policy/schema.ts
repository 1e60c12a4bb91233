/**
 * The protection policy: data classes with their recovery objectives and required protections, and the
 * classification rules that assign assets to classes. Loaded from YAML and validated like the estate.
 */
import { z } from 'zod';
import { TIERS } from './tiers.js';

export { TIERS, type Tier } from './tiers.js';

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

const namePatternsSchema = z.array(z.strictObject({ contains: z.array(z.string()).min(1), tier: tierSchema }));

export const classificationRulesSchema = z.strictObject({
  /** Tag whose value names the tier outright. */
  classificationTag: z.string(),
  environmentTag: z.string(),
  /** Environment tag value (lower-cased) → tier. */
  environments: z.record(z.string(), tierSchema),
  /** Name words (lower-cased) → tier, first match wins; for every type without its own list in `namePatternsByType`. */
  namePatterns: namePatternsSchema,
  /**
   * Name rules of one resource type, replacing `namePatterns` for it (added field; absent = none). An empty list means
   * names never decide the type's class: the REL09-BP01 seed classifies RDS by its tags only.
   */
  namePatternsByType: z.record(z.string(), namePatternsSchema).default({}),
  /** Tier per AWS Backup resource type when nothing else decided. */
  serviceDefaults: z.record(z.string(), tierSchema),
  defaultTier: tierSchema,
  /**
   * Database resource types (added field): backup-required unless a `backupRequiredTag` tag says false, as the seed's
   * `backup_required = True` for every database; no name or reproducibility heuristic waives them.
   */
  databaseTypes: z.array(z.string()).default(['RDS', 'Aurora', 'DynamoDB']),
  backupRequiredTag: z.string(),
  reproducibleTag: z.string(),
  /** Name words of derived data: recorded as reproducible (with its source systems); never waives a backup by itself. */
  reproduciblePatterns: z.array(z.string()),
  /** Name words of data that is itself a copy (backup/archive/snapshot buckets): not required unless tagged (not databases). */
  copyPatterns: z.array(z.string()),
  /** Name words of temporary data (temp/cache/log buckets): not required unless tagged (added field; not databases). */
  temporaryPatterns: z.array(z.string()).default(['temp', 'tmp', 'cache', 'log']),
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
