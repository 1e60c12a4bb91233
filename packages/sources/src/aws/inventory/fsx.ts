/** FSx: DescribeFileSystems (tags inline); capacity GiB → bytes. FSx always encrypts at rest. */
import { paginateDescribeFileSystems, type FileSystem, type FSxClient } from '@aws-sdk/client-fsx';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, GIB, isoOf, tagMap } from '../shapes.js';

export async function listFsxAssets(client: FSxClient, scope: RegionScope): Promise<Asset[] | undefined> {
  const fileSystems = await scope.errors.attempt({ service: 'fsx', operation: 'DescribeFileSystems' }, () =>
    allPages(paginateDescribeFileSystems({ client }, { MaxResults: 100 }), (p) => p.FileSystems),
  );
  return fileSystems?.flatMap((fs) => (fs.FileSystemId ? [fileSystemAsset(fs, scope)] : []));
}

function fileSystemAsset(fs: FileSystem, scope: RegionScope): Asset {
  const id = fs.FileSystemId ?? '';
  const tags = tagMap(fs.Tags);
  return compact({
    arn: fs.ResourceARN ?? `arn:${scope.partition}:fsx:${scope.region}:${scope.accountId}:file-system/${id}`,
    resourceType: 'FSx',
    name: tags.Name ?? id,
    tags,
    sizeBytes: fs.StorageCapacity === undefined ? undefined : fs.StorageCapacity * GIB,
    createdAt: isoOf(fs.CreationTime),
    attributes: compact({
      encrypted: true,
      fileSystemType: fs.FileSystemType,
      status: fs.Lifecycle,
    }),
  });
}
