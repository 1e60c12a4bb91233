/**
 * The asset catalogue's vocabulary: how one data store is described (`AssetDef`), the story its backup history
 * tells, and the builder that turns a description into an estate asset with AWS-format ARN, ids, tags and
 * service attributes.
 */
import type { Asset, AssetAttributes } from '@vaultscope/core';
import { dynamoArn, ebsArn, ec2Arn, efsArn, fsxArn, rdsArn, auroraArn, s3Arn, type ResourceKind } from './arns.js';
import type { FailureKind } from './jobMessages.js';
import type { DemoAccount, DemoRegion } from './organization.js';
import type { Rng } from './random.js';
import { DAY, HOUR, iso } from './time.js';

export type Tags = Record<string, string>;

/** What the backup history of an asset looks like. */
export type Story =
  | { kind: 'healthy' }
  /** Every job since `daysAgo` fails the same way (before that, healthy). */
  | { kind: 'failing-since'; daysAgo: number; failure: FailureKind }
  /** Every job since the asset was created fails: it never had a recovery point. */
  | { kind: 'never-succeeded'; failure: FailureKind }
  /** Created after the last scheduled run: selected, no job yet. */
  | { kind: 'no-jobs-yet' }
  /** Healthy, except single jobs `daysAgo` days ago. */
  | { kind: 'incidents'; incidents: readonly { daysAgo: number; failure: FailureKind }[] }
  /** Healthy backups, but copies into another account's vault from runs between these days ago were refused. */
  | { kind: 'copy-denied'; fromDaysAgo: number; toDaysAgo: number };

/** What the restore tests of an asset show within the evaluation window. */
export type RestoreStory = 'validation-failed' | 'timed-out' | 'restore-failed' | 'slow' | 'aborted' | 'hostile-validation';

/** One data store in the catalogue. Tags are merged over the account's base tags unless `tagsUnreadable`. */
export interface AssetDef {
  type: ResourceKind;
  name: string;
  tags?: Tags;
  attrs?: Partial<AssetAttributes> & Record<string, unknown>;
  /** EBS: the host the volume is attached to (volumes of one host share an instance id); EC2: the instance itself. */
  host?: string;
  /** GetBucketTagging was denied: the asset is known, its tags are not. */
  tagsUnreadable?: boolean;
  /** Created by hand outside the account's tagging policy: none of the base tags, only its own. */
  untagged?: boolean;
  story?: Story;
  restore?: RestoreStory;
  ageDays?: number;
  ageHours?: number;
  sizeGb?: number;
}

/** An estate asset plus where it lives and the stories its history must tell. */
export interface DemoAsset {
  asset: Asset;
  account: DemoAccount;
  region: DemoRegion;
  story: Story;
  restore?: RestoreStory;
  createdAtMs: number;
}

export const critical = (extra: Tags = {}): Tags => ({ DataClassification: 'critical', ...extra });
export const important = (extra: Tags = {}): Tags => ({ DataClassification: 'important', ...extra });
export const standard = (extra: Tags = {}): Tags => ({ DataClassification: 'standard', ...extra });
/** Standard data an owner wants backed up daily (selected by tag `backup=daily`). */
export const dailyRequired = (extra: Tags = {}): Tags => ({ BackupRequired: 'true', backup: 'daily', ...extra });

/**
 * A stateless host's volume: rebuilt from its AMI or image, so reproducible, and its owner waived the backup (a
 * Reproducible tag alone never waives one).
 */
export const stateless = { Reproducible: 'true', BackupRequired: 'false' } as const;

/** A host's root volume (rebuilt from its AMI, so reproducible) and its data volume. */
export function hostVolumes(host: string, dataTags: Tags, dataName = `${host}-data`, extra: Partial<AssetDef> = {}): AssetDef[] {
  return [
    { type: 'EBS', name: `${host}-root`, host, tags: stateless, sizeGb: 50 },
    { type: 'EBS', name: dataName, host, tags: { Reproducible: 'false', ...dataTags }, ...extra },
  ];
}

/** Tables from a list of names, all with the same tags. */
export function tables(names: readonly string[], tags: Tags): AssetDef[] {
  return names.map((name) => ({ type: 'DynamoDB', name, tags }));
}

const DEFAULT_SIZE_GB: Record<ResourceKind, readonly [number, number]> = {
  S3: [40, 9000],
  RDS: [200, 4000],
  Aurora: [300, 12000],
  DynamoDB: [1, 900],
  EFS: [20, 2500],
  EBS: [100, 2000],
  EC2: [0, 0],
  FSx: [1024, 16384],
};

function defaultAttributes(def: AssetDef, account: DemoAccount, rng: Rng, instanceId: string | undefined): AssetAttributes {
  const prod = account.role === 'prod';
  switch (def.type) {
    case 'S3':
      return { versioning: 'Enabled', encrypted: true };
    case 'DynamoDB':
      return { pointInTimeRecovery: 'ENABLED', encrypted: true, status: 'ACTIVE' };
    case 'RDS':
      return { engine: rng.pick(['postgres', 'postgres', 'oracle-ee', 'sqlserver-se', 'mysql']), backupRetentionPeriod: prod ? 14 : 7, multiAZ: prod, encrypted: true, status: 'available' };
    case 'Aurora':
      return { engine: rng.pick(['aurora-postgresql', 'aurora-postgresql', 'aurora-mysql']), backupRetentionPeriod: prod ? 14 : 3, multiAZ: prod, encrypted: true, status: 'available' };
    case 'EFS':
      return { efsAutomaticBackups: 'DISABLED', encrypted: true, status: 'available' };
    case 'EBS':
      return { ...(instanceId ? { attachedInstanceId: instanceId } : {}), encrypted: true, status: instanceId ? 'in-use' : 'available', volumeType: rng.pick(['gp3', 'gp3', 'io2']) };
    case 'FSx':
      return { fileSystemType: 'WINDOWS', encrypted: true, status: 'AVAILABLE' };
    case 'EC2':
      return { status: 'running', instanceType: rng.pick(['m6i.large', 'r6i.xlarge']) };
  }
}

/** Assigns stable-looking ids per builder run (EBS volumes of one host share an instance id). */
export class AssetBuilder {
  private readonly instances = new Map<string, string>();

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
  ) {}

  /** Builds one estate asset in `account`/`region` from its description. */
  build(def: AssetDef, account: DemoAccount, region: DemoRegion, baseTags: Tags): DemoAsset {
    const rng = this.rng;
    let instanceId: string | undefined;
    if (def.host) {
      const key = `${account.id}|${region}|${def.host}`;
      instanceId = this.instances.get(key) ?? `i-0${rng.hex(16)}`;
      this.instances.set(key, instanceId);
    }
    const id = def.type === 'EC2' ? (instanceId ?? `i-0${rng.hex(16)}`) : this.resourceId(def.type);
    const arn = this.arnFor(def, account.id, region, id);
    const named = def.type === 'EBS' || def.type === 'EC2' || def.type === 'EFS' || def.type === 'FSx';
    const tags: Tags = def.tagsUnreadable ? {} : { ...(def.untagged ? {} : baseTags), ...(named ? { Name: def.name } : {}), ...def.tags };
    const [minGb, maxGb] = DEFAULT_SIZE_GB[def.type];
    const sizeGb = def.sizeGb ?? rng.int(minGb, maxGb);
    const ageMs = def.ageHours !== undefined ? def.ageHours * HOUR : (def.ageDays ?? rng.int(120, Math.max(130, account.joinedDaysAgo - 10))) * DAY;
    const createdAtMs = this.now - ageMs;
    const attributes: Record<string, unknown> = { ...defaultAttributes(def, account, rng, instanceId), ...def.attrs };
    for (const key of Object.keys(attributes)) if (attributes[key] === undefined) delete attributes[key];
    const asset: Asset = {
      arn,
      resourceType: def.type,
      name: def.name,
      tags,
      // An instance has no size of its own: its data is on its volumes.
      ...(def.type === 'EC2' ? {} : { sizeBytes: sizeGb * 1_073_741_824 }),
      createdAt: iso(createdAtMs),
      attributes: attributes as AssetAttributes,
    };
    return {
      asset,
      account,
      region,
      story: def.story ?? { kind: 'healthy' },
      ...(def.restore ? { restore: def.restore } : {}),
      createdAtMs,
    };
  }

  private resourceId(type: ResourceKind): string {
    if (type === 'EFS') return `fs-${this.rng.hex(8)}`;
    if (type === 'EBS') return `vol-0${this.rng.hex(16)}`;
    if (type === 'FSx') return `fs-0${this.rng.hex(16)}`;
    return '';
  }

  private arnFor(def: AssetDef, account: string, region: string, id: string): string {
    switch (def.type) {
      case 'S3':
        return s3Arn(def.name);
      case 'RDS':
        return rdsArn(region, account, def.name);
      case 'Aurora':
        return auroraArn(region, account, def.name);
      case 'DynamoDB':
        return dynamoArn(region, account, def.name);
      case 'EFS':
        return efsArn(region, account, id);
      case 'EBS':
        return ebsArn(region, account, id);
      case 'FSx':
        return fsxArn(region, account, id);
      case 'EC2':
        return ec2Arn(region, account, id);
    }
  }
}
