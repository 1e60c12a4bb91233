/**
 * Where job lists come from. From the management (or delegated-administrator) account, `ByAccountId=*`
 * returns the whole organization's jobs of a Region in one listing; the first Region tried is the probe, and
 * if the organization does not allow it every account × Region lists its own jobs instead. Each job kind
 * (backup, copy, restore) decides on its own: `*` is documented for backup jobs only.
 *
 * Without AWS Backup's trusted access (cross-account monitoring), `ByAccountId=*` succeeds but returns only
 * the caller's own jobs. So a probe with no other account's job, in an organization where others are
 * observed, is not trusted to cover them: that kind is listed per account instead. Once the probe has shown
 * other accounts' jobs, trusted access is on, and another Region's organization-wide listing is that Region's
 * truth even when it holds no other account's job (a Region without copy jobs is common). Likewise a probe with no
 * other account's job is believed when another kind's probe showed other accounts' jobs: cross-account monitoring
 * is one setting of the organization, for backup, copy and restore jobs alike ("When you enable trusted access for
 * AWS Backup in your organization, you can … view details about the backup, restore, and copy jobs in any of the
 * accounts in your organization": https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-backup.html)
 * — which matters most to a shard, whose probe is its own Region's listing.
 *
 * Sharded (`share`), the organization-wide lists are spread over the shards by Region: this shard lists its own
 * Regions (`mine`, all of them from the start, whether or not its accounts are observed there; the probe is the
 * first of them) and leaves the other shared Regions to their shards. Where its organization-wide listing is not
 * available it lists its own accounts' jobs instead, and says so (`uncovered`: the other shards' accounts have none
 * recorded there); when its probe showed `*` unusable for a kind, it lists its own accounts' jobs of that kind in
 * every Region, the other shards' too (a refusal is usually the organization's, met by every shard alike: then the
 * shards' own lists add up to the whole). A Region outside the shared ones (enabled in a member account only) is
 * listed per account by every shard for its own accounts.
 */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { BackupJob, CopyJob, Estate, RestoreJob } from '@vaultscope/core';
import { CompactRecords } from '../compactRecords.js';
import { ErrorSink } from '../errors.js';
import { JOB_OPERATIONS, jobLister, type JobKind } from './jobs.js';

type AnyJob = BackupJob | CopyJob | RestoreJob;

export interface JobsCollectorOptions {
  since: Date;
  /** Present when an organization-wide listing may work (the organization's accounts could be listed). */
  orgWide?: {
    callerAccountId: string;
    client: (region: string) => BackupClient;
    /** Whether accounts other than the caller's are observed (then their jobs must show up in the listing). */
    expectsOtherAccounts: boolean;
    /** Where records of an organization-wide listing that fail the schema check are recorded. */
    errors: ErrorSink;
  };
  /** Sharded: the Regions whose organization-wide lists are this shard's, of those shared among the shards. */
  share?: { mine: readonly string[]; shared: ReadonlySet<string> };
  /** Which accounts' jobs belong in the estate (`--accounts` / `--exclude-accounts`). */
  keepAccount: (accountId: string) => boolean;
}

const KINDS: readonly JobKind[] = ['backup', 'copy', 'restore'];

/** A job's id, whatever its kind. */
function idOf(job: AnyJob): string {
  const ids = job as { BackupJobId?: string; CopyJobId?: string; RestoreJobId?: string };
  return ids.BackupJobId ?? ids.CopyJobId ?? ids.RestoreJobId ?? '';
}

export class JobsCollector {
  private readonly found: Record<JobKind, Map<string, AnyJob>> = { backup: new Map(), copy: new Map(), restore: new Map() };
  private readonly observed = new Set<JobKind>();
  private readonly probes: Partial<Record<JobKind, Promise<boolean>>> = {};
  /** Whether each kind's probe listing showed another account's job (settled as soon as that listing is). */
  private readonly probeSawOthers: Partial<Record<JobKind, Promise<boolean>>> = {};
  private readonly orgWideByRegion = new Map<string, Promise<boolean>>();
  /** One pool for the whole collection: jobs of one account × Region share their strings across kinds and listings. */
  private readonly records = new CompactRecords();

  constructor(private readonly options: JobsCollectorOptions) {}

  /**
   * Sharded: starts the organization-wide listings of this shard's Regions (every kind; the first Region is each
   * kind's probe), whether or not any of its accounts is observed there.
   */
  listShare(): void {
    if (!this.options.orgWide || !this.options.share) return;
    for (const kind of KINDS) for (const region of this.options.share.mine) void this.orgWideCovers(kind, region);
  }

  /** The Regions where an organization-wide listing was made or tried (each recorded as that Region's listing). */
  listedRegions(): string[] {
    return [...new Set([...this.orgWideByRegion.keys()].map((key) => key.slice(key.indexOf('|') + 1)))].sort();
  }

  /** Sharded: this shard's Regions × kinds whose organization-wide listing was not available (when all have settled). */
  async uncovered(): Promise<Array<{ kind: JobKind; region: string }>> {
    const out: Array<{ kind: JobKind; region: string }> = [];
    if (!this.options.orgWide || !this.options.share) return out;
    for (const kind of KINDS) for (const region of this.options.share.mine) if (!(await this.orgWideCovers(kind, region))) out.push({ kind, region });
    return out;
  }

  /** Collects every job kind for one account × Region (errors go to that observation's sink). */
  async collect(accountId: string, region: string, client: BackupClient, errors: ErrorSink): Promise<void> {
    await Promise.all(KINDS.map((kind) => this.collectKind(kind, accountId, region, client, errors)));
  }

  private async collectKind(kind: JobKind, accountId: string, region: string, client: BackupClient, errors: ErrorSink): Promise<void> {
    const share = this.options.share;
    if (this.options.orgWide && share && !share.mine.includes(region)) {
      // Another shard's Region: its list covers this account, unless this shard's probe found `*` unusable. A Region
      // no shard lists (enabled in member accounts only): each shard lists its own accounts' jobs there.
      const probe = this.probes[kind];
      if (share.shared.has(region) && (!probe || (await probe))) return;
    } else if (this.options.orgWide && (await this.orgWideCovers(kind, region))) return;
    try {
      const jobs = await jobLister(kind)(client, { since: this.options.since, region, listingAccountId: accountId, records: this.records }, errors);
      this.add(kind, jobs);
    } catch (error) {
      errors.record(error, { service: 'backup', operation: JOB_OPERATIONS[kind] });
    }
  }

  /** Whether the organization-wide listing of `kind` in `region` succeeded (run once per kind × Region). */
  private orgWideCovers(kind: JobKind, region: string): Promise<boolean> {
    const key = `${kind}|${region}`;
    let pending = this.orgWideByRegion.get(key);
    if (!pending) {
      const probe = this.probes[kind];
      if (probe) pending = probe.then((ok) => ok && this.listOrgWide(kind, region, true));
      else {
        let sawOthers: (seen: boolean) => void = () => undefined;
        this.probeSawOthers[kind] = new Promise((resolve) => (sawOthers = resolve));
        pending = this.listOrgWide(kind, region, false, sawOthers);
        this.probes[kind] = pending;
      }
      this.orgWideByRegion.set(key, pending);
    }
    return pending;
  }

  /**
   * `trusted`: the probe already showed that `*` covers other accounts, so an empty listing is not doubted.
   * `sawOthers` (a probe): told whether the listing showed another account's job, for the other kinds' probes.
   */
  private async listOrgWide(kind: JobKind, region: string, trusted: boolean, sawOthers?: (seen: boolean) => void): Promise<boolean> {
    const orgWide = this.options.orgWide;
    if (!orgWide) {
      sawOthers?.(false);
      return false;
    }
    // Records that fail the schema check are held until the listing is known to count.
    const held = new ErrorSink();
    let jobs: AnyJob[];
    try {
      jobs = await jobLister(kind)(
        orgWide.client(region),
        { since: this.options.since, region, byAccountId: '*', listingAccountId: orgWide.callerAccountId, records: this.records },
        held,
      );
    } catch {
      sawOthers?.(false);
      // A refusal here is not a fault: the per-account listing takes over and records its own errors.
      return false;
    }
    const seesOthers = jobs.some((job) => job.AccountId !== orgWide.callerAccountId) || held.list().some((e) => e.accountId !== orgWide.callerAccountId);
    sawOthers?.(seesOthers);
    if (orgWide.expectsOtherAccounts && !seesOthers && !trusted && !(await this.anotherKindSawOthers(kind))) return false;
    this.add(kind, jobs.filter((job) => this.options.keepAccount(job.AccountId)));
    for (const entry of held.list()) if (entry.accountId === undefined || this.options.keepAccount(entry.accountId)) orgWide.errors.add(entry);
    return true;
  }

  /** Whether another kind's probe showed other accounts' jobs (trusted access is on: it covers every kind). */
  private async anotherKindSawOthers(kind: JobKind): Promise<boolean> {
    const seen = await Promise.all(KINDS.filter((k) => k !== kind).map((k) => this.probeSawOthers[k] ?? false));
    return seen.some(Boolean);
  }

  private add(kind: JobKind, jobs: readonly AnyJob[]): void {
    this.observed.add(kind);
    const map = this.found[kind];
    for (const job of jobs) map.set(`${job.AccountId}|${job.Region ?? ''}|${idOf(job)}`, job);
  }

  /** The estate's `jobs` section; a kind that could never be listed stays absent (not observed). */
  result(): Estate['jobs'] {
    if (this.observed.size === 0) return undefined;
    const sorted = <T extends AnyJob>(kind: JobKind) =>
      [...this.found[kind].values()].sort((a, b) => a.CreationDate.localeCompare(b.CreationDate) || idOf(a).localeCompare(idOf(b))) as T[];
    return {
      ...(this.observed.has('backup') ? { backup: sorted<BackupJob>('backup') } : {}),
      ...(this.observed.has('copy') ? { copy: sorted<CopyJob>('copy') } : {}),
      ...(this.observed.has('restore') ? { restore: sorted<RestoreJob>('restore') } : {}),
      since: this.options.since.toISOString(),
    };
  }
}
