/** EFS: DescribeFileSystems (Marker → NextMarker, tags inline) and each file system's automatic-backup policy. */
import { DescribeBackupPolicyCommand, paginateDescribeFileSystems, type EFSClient, type FileSystemDescription } from '@aws-sdk/client-efs';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, isoOf, tagMap } from '../shapes.js';

const SERVICE = 'efs';

export async function listEfsAssets(client: EFSClient, scope: RegionScope): Promise<Asset[] | undefined> {
  const fileSystems = await scope.errors.attempt({ service: SERVICE, operation: 'DescribeFileSystems' }, () =>
    allPages(paginateDescribeFileSystems({ client }, { MaxItems: 100 }), (p) => p.FileSystems),
  );
  if (!fileSystems) return undefined;
  return Promise.all(fileSystems.map((fs) => fileSystemAsset(client, fs, scope)));
}

async function fileSystemAsset(client: EFSClient, fs: FileSystemDescription, scope: RegionScope): Promise<Asset> {
  const id = fs.FileSystemId ?? '';
  const arn = fs.FileSystemArn ?? `arn:${scope.partition}:elasticfilesystem:${scope.region}:${scope.accountId}:file-system/${id}`;
  const policy = await scope.errors.attempt(
    { service: SERVICE, operation: 'DescribeBackupPolicy', resource: arn },
    async () => (await client.send(new DescribeBackupPolicyCommand({ FileSystemId: id }))).BackupPolicy?.Status,
    // No backup policy was ever set: automatic backups are off.
    { PolicyNotFound: () => 'DISABLED' as const },
  );
  return compact({
    arn,
    resourceType: 'EFS',
    name: fs.Name ?? id,
    tags: tagMap(fs.Tags),
    sizeBytes: fs.SizeInBytes?.Value,
    createdAt: isoOf(fs.CreationTime),
    attributes: compact({
      encrypted: fs.Encrypted,
      efsAutomaticBackups: policy,
      status: fs.LifeCycleState,
    }),
  });
}
