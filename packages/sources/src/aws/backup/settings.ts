/** Region settings (resource-type opt-in) and Backup Audit Manager frameworks. */
import { DescribeFrameworkCommand, DescribeRegionSettingsCommand, paginateListFrameworks, type BackupClient } from '@aws-sdk/client-backup';
import type { RegionObservation } from '@vaultscope/core';
import type { RegionScope } from '../scope.js';
import { allPages, compact, toPlain } from '../shapes.js';

const SERVICE = 'backup';

export async function describeRegionSettings(client: BackupClient, scope: RegionScope): Promise<RegionObservation['regionSettings']> {
  const out = await scope.errors.attempt({ service: SERVICE, operation: 'DescribeRegionSettings' }, () =>
    client.send(new DescribeRegionSettingsCommand({})),
  );
  if (!out) return undefined;
  return compact({
    ResourceTypeOptInPreference: out.ResourceTypeOptInPreference,
    ResourceTypeManagementPreference: out.ResourceTypeManagementPreference,
  });
}

/** Every framework with its controls (DescribeFramework); the list entry when Describe fails. */
export async function listFrameworks(client: BackupClient, scope: RegionScope): Promise<RegionObservation['frameworks']> {
  const listed = await scope.errors.attempt({ service: SERVICE, operation: 'ListFrameworks' }, () =>
    allPages(paginateListFrameworks({ client }, { MaxResults: 1000 }), (p) => p.Frameworks),
  );
  if (!listed) return undefined;
  const frameworks = await Promise.all(
    listed.map(async (member) => {
      const name = member.FrameworkName;
      if (!name) return undefined;
      const described = await scope.errors.attempt(
        { service: SERVICE, operation: 'DescribeFramework', resource: member.FrameworkArn ?? name },
        () => client.send(new DescribeFrameworkCommand({ FrameworkName: name })),
      );
      return { ...toPlain(described ?? member), FrameworkName: name };
    }),
  );
  return frameworks.filter((f) => f !== undefined);
}
