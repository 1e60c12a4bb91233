/**
 * EC2 instances (DescribeInstances, tags inline): AWS Backup backs an instance up as an AMI whose snapshots cover
 * every attached EBS volume, so the instance is an asset of its own and names the volumes it carries.
 */
import { paginateDescribeInstances, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import type { Asset } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, isoOf, tagMap } from '../shapes.js';

/** Instances that are gone or going hold no data to back up. */
const GONE = new Set(['terminated', 'shutting-down']);

export async function listEc2Assets(client: EC2Client, scope: RegionScope): Promise<Asset[] | undefined> {
  const reservations = await scope.errors.attempt({ service: 'ec2', operation: 'DescribeInstances' }, () =>
    allPages(paginateDescribeInstances({ client }, { MaxResults: 1000 }), (p) => p.Reservations),
  );
  return reservations?.flatMap((r) => (r.Instances ?? []).flatMap((i) => (i.InstanceId && !GONE.has(i.State?.Name ?? '') ? [instanceAsset(i, scope)] : [])));
}

function instanceAsset(instance: Instance, scope: RegionScope): Asset {
  const id = instance.InstanceId ?? '';
  const tags = tagMap(instance.Tags);
  const volumes = (instance.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : []));
  return compact({
    arn: `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:instance/${id}`,
    resourceType: 'EC2',
    name: tags.Name ?? id,
    tags,
    createdAt: isoOf(instance.LaunchTime),
    attributes: compact({
      attachedVolumeIds: volumes.length ? volumes : undefined,
      status: instance.State?.Name,
      instanceType: instance.InstanceType,
    }),
  });
}
