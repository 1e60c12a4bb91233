/**
 * S3: buckets are listed once per account (ListBuckets is account-wide and gives each bucket's Region), then
 * each bucket in a collected Region is read for tags and versioning through a client in its own Region.
 */
import {
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  paginateListBuckets,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Asset } from '@vaultscope/core';
import type { ErrorSink } from '../errors.js';
import { allPages, compact, isoOf, tagMap } from '../shapes.js';

export interface BucketRef {
  name: string;
  region: string;
  createdAt?: string;
}

const SERVICE = 's3';

/** `LocationConstraint` → Region: empty means us-east-1, the legacy `EU` means eu-west-1. */
export function regionOfLocation(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * Every bucket of the account with its Region. `undefined` when the list itself could not be read (recorded by
 * the caller, which knows which Regions lost their S3 view).
 */
export async function listBucketsWithRegion(client: S3Client, accountId: string, accountErrors: ErrorSink): Promise<BucketRef[]> {
  const buckets = await allPages(paginateListBuckets({ client }, { MaxBuckets: 1000 }), (p) => p.Buckets);
  const out: BucketRef[] = [];
  await Promise.all(
    buckets.map(async (bucket) => {
      if (!bucket.Name) return;
      const name = bucket.Name;
      // Older endpoints (and emulators) do not return BucketRegion: ask the bucket.
      const region =
        bucket.BucketRegion ??
        (await accountErrors.attempt({ service: SERVICE, operation: 'GetBucketLocation', resource: `arn:aws:s3:::${name}`, accountId }, async () => {
          const location = await client.send(new GetBucketLocationCommand({ Bucket: name, ExpectedBucketOwner: accountId }));
          return regionOfLocation(location.LocationConstraint);
        }));
      if (region) out.push(compact({ name, region, createdAt: isoOf(bucket.CreationDate) }));
    }),
  );
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The asset record of one bucket (tags and versioning; a missing tag set is an empty one). */
export async function describeBucket(client: S3Client, bucket: BucketRef, accountId: string, partition: string, errors: ErrorSink): Promise<Asset> {
  const arn = `arn:${partition}:s3:::${bucket.name}`;
  const site = (operation: string) => ({ service: SERVICE, operation, resource: arn });
  const [tags, versioning] = await Promise.all([
    errors.attempt(
      site('GetBucketTagging'),
      async () => tagMap((await client.send(new GetBucketTaggingCommand({ Bucket: bucket.name, ExpectedBucketOwner: accountId }))).TagSet),
      { NoSuchTagSet: () => ({}) },
    ),
    errors.attempt(site('GetBucketVersioning'), async () => {
      const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket.name, ExpectedBucketOwner: accountId }));
      return { status: out.Status };
    }),
  ]);
  const attributes = compact({ versioning: versioning?.status });
  return compact({
    arn,
    resourceType: 'S3',
    name: bucket.name,
    tags: tags ?? {},
    createdAt: bucket.createdAt,
    attributes,
  });
}
