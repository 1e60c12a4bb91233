/**
 * A synthetic AWS Organization of any size for the scale benchmark, too large for moto (thousands of accounts): a
 * management account and members in three OUs, each account × Region holding the same small estate (an S3 bucket,
 * a DynamoDB table, an RDS instance, an EFS file system, an EC2 instance with its EBS volume; one backup plan
 * selecting by tag, one vault) and 30 days of job history. Everything is derived from the account's index, the
 * Region and the day, so every run of a given size sees the same organization; only job times follow `now`.
 *
 * The wire format lives in syntheticAwsServer.ts; this file says what exists.
 */
import { createHash } from 'node:crypto';

export interface SyntheticOrgOptions {
  /** Accounts including the management account (≥ 1). */
  accounts: number;
  /** The Regions every account uses. */
  regions: readonly string[];
  /** The clock the job history ends at (default: now, to the hour). */
  now?: Date;
  /** Days of daily backup jobs before `now` (default 30: AWS Backup lists the last 30 days). */
  jobDays?: number;
}

export interface OrgAccount {
  index: number;
  id: string;
  name: string;
  email: string;
  /** OU id, or the root's id for the management account. */
  parentId: string;
  tags: Array<{ Key: string; Value: string }>;
}

export interface OrgUnit {
  id: string;
  name: string;
}

/** What one account holds in one Region (identifiers; the server renders each service's shape). */
export interface RegionEstate {
  accountId: string;
  region: string;
  bucket: string;
  table: string;
  tableArn: string;
  dbInstance: string;
  dbInstanceArn: string;
  fileSystemId: string;
  fileSystemArn: string;
  instanceId: string;
  volumeId: string;
  planId: string;
  planArn: string;
  ruleId: string;
  selectionId: string;
  vaultName: string;
  vaultArn: string;
  createdAt: Date;
}

/** A day's job of one account × Region: the daily backup of the table (and a weekly copy, a monthly restore). */
export interface JobSlot {
  account: OrgAccount;
  region: string;
  /** Days before `now`'s day (1 = yesterday). */
  daysAgo: number;
}

export const ORG_ID = 'o-scalebench1';
export const ROOT_ID = 'r-sc01';
const MANAGEMENT_BASE = 200_000_000_000;
const DAY_MS = 86_400_000;

/** The role credentials handed out by AssumeRole carry the account id, so the server knows whose request it serves. */
export function accessKeyFor(accountId: string): string {
  return `ASIA${accountId}SCAL`;
}

/** The account an access key belongs to (`undefined`: the caller's own, i.e. the management account's). */
export function accountOfAccessKey(accessKeyId: string): string | undefined {
  const m = /^ASIA(\d{12})SCAL$/.exec(accessKeyId);
  return m?.[1];
}

function hex(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

export class SyntheticOrg {
  readonly accounts: OrgAccount[];
  readonly units: OrgUnit[] = [
    { id: 'ou-sc01-prod0001', name: 'Production' },
    { id: 'ou-sc01-nonprod1', name: 'NonProduction' },
    { id: 'ou-sc01-sandbox1', name: 'Sandbox' },
  ];
  readonly regions: readonly string[];
  readonly now: Date;
  readonly jobDays: number;
  private readonly byId = new Map<string, OrgAccount>();
  private readonly estates = new Map<string, RegionEstate>();

  constructor(options: SyntheticOrgOptions) {
    if (!Number.isInteger(options.accounts) || options.accounts < 1) throw new Error('accounts: expected a whole number ≥ 1');
    this.regions = [...options.regions];
    this.now = options.now ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    this.jobDays = options.jobDays ?? 30;
    this.accounts = Array.from({ length: options.accounts }, (_, index) => {
      const id = String(MANAGEMENT_BASE + index);
      const unit = this.units[index % this.units.length] as OrgUnit;
      const account: OrgAccount = {
        index,
        id,
        name: index === 0 ? 'management' : `workload-${String(index).padStart(4, '0')}`,
        email: `aws+${id}@bank.example`,
        parentId: index === 0 ? ROOT_ID : unit.id,
        tags: [
          { Key: 'Environment', Value: index === 0 ? 'management' : unit.name === 'Production' ? 'prod' : 'nonprod' },
          { Key: 'Owner', Value: `team-${index % 40}` },
        ],
      };
      this.byId.set(id, account);
      return account;
    });
  }

  get management(): OrgAccount {
    return this.accounts[0] as OrgAccount;
  }

  account(id: string): OrgAccount | undefined {
    return this.byId.get(id);
  }

  /** The estate of one account in one Region (`undefined` outside the organization's Regions). */
  estate(accountId: string, region: string): RegionEstate | undefined {
    if (!this.byId.has(accountId) || !this.regions.includes(region)) return undefined;
    const key = `${accountId}/${region}`;
    let estate = this.estates.get(key);
    if (!estate) {
      const h = hex(accountId, region);
      const vaultName = 'Default';
      const planId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      estate = {
        accountId,
        region,
        bucket: `vs-scale-${accountId}-${region}`,
        table: 'orders',
        tableArn: `arn:aws:dynamodb:${region}:${accountId}:table/orders`,
        dbInstance: 'ledger-db',
        dbInstanceArn: `arn:aws:rds:${region}:${accountId}:db:ledger-db`,
        fileSystemId: `fs-${h.slice(32, 49)}`,
        fileSystemArn: `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/fs-${h.slice(32, 49)}`,
        instanceId: `i-${h.slice(0, 17)}`,
        volumeId: `vol-${h.slice(17, 34)}`,
        planId,
        planArn: `arn:aws:backup:${region}:${accountId}:backup-plan:${planId}`,
        ruleId: hex(planId, 'rule').slice(0, 36),
        selectionId: hex(planId, 'selection').slice(0, 36),
        vaultName,
        vaultArn: `arn:aws:backup:${region}:${accountId}:backup-vault:${vaultName}`,
        // Created on one of the 400 days before the history starts: stable for a given `now`.
        createdAt: new Date(this.dayStart(this.jobDays + 1 + (Number.parseInt(h.slice(0, 6), 16) % 400))),
      };
      this.estates.set(key, estate);
    }
    return estate;
  }

  /** 00:00 UTC of the day `daysAgo` days before `now`'s day. */
  dayStart(daysAgo: number): number {
    return Math.floor(this.now.getTime() / DAY_MS) * DAY_MS - daysAgo * DAY_MS;
  }

  /** When the daily backup of `daysAgo` was created (05:00 UTC, the plan's schedule). */
  backupTime(daysAgo: number): Date {
    return new Date(this.dayStart(daysAgo) + 5 * 3_600_000);
  }

  /** Days (most recent first) whose backup job was created at or after `after`. */
  daysSince(after: Date | undefined): number[] {
    const days: number[] = [];
    for (let d = 1; d <= this.jobDays; d++) if (!after || this.backupTime(d).getTime() >= after.getTime()) days.push(d);
    return days;
  }

  /** Whether the daily backup of `daysAgo` failed (one in 23, spread over accounts and days). */
  backupFailed(account: OrgAccount, region: string, daysAgo: number): boolean {
    return (account.index * 7 + this.regions.indexOf(region) * 3 + daysAgo) % 23 === 0;
  }

  /** Copies to a second vault run weekly (on days whose number is a multiple of 7) for successful backups. */
  hasCopy(account: OrgAccount, region: string, daysAgo: number): boolean {
    return daysAgo % 7 === 0 && !this.backupFailed(account, region, daysAgo);
  }

  /** One restore per account × Region in the window, on a day of its own. */
  restoreDay(account: OrgAccount, region: string): number {
    return 1 + ((account.index + this.regions.indexOf(region) * 11) % Math.max(1, this.jobDays));
  }

  jobId(kind: string, accountId: string, region: string, daysAgo: number): string {
    const h = hex(kind, accountId, region, daysAgo);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`.toUpperCase();
  }
}
