/** EBS: DescribeVolumes (tags inline), size GiB → bytes, encryption, the instance a volume is attached to. */
import { paginateDescribeVolumes, type EC2Client, type Volume } from '@aws-sdk/client-ec2';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, GIB, isoOf, tagMap } from '../shapes.js';

export async function listEbsAssets(client: EC2Client, scope: RegionScope): Promise<Asset[] | undefined> {
  const volumes = await scope.errors.attempt({ service: 'ec2', operation: 'DescribeVolumes' }, () =>
    allPages(paginateDescribeVolumes({ client }, { MaxResults: 500 }), (p) => p.Volumes),
  );
  return volumes?.flatMap((v) => (v.VolumeId ? [volumeAsset(v, scope)] : []));
}

function volumeAsset(volume: Volume, scope: RegionScope): Asset {
  const id = volume.VolumeId ?? '';
  const tags = tagMap(volume.Tags);
  const attachment = volume.Attachments?.find((a) => a.InstanceId && a.State !== 'detached');
  return compact({
    arn: `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:volume/${id}`,
    resourceType: 'EBS',
    name: tags.Name ?? id,
    tags,
    sizeBytes: volume.Size === undefined ? undefined : volume.Size * GIB,
    createdAt: isoOf(volume.CreateTime),
    attributes: compact({
      encrypted: volume.Encrypted,
      attachedInstanceId: attachment?.InstanceId,
      status: volume.State,
      volumeType: volume.VolumeType,
    }),
  });
}
