/**
 * Inventory adapters with aws-sdk-client-mock: every list paged to the end with the service's own token
 * (ContinuationToken, LastEvaluatedTableName, Marker, NextMarker, NextToken), tags and the attributes the
 * checks need.
 */
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeBackupPolicyCommand, DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { DescribeFileSystemsCommand as DescribeFsxCommand, FSxClient } from '@aws-sdk/client-fsx';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetBucketLocationCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorSink } from '../errors.js';
import type { RegionScope } from '../scope.js';
import { listDynamoDbAssets } from './dynamodb.js';
import { listEbsAssets } from './ebs.js';
import { listEfsAssets } from './efs.js';
import { listFsxAssets } from './fsx.js';
import { clusterResourceType, listRdsAssets } from './rds.js';
import { describeBucket, listBucketsWithRegion, regionOfLocation } from './s3.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const ACCOUNT = '222222222222';
const REGION = 'eu-west-1';
const GIB = 1024 ** 3;
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const mocks = {
  s3: mockClient(S3Client),
  dynamodb: mockClient(DynamoDBClient),
  rds: mockClient(RDSClient),
  efs: mockClient(EFSClient),
  ec2: mockClient(EC2Client),
  fsx: mockClient(FSxClient),
};

let scope: RegionScope;
beforeEach(() => {
  for (const mock of Object.values(mocks)) mock.reset();
  scope = { accountId: ACCOUNT, region: REGION, partition: 'aws', errors: new ErrorSink({ accountId: ACCOUNT, region: REGION }) };
});

describe('S3', () => {
  it('lists buckets over ContinuationToken pages and asks GetBucketLocation only when BucketRegion is missing', async () => {
    const tokens: Array<string | undefined> = [];
    mocks.s3.on(ListBucketsCommand).callsFake((input: { ContinuationToken?: string; MaxBuckets?: number }) => {
      tokens.push(input.ContinuationToken);
      expect(input.MaxBuckets).toBe(1000);
      return input.ContinuationToken
        ? { Buckets: [{ Name: 'legacy-eu', CreationDate: new Date('2019-01-01T00:00:00Z') }, { Name: 'classic' }] }
        : { Buckets: [{ Name: 'ledger', BucketRegion: 'eu-west-1', CreationDate: new Date('2024-01-01T00:00:00Z') }], ContinuationToken: 'c2' };
    });
    mocks.s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({ LocationConstraint: 'EU' });
    mocks.s3.on(GetBucketLocationCommand, { Bucket: 'classic' }).resolves({});
    const buckets = await listBucketsWithRegion(new S3Client({ region: 'us-east-1' }), ACCOUNT, new ErrorSink());
    expect(tokens).toEqual([undefined, 'c2']);
    expect(buckets).toEqual([
      { name: 'classic', region: 'us-east-1' },
      { name: 'ledger', region: 'eu-west-1', createdAt: '2024-01-01T00:00:00.000Z' },
      { name: 'legacy-eu', region: 'eu-west-1', createdAt: '2019-01-01T00:00:00.000Z' },
    ]);
    expect(mocks.s3.commandCalls(GetBucketLocationCommand)).toHaveLength(2);
    expect(regionOfLocation('ap-south-1')).toBe('ap-south-1');
  });

  it('reads tags and versioning; NoSuchTagSet means no tags, AccessDenied is recorded', async () => {
    const s3 = new S3Client({ region: REGION });
    mocks.s3.on(GetBucketTaggingCommand, { Bucket: 'tagged' }).resolves({ TagSet: [{ Key: 'DataClassification', Value: 'critical' }] });
    mocks.s3.on(GetBucketTaggingCommand, { Bucket: 'untagged' }).rejects(awsError('NoSuchTagSet', 'The TagSet does not exist', 404));
    mocks.s3.on(GetBucketVersioningCommand, { Bucket: 'tagged' }).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    mocks.s3.on(GetBucketVersioningCommand, { Bucket: 'untagged' }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const tagged = await describeBucket(s3, { name: 'tagged', region: REGION }, ACCOUNT, 'aws', scope.errors);
    const untagged = await describeBucket(s3, { name: 'untagged', region: REGION }, ACCOUNT, 'aws', scope.errors);
    expect(tagged).toEqual({ arn: 'arn:aws:s3:::tagged', resourceType: 'S3', name: 'tagged', tags: { DataClassification: 'critical' }, attributes: { versioning: 'Enabled' } });
    expect(untagged).toEqual({ arn: 'arn:aws:s3:::untagged', resourceType: 'S3', name: 'untagged', tags: {}, attributes: {} });
    expect(mocks.s3.commandCalls(GetBucketTaggingCommand)[0]?.args[0].input).toMatchObject({ ExpectedBucketOwner: ACCOUNT });
    expect(scope.errors.list()).toEqual([expect.objectContaining({ operation: 'GetBucketVersioning', resource: 'arn:aws:s3:::untagged', code: 'AccessDenied' })]);
  });
});

describe('DynamoDB', () => {
  it('pages ListTables by LastEvaluatedTableName and tags by NextToken', async () => {
    const tableTokens: Array<string | undefined> = [];
    mocks.dynamodb.on(ListTablesCommand).callsFake((input: { ExclusiveStartTableName?: string }) => {
      tableTokens.push(input.ExclusiveStartTableName);
      return input.ExclusiveStartTableName ? { TableNames: ['sessions'] } : { TableNames: ['orders'], LastEvaluatedTableName: 'orders' };
    });
    mocks.dynamodb.on(DescribeTableCommand).callsFake((input: { TableName: string }) => ({
      Table: {
        TableName: input.TableName,
        TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${input.TableName}`,
        TableStatus: 'ACTIVE',
        CreationDateTime: new Date('2025-05-05T00:00:00Z'),
        TableSizeBytes: 123456,
        ItemCount: 10,
      },
    }));
    mocks.dynamodb.on(DescribeContinuousBackupsCommand).callsFake((input: { TableName: string }) => ({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: input.TableName === 'orders' ? 'ENABLED' : 'DISABLED' },
      },
    }));
    const tagTokens: Array<string | undefined> = [];
    mocks.dynamodb.on(ListTagsOfResourceCommand).callsFake((input: { ResourceArn: string; NextToken?: string }) => {
      tagTokens.push(input.NextToken);
      if (!input.ResourceArn.endsWith('/orders')) return { Tags: [] };
      return input.NextToken ? { Tags: [{ Key: 'Owner', Value: 'payments' }] } : { Tags: [{ Key: 'DataClassification', Value: 'critical' }], NextToken: 't2' };
    });
    const assets = await listDynamoDbAssets(new DynamoDBClient({ region: REGION }), scope);
    expect(tableTokens).toEqual([undefined, 'orders']);
    expect(tagTokens.sort()).toEqual([undefined, undefined, 't2'].sort());
    expect(assets).toEqual([
      {
        arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`,
        resourceType: 'DynamoDB',
        name: 'orders',
        tags: { DataClassification: 'critical', Owner: 'payments' },
        sizeBytes: 123456,
        createdAt: '2025-05-05T00:00:00.000Z',
        attributes: { pointInTimeRecovery: 'ENABLED', encrypted: true, status: 'ACTIVE' },
      },
      expect.objectContaining({ name: 'sessions', tags: {}, attributes: expect.objectContaining({ pointInTimeRecovery: 'DISABLED' }) }),
    ]);
  });

  it('keeps the table when one of its calls is throttled, and records it', async () => {
    mocks.dynamodb.on(ListTablesCommand).resolves({ TableNames: ['orders'] });
    mocks.dynamodb.on(DescribeTableCommand).resolves({ Table: { TableName: 'orders', TableArn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders` } });
    mocks.dynamodb.on(DescribeContinuousBackupsCommand).rejects(awsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.'));
    mocks.dynamodb.on(ListTagsOfResourceCommand).resolves({ Tags: [] });
    const assets = await listDynamoDbAssets(new DynamoDBClient({ region: REGION }), scope);
    expect(assets?.[0]?.attributes?.pointInTimeRecovery).toBeUndefined();
    expect(scope.errors.list()).toEqual([expect.objectContaining({ operation: 'DescribeContinuousBackups', code: 'ThrottlingException', resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders` })]);
  });
});

describe('RDS', () => {
  it('pages by Marker, folds cluster members into the cluster and types Aurora', async () => {
    const markers: Array<string | undefined> = [];
    mocks.rds.on(DescribeDBInstancesCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return input.Marker
        ? { DBInstances: [{ DBInstanceIdentifier: 'ledger-1', DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:ledger-1`, DBClusterIdentifier: 'ledger', Engine: 'aurora-postgresql' }] }
        : {
            DBInstances: [
              {
                DBInstanceIdentifier: 'payments-db',
                DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:payments-db`,
                Engine: 'postgres',
                DBInstanceStatus: 'available',
                AllocatedStorage: 100,
                StorageEncrypted: true,
                BackupRetentionPeriod: 7,
                MultiAZ: true,
                InstanceCreateTime: new Date('2024-02-02T00:00:00Z'),
                TagList: [{ Key: 'Environment', Value: 'prod' }],
              },
            ],
            Marker: 'm2',
          };
    });
    mocks.rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          DBClusterIdentifier: 'ledger',
          DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:ledger`,
          Engine: 'aurora-postgresql',
          Status: 'available',
          AllocatedStorage: 1,
          StorageEncrypted: true,
          BackupRetentionPeriod: 14,
          MultiAZ: true,
          DBClusterMembers: [{ DBInstanceIdentifier: 'ledger-1', IsClusterWriter: true }],
          TagList: [{ Key: 'DataClassification', Value: 'critical' }],
        },
      ],
    });
    const assets = await listRdsAssets(new RDSClient({ region: REGION }), scope);
    expect(markers).toEqual([undefined, 'm2']);
    expect(assets?.map((a) => [a.name, a.resourceType, a.sizeBytes])).toEqual([
      ['ledger', 'Aurora', undefined],
      ['payments-db', 'RDS', 100 * GIB],
    ]);
    expect(assets?.[0]?.attributes).toEqual({ engine: 'aurora-postgresql', encrypted: true, backupRetentionPeriod: 14, multiAZ: true, status: 'available', members: ['ledger-1'] });
    expect(assets?.[1]?.attributes).toEqual({ engine: 'postgres', encrypted: true, backupRetentionPeriod: 7, multiAZ: true, status: 'available' });
    expect([clusterResourceType('neptune'), clusterResourceType('docdb'), clusterResourceType('mysql')]).toEqual(['Neptune', 'DocumentDB', 'RDS']);
  });
});

describe('EFS, EBS and FSx', () => {
  it('pages EFS by Marker → NextMarker and reads the backup policy (PolicyNotFound = DISABLED)', async () => {
    const markers: Array<string | undefined> = [];
    const fs = (id: string) => ({
      OwnerId: ACCOUNT,
      CreationToken: id,
      FileSystemId: id,
      FileSystemArn: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${id}`,
      CreationTime: new Date('2025-01-01T00:00:00Z'),
      LifeCycleState: 'available' as const,
      NumberOfMountTargets: 1,
      SizeInBytes: { Value: 6144, ValueInIA: 0, ValueInStandard: 6144 },
      PerformanceMode: 'generalPurpose' as const,
      Encrypted: true,
      Tags: [{ Key: 'Name', Value: `share-${id}` }],
      Name: `share-${id}`,
    });
    mocks.efs.on(DescribeFileSystemsCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return input.Marker ? { FileSystems: [fs('fs-2')] } : { FileSystems: [fs('fs-1')], NextMarker: 'n2' };
    });
    mocks.efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-1' }).resolves({ BackupPolicy: { Status: 'ENABLED' } });
    mocks.efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-2' }).rejects(awsError('PolicyNotFound', 'None', 404));
    const assets = await listEfsAssets(new EFSClient({ region: REGION }), scope);
    expect(markers).toEqual([undefined, 'n2']);
    expect(assets?.map((a) => [a.name, a.sizeBytes, a.attributes?.efsAutomaticBackups, a.tags.Name])).toEqual([
      ['share-fs-1', 6144, 'ENABLED', 'share-fs-1'],
      ['share-fs-2', 6144, 'DISABLED', 'share-fs-2'],
    ]);
    expect(scope.errors.list()).toEqual([]);
  });

  it('pages EBS by NextToken with size, encryption and attachment', async () => {
    const tokens: Array<string | undefined> = [];
    mocks.ec2.on(DescribeVolumesCommand).callsFake((input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return input.NextToken
        ? { Volumes: [{ VolumeId: 'vol-2', Size: 8, Encrypted: false, State: 'available', Attachments: [] }] }
        : {
            Volumes: [
              {
                VolumeId: 'vol-1',
                Size: 50,
                Encrypted: true,
                State: 'in-use',
                VolumeType: 'gp3',
                CreateTime: new Date('2025-06-06T00:00:00Z'),
                Tags: [{ Key: 'Name', Value: 'batch-scratch' }],
                Attachments: [{ InstanceId: 'i-0abc', State: 'attached', Device: '/dev/sdf', VolumeId: 'vol-1' }],
              },
            ],
            NextToken: 'v2',
          };
    });
    const assets = await listEbsAssets(new EC2Client({ region: REGION }), scope);
    expect(tokens).toEqual([undefined, 'v2']);
    expect(assets).toEqual([
      {
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-1`,
        resourceType: 'EBS',
        name: 'batch-scratch',
        tags: { Name: 'batch-scratch' },
        sizeBytes: 50 * GIB,
        createdAt: '2025-06-06T00:00:00.000Z',
        attributes: { encrypted: true, attachedInstanceId: 'i-0abc', status: 'in-use', volumeType: 'gp3' },
      },
      { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/vol-2`, resourceType: 'EBS', name: 'vol-2', tags: {}, sizeBytes: 8 * GIB, attributes: { encrypted: false, status: 'available' } },
    ]);
  });

  it('pages FSx by NextToken', async () => {
    mocks.fsx.on(DescribeFsxCommand).callsFake((input: { NextToken?: string }) =>
      input.NextToken
        ? { FileSystems: [{ FileSystemId: 'fs-0b', ResourceARN: `arn:aws:fsx:${REGION}:${ACCOUNT}:file-system/fs-0b`, FileSystemType: 'ONTAP', StorageCapacity: 1024, Lifecycle: 'AVAILABLE' }] }
        : {
            FileSystems: [{ FileSystemId: 'fs-0a', ResourceARN: `arn:aws:fsx:${REGION}:${ACCOUNT}:file-system/fs-0a`, FileSystemType: 'WINDOWS', StorageCapacity: 32, Tags: [{ Key: 'Name', Value: 'home' }] }],
            NextToken: 'x2',
          },
    );
    const assets = await listFsxAssets(new FSxClient({ region: REGION }), scope);
    expect(assets?.map((a) => [a.name, a.resourceType, a.sizeBytes, a.attributes?.fileSystemType])).toEqual([
      ['home', 'FSx', 32 * GIB, 'WINDOWS'],
      ['fs-0b', 'FSx', 1024 * GIB, 'ONTAP'],
    ]);
  });

  it('returns undefined and one error when a whole service is refused', async () => {
    mocks.ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    expect(await listEbsAssets(new EC2Client({ region: REGION }), scope)).toBeUndefined();
    expect(scope.errors.list()).toEqual([expect.objectContaining({ service: 'ec2', operation: 'DescribeVolumes', code: 'UnauthorizedOperation' })]);
  });
});
