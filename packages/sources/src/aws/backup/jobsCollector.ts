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
 * truth even when it holds no other account's job (a Region without copy jobs is common).
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
  /** List no jobs at all (another shard lists the organization's). */
  skip?: boolean;
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
  private readonly orgWideByRegion = new Map<string, Promise<boolean>>();
  private readonly perAccount = new Set<JobKind>();
  /** One pool for the whole collection: jobs of one account × Region share their strings across kinds and listings. */
  private readonly records = new CompactRecords();

  /** The kinds some account × Region had to list itself (the organization-wide list was not available). */
  listedPerAccount(): JobKind[] {
    return KINDS.filter((k) => this.perAccount.has(k));
  }

  constructor(private readonly options: JobsCollectorOptions) {}

  /** Collects every job kind for one account × Region (errors go to that observation's sink). */
  async collect(accountId: string, region: string, client: BackupClient, errors: ErrorSink): Promise<void> {
    if (this.options.skip) return;
    await Promise.all(KINDS.map((kind) => this.collectKind(kind, accountId, region, client, errors)));
  }

  private async collectKind(kind: JobKind, accountId: string, region: string, client: BackupClient, errors: ErrorSink): Promise<void> {
    if (this.options.orgWide && (await this.orgWideCovers(kind, region))) return;
    this.perAccount.add(kind);
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
      pending = probe ? probe.then((ok) => ok && this.listOrgWide(kind, region, true)) : this.listOrgWide(kind, region, false);
      if (!probe) this.probes[kind] = pending;
      this.orgWideByRegion.set(key, pending);
    }
    return pending;
  }

  /** `trusted`: the probe already showed that `*` covers other accounts, so an empty listing is not doubted. */
  private async listOrgWide(kind: JobKind, region: string, trusted: boolean): Promise<boolean> {
    const orgWide = this.options.orgWide;
    if (!orgWide) return false;
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
      // A refusal here is not a fault: the per-account listing takes over and records its own errors.
      return false;
    }
    const seesOthers = jobs.some((job) => job.AccountId !== orgWide.callerAccountId) || held.list().some((e) => e.accountId !== orgWide.callerAccountId);
    if (orgWide.expectsOtherAccounts && !seesOthers && !trusted) return false;
    this.add(kind, jobs.filter((job) => this.options.keepAccount(job.AccountId)));
    for (const entry of held.list()) if (entry.accountId === undefined || this.options.keepAccount(entry.accountId)) orgWide.errors.add(entry);
    return true;
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
