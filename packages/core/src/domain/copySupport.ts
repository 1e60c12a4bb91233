/**
 * Copies AWS Backup cannot make. A rule's CopyActions promise a copy for every resource the plan selects, but AWS
 * makes it only for resource types (and Regions) that support cross-Region or cross-account copy; a promise AWS
 * will not keep must not be credited as segregation.
 *
 * Source: AWS Backup Developer Guide, "Feature availability" (backup-feature-availability.html):
 * - by resource: DynamoDB has no cross-Region or cross-account copy; "DynamoDB with AWS Backup advanced features"
 *   has both. Footnote 3: "RDS multi availability zone (Multi-AZ) database instances can be copied, but Multi-AZ
 *   clusters do not currently support any copy operations."
 * - by Region, "Considerations for opt-in Regions": cross-account and cross-Region copy are not supported for
 *   DocumentDB in Regions where opt-in is required; cross-Region copy of FSx (Lustre, Windows File Server, ONTAP,
 *   OpenZFS) is not supported in Regions where opt-in is required; cross-account copy is not supported for
 *   CloudFormation, Neptune and Timestream in Regions where opt-in is required. China (Beijing, Ningxia) and
 *   AWS GovCloud (US-East, US-West) copy across Regions only to their twin Region; China supports no
 *   cross-account copy.
 * The advanced-features setting is the Region's `ResourceTypeManagementPreference.DynamoDB` (DescribeRegionSettings).
 */
import type { Asset, RegionObservation } from '../estate/schema.js';

/** Regions whose "Opt-in" column reads "Required" on the Feature availability by AWS Region table. */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1', // Africa (Cape Town)
  'ap-east-1', // Asia Pacific (Hong Kong)
  'ap-south-2', // Asia Pacific (Hyderabad)
  'ap-southeast-3', // Asia Pacific (Jakarta)
  'ap-southeast-5', // Asia Pacific (Malaysia)
  'ap-southeast-4', // Asia Pacific (Melbourne)
  'ap-southeast-6', // Asia Pacific (New Zealand)
  'ap-east-2', // Asia Pacific (Taipei)
  'ap-southeast-7', // Asia Pacific (Thailand)
  'ca-west-1', // Canada West (Calgary)
  'eu-south-1', // Europe (Milan)
  'eu-south-2', // Europe (Spain)
  'eu-central-2', // Europe (Zurich)
  'il-central-1', // Israel (Tel Aviv)
  'mx-central-1', // Mexico (Central)
  'me-south-1', // Middle East (Bahrain)
  'me-central-1', // Middle East (UAE)
]);

/** Regions that copy only to their twin (footnotes 2 and 4 of the Region table). */
const TWIN_REGIONS: Readonly<Record<string, string>> = {
  'cn-north-1': 'cn-northwest-1',
  'cn-northwest-1': 'cn-north-1',
  'us-gov-east-1': 'us-gov-west-1',
  'us-gov-west-1': 'us-gov-east-1',
};

/** What decides copy support for one asset, beyond its resource type. */
export interface CopySubject {
  resourceType: string;
  arn: string;
  region: string;
  /** `ResourceTypeManagementPreference.DynamoDB` of the asset's Region; undefined when not observed. */
  dynamodbAdvanced?: boolean;
}

/** The one-line fix for DynamoDB tables without advanced backup (the Region setting, per account and Region). */
export function enableAdvancedDynamoDb(region: string): string {
  return `aws backup update-region-settings --region ${region} --resource-type-management-preference DynamoDB=true`;
}

/** Builds the subject for an asset in its Region observation. */
export function copySubject(asset: Pick<Asset, 'resourceType' | 'arn'>, obs: RegionObservation): CopySubject {
  const advanced = obs.regionSettings?.ResourceTypeManagementPreference?.['DynamoDB'];
  return advanced === undefined
    ? { resourceType: asset.resourceType, arn: asset.arn, region: obs.region }
    : { resourceType: asset.resourceType, arn: asset.arn, region: obs.region, dynamodbAdvanced: advanced };
}

/** RDS Multi-AZ DB clusters: resource type RDS with a `cluster:` ARN (Aurora clusters are typed `Aurora`). */
function isMultiAzCluster(subject: CopySubject): boolean {
  return subject.resourceType === 'RDS' && /^arn:[^:]+:rds:[^:]*:[^:]*:cluster:/.test(subject.arn);
}

/**
 * Why AWS will not make a copy of this asset's backups to `destRegion`/another account, or undefined when it will.
 * `crossRegion`/`crossAccount` say which kind of copy the CopyAction is (a copy can be both).
 */
export function copyBlocked(subject: CopySubject, destRegion: string, crossRegion: boolean, crossAccount: boolean): string | undefined {
  const type = subject.resourceType;
  if (type === 'DynamoDB' && subject.dynamodbAdvanced === false) {
    return 'DynamoDB without AWS Backup advanced features: AWS Backup makes no cross-Region or cross-account copies';
  }
  if (isMultiAzCluster(subject)) return 'RDS Multi-AZ DB clusters do not support any copy operations';
  const optInRegion = OPT_IN_REGIONS.has(subject.region);
  if (crossRegion) {
    const twin = TWIN_REGIONS[subject.region];
    if (twin !== undefined && destRegion !== twin) return `${subject.region} copies across Regions only to ${twin}`;
    if (TWIN_REGIONS[destRegion] !== undefined && TWIN_REGIONS[destRegion] !== subject.region) return `no Region outside its pair copies into ${destRegion}`;
    if (optInRegion && type === 'DocumentDB') return `cross-Region copy of DocumentDB is not supported in opt-in Region ${subject.region}`;
    if (optInRegion && type === 'FSx') return `cross-Region copy of FSx is not supported in opt-in Region ${subject.region}`;
  }
  if (crossAccount) {
    if (subject.region.startsWith('cn-')) return `cross-account copy is not supported in ${subject.region}`;
    if (optInRegion && (type === 'DocumentDB' || type === 'Neptune' || type === 'CloudFormation' || type === 'Timestream')) {
      return `cross-account copy of ${type} is not supported in opt-in Region ${subject.region}`;
    }
  }
  return undefined;
}

/** Why copy support cannot be decided (the setting it depends on was not observed), or undefined. */
export function copySupportUnknown(subject: CopySubject): string | undefined {
  return subject.resourceType === 'DynamoDB' && subject.dynamodbAdvanced === undefined
    ? 'DynamoDB copies depend on advanced backup features (ResourceTypeManagementPreference), which were not observed'
    : undefined;
}

/** Whether no copy limit can apply to this subject (the common case: evaluation skips the per-copy work). */
export function copiesUnrestricted(subject: CopySubject): boolean {
  if (subject.resourceType === 'DynamoDB') return subject.dynamodbAdvanced === true;
  if (isMultiAzCluster(subject)) return false;
  if (TWIN_REGIONS[subject.region] !== undefined || subject.region.startsWith('cn-')) return false;
  if (!OPT_IN_REGIONS.has(subject.region)) return true;
  return !['DocumentDB', 'FSx', 'Neptune', 'CloudFormation', 'Timestream'].includes(subject.resourceType);
}
