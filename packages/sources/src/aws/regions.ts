/** The Regions enabled in an account (EC2 DescribeRegions without AllRegions lists only those). */
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';

export async function describeEnabledRegions(client: EC2Client): Promise<string[]> {
  const out = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (out.Regions ?? [])
    .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName as string)
    .sort();
}

/** Where Organizations (a global service) is served for a partition. */
export function organizationsRegion(partition: string): string {
  if (partition === 'aws-cn') return 'cn-northwest-1';
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  return 'us-east-1';
}
