/**
 * DynamoDB: ListTables, then per table DescribeTable (size, status), DescribeContinuousBackups (PITR) and
 * ListTagsOfResource (rate-limited to 10 calls/s per account by the call governor).
 */
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  paginateListTables,
  type DynamoDBClient,
  type Tag,
} from '@aws-sdk/client-dynamodb';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, isoOf, tagMap } from '../shapes.js';

const SERVICE = 'dynamodb';

/** Every table of the Region as an asset; `undefined` when the tables could not be listed. */
export async function listDynamoDbAssets(client: DynamoDBClient, scope: RegionScope): Promise<Asset[] | undefined> {
  const names = await scope.errors.attempt({ service: SERVICE, operation: 'ListTables' }, () =>
    allPages(paginateListTables({ client }, { Limit: 100 }), (p) => p.TableNames),
  );
  if (!names) return undefined;
  return Promise.all(names.map((name) => describeTableAsset(client, name, scope)));
}

async function describeTableAsset(client: DynamoDBClient, name: string, scope: RegionScope): Promise<Asset> {
  const fallbackArn = `arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${name}`;
  const site = (operation: string) => ({ service: SERVICE, operation, resource: fallbackArn });
  const [table, backups, tags] = await Promise.all([
    scope.errors.attempt(site('DescribeTable'), async () => (await client.send(new DescribeTableCommand({ TableName: name }))).Table),
    scope.errors.attempt(
      site('DescribeContinuousBackups'),
      async () => (await client.send(new DescribeContinuousBackupsCommand({ TableName: name }))).ContinuousBackupsDescription,
    ),
    scope.errors.attempt(site('ListTagsOfResource'), async () => {
      const all: Tag[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListTagsOfResourceCommand({ ResourceArn: fallbackArn, NextToken: token }));
        all.push(...(page.Tags ?? []));
        token = page.NextToken;
      } while (token);
      return tagMap(all);
    }),
  ]);
  return compact({
    arn: table?.TableArn ?? fallbackArn,
    resourceType: 'DynamoDB',
    name,
    tags: tags ?? {},
    sizeBytes: table?.TableSizeBytes,
    createdAt: isoOf(table?.CreationDateTime),
    attributes: compact({
      pointInTimeRecovery: backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      // DynamoDB encrypts every table at rest (AWS owned key unless SSEDescription names another).
      encrypted: table ? true : undefined,
      status: table?.TableStatus,
    }),
  });
}
