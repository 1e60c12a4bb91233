/**
 * What could not be read about one asset. A collection error recorded against an asset's ARN means one of its
 * attributes is missing because it was refused, not because it is off: checks that need it must say "not
 * evaluated" instead of concluding from the absence (a bucket whose versioning could not be read is not a
 * bucket with versioning disabled).
 */
import type { CollectionError, Estate } from '../estate/schema.js';

/** An attribute of an asset that its evaluation depends on. */
export type EvidenceGap = 'tags' | 'versioning' | 'pointInTimeRecovery' | 'backupPolicy' | 'details';

const GAP_BY_OPERATION: Readonly<Record<string, EvidenceGap>> = {
  GetBucketTagging: 'tags',
  ListTagsOfResource: 'tags',
  ListTagsForResource: 'tags',
  ListTags: 'tags',
  GetBucketVersioning: 'versioning',
  DescribeContinuousBackups: 'pointInTimeRecovery',
  DescribeBackupPolicy: 'backupPolicy',
};

/** The gaps of one asset, each with the error that caused it. */
export type AssetGaps = ReadonlyMap<EvidenceGap, CollectionError>;

/** Indexes every collection error that names a resource, by that resource's ARN. */
export function indexEvidenceGaps(estate: Estate): Map<string, Map<EvidenceGap, CollectionError>> {
  const byArn = new Map<string, Map<EvidenceGap, CollectionError>>();
  const add = (error: CollectionError): void => {
    const gap = GAP_BY_OPERATION[error.operation] ?? 'details';
    // A folded entry (the same refusal for many resources) names them all in `resources`.
    for (const arn of error.resources ?? (error.resource ? [error.resource] : [])) {
      let gaps = byArn.get(arn);
      if (!gaps) byArn.set(arn, (gaps = new Map()));
      if (!gaps.has(gap)) gaps.set(gap, error);
    }
  };
  for (const obs of estate.regions) for (const error of obs.errors ?? []) add(error);
  for (const error of estate.errors ?? []) add(error);
  return byArn;
}

/** A short reason naming the refused call, for `notEvaluated`. */
export function gapReason(gap: EvidenceGap, error: CollectionError): string {
  return `${gap === 'details' ? 'resource details' : gap} not observed (${error.service}:${error.operation} ${error.code})`;
}

/**
 * The refused read, if any, that makes "selected by no plan" undecidable: the tags (tag-based selections and
 * conditions) or, for EFS, the backup policy behind automatic backups.
 */
export function selectionInputGap(resourceType: string, gaps: AssetGaps | undefined): { gap: EvidenceGap; error: CollectionError } | undefined {
  const tags = gaps?.get('tags');
  if (tags) return { gap: 'tags', error: tags };
  const policy = resourceType === 'EFS' ? gaps?.get('backupPolicy') : undefined;
  return policy ? { gap: 'backupPolicy', error: policy } : undefined;
}
