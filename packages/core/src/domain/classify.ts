/**
 * Classification of a data asset into a tier (critical / important / standard / archival), following the code of
 * the Well-Architected REL09-BP01 practice (the seed): explicit tag, then Environment tag, then name rules (per
 * resource type: RDS by tags only), then service defaults. Databases need a backup unless a BackupRequired tag says
 * false; a heuristic never waives one. Every result says which rule decided.
 */
import type { Policy, Tier } from '../policy/schema.js';
import { TIERS } from '../policy/tiers.js';
import type { Classification } from '../posture/schema.js';
import { findWord, nameWords } from './nameWords.js';

/** What classification needs to know about an asset. */
export interface ClassifiableAsset {
  name: string;
  resourceType: string;
  tags: Record<string, string>;
}

interface TierDecision {
  tier: Tier;
  rule: string;
}

type TagLookup = (key: string) => { key: string; value: string } | undefined;

/**
 * Case-insensitive tag lookup (AWS tag keys are case-sensitive, but people write `environment` and
 * `Environment`); an exact key wins. Built once per asset because classification asks a dozen questions.
 */
function tagLookup(tags: Record<string, string>): TagLookup {
  const lower = new Map<string, string>();
  for (const k of Object.keys(tags)) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
  return (key) => {
    const actual = Object.hasOwn(tags, key) ? key : lower.get(key.toLowerCase());
    return actual === undefined ? undefined : { key: actual, value: tags[actual] ?? '' };
  };
}

function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

function decideTier(asset: ClassifiableAsset, policy: Policy, tagValue: TagLookup, words: readonly string[]): TierDecision {
  const rules = policy.classification;
  const explicit = tagValue(rules.classificationTag);
  if (explicit) {
    const value = explicit.value.trim().toLowerCase();
    if (isTier(value)) return { tier: value, rule: `tag ${explicit.key}=${explicit.value}` };
  }
  const env = tagValue(rules.environmentTag);
  if (env) {
    const tier = rules.environments[env.value.trim().toLowerCase()];
    if (tier) return { tier, rule: `tag ${env.key}=${env.value}` };
  }
  const patterns = Object.hasOwn(rules.namePatternsByType, asset.resourceType)
    ? (rules.namePatternsByType[asset.resourceType] ?? [])
    : rules.namePatterns;
  for (const pattern of patterns) {
    const hit = findWord(words, pattern.contains);
    if (hit) return { tier: pattern.tier, rule: `name contains "${hit}"` };
  }
  const serviceTier = rules.serviceDefaults[asset.resourceType];
  if (serviceTier) return { tier: serviceTier, rule: `service default for ${asset.resourceType}` };
  return { tier: rules.defaultTier, rule: 'policy default' };
}

function parseBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  return undefined;
}

function listFromTags(tagValue: TagLookup, keys: readonly string[]): string[] | undefined {
  for (const key of keys) {
    const hit = tagValue(key);
    if (hit && hit.value.trim()) {
      return hit.value
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    }
  }
  return undefined;
}

/** Every listed tag's values, in tag order without repeats (the seed reads both SourceSystem and Application). */
function allFromTags(tagValue: TagLookup, keys: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const key of keys) {
    for (const v of listFromTags(tagValue, [key]) ?? []) if (!out.includes(v)) out.push(v);
  }
  return out.length ? out : undefined;
}

/** Classifies one asset under the policy, recording the rule that decided tier and backup requirement. */
export function classify(asset: ClassifiableAsset, policy: Policy): Classification {
  const rules = policy.classification;
  const tagValue = tagLookup(asset.tags);
  const words = nameWords(asset.name);
  const decision = decideTier(asset, policy, tagValue, words);
  const cls = policy.classes[decision.tier];
  const reasons = [decision.rule];

  const reproducibleTag = tagValue(rules.reproducibleTag);
  const reproducibleFromTag = reproducibleTag ? parseBool(reproducibleTag.value) : undefined;
  const derivedHit = reproducibleFromTag === undefined ? findWord(words, rules.reproduciblePatterns) : undefined;
  const reproducible = reproducibleFromTag ?? derivedHit !== undefined;
  const sourceSystems = allFromTags(tagValue, rules.sourceSystemTags);

  const requiredTag = tagValue(rules.backupRequiredTag);
  const requiredFromTag = requiredTag ? parseBool(requiredTag.value) : undefined;
  const database = rules.databaseTypes.includes(asset.resourceType);
  let backupRequired: boolean;
  if (requiredTag && requiredFromTag !== undefined) {
    // The only statement that waives a backup: the owner's.
    backupRequired = requiredFromTag;
    reasons.push(`tag ${requiredTag.key}=${requiredTag.value}`);
  } else if (database) {
    // Seed: `backup_required = True` for every RDS instance and DynamoDB table, whatever its class.
    backupRequired = true;
    reasons.push(`database: backup required unless tagged ${rules.backupRequiredTag}=false`);
  } else if (cls.backupRequired === 'heuristic') {
    // Standard and archival data need a backup only when a tag says so; none did.
    backupRequired = false;
    reasons.push(`no ${rules.backupRequiredTag}=true tag`);
  } else if (!cls.backupRequired) {
    backupRequired = false;
  } else if (decision.rule.startsWith(`tag ${rules.classificationTag}`)) {
    // An explicit classification is an owner's statement about the data: name rules do not override it.
    backupRequired = true;
  } else {
    // Seed (_should_backup_s3_bucket): a bucket named as a copy or as temporary data is not backed up unless tagged.
    const copyHit = findWord(words, rules.copyPatterns);
    const tempHit = copyHit === undefined ? findWord(words, rules.temporaryPatterns) : undefined;
    backupRequired = copyHit === undefined && tempHit === undefined;
    if (copyHit) reasons.push(`itself a copy (name contains "${copyHit}")`);
    else if (tempHit) reasons.push(`temporary data (name contains "${tempHit}")`);
  }
  if (reproducible) {
    // Shown, never a waiver: only the BackupRequired tag waives a backup.
    const why = reproducibleTag && reproducibleFromTag !== undefined ? `tag ${reproducibleTag.key}=${reproducibleTag.value}` : `name contains "${derivedHit}"`;
    const from = sourceSystems ? ` from ${sourceSystems.join(', ')}` : '';
    reasons.push(`reproducible${from} (${why})${backupRequired ? ', still required' : ''}`);
  }

  const owner = rules.ownerTags.map((k) => tagValue(k)).find((t) => t && t.value.trim());
  const compliance = listFromTags(tagValue, rules.complianceTags);
  return {
    tier: decision.tier,
    rtoHours: cls.rtoHours,
    rpoHours: cls.rpoHours,
    backupRequired,
    reproducible,
    rule: reasons.join('; '),
    ...(owner ? { owner: owner.value } : {}),
    ...(sourceSystems ? { sourceSystems } : {}),
    ...(compliance ? { compliance } : {}),
  };
}
