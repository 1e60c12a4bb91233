/**
 * RDS: DB instances and DB clusters. A cluster is the backup unit, so cluster members are folded into their
 * cluster (listed in `attributes.members`); Aurora clusters get the AWS Backup resource type `Aurora`.
 */
import { paginateDescribeDBClusters, paginateDescribeDBInstances, type DBCluster, type DBInstance, type RDSClient } from '@aws-sdk/client-rds';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, GIB, isoOf, tagMap } from '../shapes.js';

const SERVICE = 'rds';

/** AWS Backup's resource type for an RDS-family cluster engine. */
export function clusterResourceType(engine: string | undefined): string {
  if (engine?.startsWith('aurora')) return 'Aurora';
  if (engine === 'neptune') return 'Neptune';
  if (engine === 'docdb') return 'DocumentDB';
  return 'RDS'; // Multi-AZ DB clusters (mysql, postgres)
}

/** Instances and clusters as assets; `undefined` when neither could be listed. */
export async function listRdsAssets(client: RDSClient, scope: RegionScope): Promise<Asset[] | undefined> {
  const [instances, clusters] = await Promise.all([
    scope.errors.attempt({ service: SERVICE, operation: 'DescribeDBInstances' }, () =>
      allPages(paginateDescribeDBInstances({ client }, { MaxRecords: 100 }), (p) => p.DBInstances),
    ),
    scope.errors.attempt({ service: SERVICE, operation: 'DescribeDBClusters' }, () =>
      allPages(paginateDescribeDBClusters({ client }, { MaxRecords: 100 }), (p) => p.DBClusters),
    ),
  ]);
  if (!instances && !clusters) return undefined;
  const assets: Asset[] = [];
  for (const cluster of clusters ?? []) {
    if (cluster.DBClusterArn) assets.push(clusterAsset(cluster));
  }
  for (const instance of instances ?? []) {
    // Members of a cluster are backed up through the cluster.
    if (instance.DBClusterIdentifier) continue;
    if (instance.DBInstanceArn) assets.push(instanceAsset(instance));
  }
  return assets;
}

function clusterAsset(cluster: DBCluster): Asset {
  const resourceType = clusterResourceType(cluster.Engine);
  return compact({
    arn: cluster.DBClusterArn ?? '',
    resourceType,
    name: cluster.DBClusterIdentifier ?? cluster.DBClusterArn ?? '',
    tags: tagMap(cluster.TagList),
    // Aurora reports AllocatedStorage as a constant 1; it is not a size.
    sizeBytes: resourceType === 'Aurora' || cluster.AllocatedStorage === undefined ? undefined : cluster.AllocatedStorage * GIB,
    createdAt: isoOf(cluster.ClusterCreateTime),
    attributes: compact({
      engine: cluster.Engine,
      encrypted: cluster.StorageEncrypted,
      backupRetentionPeriod: cluster.BackupRetentionPeriod,
      multiAZ: cluster.MultiAZ,
      status: cluster.Status,
      members: cluster.DBClusterMembers?.flatMap((m) => (m.DBInstanceIdentifier ? [m.DBInstanceIdentifier] : [])),
    }),
  });
}

function instanceAsset(instance: DBInstance): Asset {
  return compact({
    arn: instance.DBInstanceArn ?? '',
    resourceType: 'RDS',
    name: instance.DBInstanceIdentifier ?? instance.DBInstanceArn ?? '',
    tags: tagMap(instance.TagList),
    sizeBytes: instance.AllocatedStorage === undefined ? undefined : instance.AllocatedStorage * GIB,
    createdAt: isoOf(instance.InstanceCreateTime),
    attributes: compact({
      engine: instance.Engine,
      encrypted: instance.StorageEncrypted,
      backupRetentionPeriod: instance.BackupRetentionPeriod,
      multiAZ: instance.MultiAZ,
      status: instance.DBInstanceStatus,
      readReplicaSource: instance.ReadReplicaSourceDBInstanceIdentifier ?? instance.ReadReplicaSourceDBClusterIdentifier,
    }),
  });
}
