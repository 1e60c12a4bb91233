/**
 * The Organization screen: one row per account, worst first, and the organization totals above them. The same
 * rows and totals are drawn before the posture is evaluated (orgInventory.ts), with what the estate alone tells
 * (accounts, asset counts, jobs) and the posture's figures marked as being evaluated: one builder for both, so
 * the two screens cannot disagree on a column.
 */
import { CHECKS, SEVERITIES, isCovered, isGap, isRestoreTest, isSucceeded, isUnsuccessful, jobOutcome, restoreVerdict, type Account, type Estate, type Finding, type JobOutcome } from '@vaultscope/core';
import type { OrgData } from '../../model/orgData.js';
import { formatPct } from '../../text/format.js';
import { makeRow, seg } from '../row.js';
import type { Column, Row, Segment, ViewModel } from '../screen.js';
import { severityLabel, severityRank, severityTone } from '../tones.js';

const DAY_MS = 86_400_000;

/**
 * The figures of one account (or of the organization) that the estate alone tells, known before its posture is
 * evaluated: how many assets the posture will judge, and the jobs.
 */
export interface KnownStats {
  assets: number;
  /**
   * Backup and copy jobs of the last 24 h: succeeded (with or without issues), `failed` = every other unsuccessful
   * end — failed, aborted or partial (core's `isUnsuccessful`) — expired on its own, and running.
   */
  jobs24h: { completed: number; failed: number; expired: number; running: number };
  /** Restore tests created in the posture's evaluation window, as the posture and the reports count them. */
  restoreTests: { passed: number; failed: number; passRate: number | null };
}

/** The figures of one account (or of the whole organization, when `accountId` is undefined). */
export interface AccountStats extends KnownStats {
  required: number;
  covered: number;
  coveragePct: number | null;
  unprotectedCritical: number;
  unprotectedImportant: number;
  worst?: Finding;
  bySeverity: Record<string, number>;
}

interface JobTally {
  jobs24h: AccountStats['jobs24h'];
  passed: number;
  failed: number;
}
const ORG = '\u0000organization';
const noJobs24h = (): KnownStats['jobs24h'] => ({ completed: 0, failed: 0, expired: 0, running: 0 });
/** The last tallies of an estate, with the time and window they were counted for. */
const tallies = new WeakMap<Estate, { now: number; windowDays: number; map: Map<string, JobTally> }>();

/** Days of the window restore tests are counted over: the posture's evaluation window. */
export const restoreWindowDays = (data: OrgData): number => data.posture.summary.jobs.windowDays;

/**
 * Job figures per account (and for the organization), in one pass over the jobs, once per estate (the screen
 * drawn before evaluation and the judged one share it). Restore tests count over the posture's evaluation window
 * (`windowDays`), ending at `now`, the time the posture is judged at, with the same comparison evaluation makes,
 * so the organization's pass rate is the one the posture and the reports state.
 */
function jobTallies(estate: Estate, now: number, windowDays: number): Map<string, JobTally> {
  const kept = tallies.get(estate);
  if (kept && kept.now === now && kept.windowDays === windowDays) return kept.map;
  const map = new Map<string, JobTally>();
  const since = new Date(now - DAY_MS).toISOString();
  const restoreSince = new Date(now - windowDays * DAY_MS).toISOString();
  const tallyFor = (key: string): JobTally => {
    let t = map.get(key);
    if (!t) {
      t = { jobs24h: noJobs24h(), passed: 0, failed: 0 };
      map.set(key, t);
    }
    return t;
  };
  const org = tallyFor(ORG);
  // Straight from the AWS jobs, by their creation time (a record's `createdAt`), with the outcome and verdict
  // core gives a job record (toJobRecord: `jobOutcome` of State and MessageCategory, `restoreVerdict` of a restore
  // test): no record is made, so the first screen (before evaluation too) does not wait for thousands of them.
  const jobs = estate.jobs;
  for (const job of jobs?.restore ?? []) {
    if (job.CreationDate < restoreSince || !isRestoreTest(job)) continue;
    const verdict = restoreVerdict(job);
    const field = verdict === 'passed' ? 'passed' : verdict === 'failed' ? 'failed' : undefined;
    if (field) {
      tallyFor(job.AccountId)[field]++;
      org[field]++;
    }
  }
  const tally = (accountId: string, o: JobOutcome): void => {
    const field = isSucceeded(o) ? 'completed' : o === 'expired' ? 'expired' : isUnsuccessful(o) ? 'failed' : o === 'running' ? 'running' : undefined;
    if (field) {
      tallyFor(accountId).jobs24h[field]++;
      org.jobs24h[field]++;
    }
  };
  for (const job of jobs?.backup ?? []) if (job.CreationDate >= since) tally(job.AccountId, jobOutcome(job.State, job.MessageCategory));
  for (const job of jobs?.copy ?? []) if (job.CreationDate >= since) tally(job.AccountId, jobOutcome(job.State, job.MessageCategory));
  tallies.set(estate, { now, windowDays, map });
  return map;
}

/** Job figures of no job: what stands for them while the jobs are read (marked on screen, never shown). */
export const noJobStats = (): Omit<KnownStats, 'assets'> => ({ jobs24h: noJobs24h(), restoreTests: { passed: 0, failed: 0, passRate: null } });

/** The job figures of an account, or of the organization when `accountId` is undefined. */
export function jobStats(estate: Estate, now: number, windowDays: number, accountId?: string): Omit<KnownStats, 'assets'> {
  const tally = jobTallies(estate, now, windowDays).get(accountId ?? ORG);
  const passed = tally?.passed ?? 0;
  const failed = tally?.failed ?? 0;
  return {
    jobs24h: tally ? { ...tally.jobs24h } : noJobs24h(),
    restoreTests: { passed, failed, passRate: passed + failed === 0 ? null : passed / (passed + failed) },
  };
}

/** Figures for an account, or the organization when `accountId` is undefined. */
export function accountStats(data: OrgData, accountId?: string): AccountStats {
  const assets = accountId === undefined ? data.assets : (data.assetsByAccount.get(accountId) ?? []);
  const findings = accountId === undefined ? data.findings : (data.findingsByAccount.get(accountId) ?? []);
  let required = 0;
  let covered = 0;
  let unprotectedCritical = 0;
  let unprotectedImportant = 0;
  for (const a of assets) {
    if (!a.classification.backupRequired) continue;
    required++;
    const state = a.coverage.state;
    if (isCovered(state)) covered++;
    if (isGap(state)) {
      if (a.classification.tier === 'critical') unprotectedCritical++;
      else if (a.classification.tier === 'important') unprotectedImportant++;
    }
  }
  const bySeverity: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  let worst: Finding | undefined;
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    if (!worst || severityRank(f.severity) < severityRank(worst.severity)) worst = f;
  }
  return {
    assets: assets.length,
    ...jobStats(data.estate, data.now, restoreWindowDays(data), accountId),
    required,
    covered,
    coveragePct: required === 0 ? null : covered / required,
    unprotectedCritical,
    unprotectedImportant,
    ...(worst ? { worst } : {}),
    bySeverity,
  };
}

/** `CRIT backup.not-in-plan` */
export const findingLabel = (f: Finding): string => `${severityLabel(f.severity)} ${f.check}`;

export const ORG_COLUMNS: readonly Column[] = [
  { title: 'ACCOUNT', width: 14, flex: true },
  { title: 'ID', width: 12, priority: 2 },
  { title: 'OU', width: 12, flex: true, priority: 1 },
  { title: 'ASSETS', width: 6, align: 'right', priority: 4 },
  { title: 'COVER', width: 5, align: 'right' },
  { title: 'UNPROT C/I', width: 10, align: 'right' },
  { title: '24H OK/F/X', width: 11, align: 'right' },
  /** Restore tests passed in the evaluation window; the title names the window (`orgColumns`). */
  { title: 'RESTORE', width: 7, align: 'right', priority: 3 },
  { title: 'WORST FINDING', width: 16, flex: true, priority: 5 },
];

/** The organization columns, the restore column titled with its window (`RST 30D`). */
export function orgColumns(windowDays: number): readonly Column[] {
  return ORG_COLUMNS.map((c) => (c.title === 'RESTORE' ? { ...c, title: `RST ${windowDays}D` } : c));
}

/** What the Organization screen shows in place of a posture figure while the posture is being evaluated. */
export const EVALUATING = '…';

/** The posture's figures of an account or the organization; undefined while the posture is being evaluated. */
export type JudgedStats = Omit<AccountStats, keyof KnownStats>;

interface AccountRowInput {
  id: string;
  account: Account | undefined;
  known: KnownStats;
  judged: JudgedStats | undefined;
  /** The jobs are still being read: the job and restore-test figures are marked, not shown (orgInventory.ts). */
  jobsPending?: boolean;
}

/**
 * The row of one account, and its place: worst first once judged; by name before (no order by posture figures
 * that are not known yet).
 */
function accountRow({ id, account, known, judged, jobsPending = false }: AccountRowInput): { row: Row; key: readonly (string | number)[] } {
  const unprotected = judged ? judged.unprotectedCritical + judged.unprotectedImportant : 0;
  const jobFaults = jobsPending ? 0 : known.jobs24h.failed + known.jobs24h.expired;
  const restoreFailed = jobsPending ? 0 : known.restoreTests.failed;
  const rank = judged ? severityRank(judged.worst?.severity) : Number.POSITIVE_INFINITY;
  const name = (account?.Name ?? id).toLowerCase();
  const row = makeRow({
    id,
    cells: [
      account?.Name ?? id,
      id,
      account?.OuPath ?? '',
      known.assets,
      judged ? formatPct(judged.coveragePct) : EVALUATING,
      judged ? `${judged.unprotectedCritical}/${judged.unprotectedImportant}` : EVALUATING,
      jobsPending ? EVALUATING : `${known.jobs24h.completed}/${known.jobs24h.failed}/${known.jobs24h.expired}`,
      jobsPending ? EVALUATING : formatPct(known.restoreTests.passRate),
      !judged ? EVALUATING : judged.worst ? findingLabel(judged.worst) : '—',
    ],
    sort: [undefined, undefined, undefined, known.assets, judged ? (judged.coveragePct ?? 2) : 2, unprotected, jobFaults, jobsPending ? 2 : (known.restoreTests.passRate ?? 2), rank],
    fault: unprotected > 0 || jobFaults > 0 || restoreFailed > 0 || rank <= 1,
    cellTones: {
      ...(!judged ? { 4: 'dim' as const, 5: 'dim' as const, 8: 'dim' as const } : {}),
      ...(jobsPending ? { 6: 'dim' as const, 7: 'dim' as const } : {}),
      ...(judged && judged.coveragePct !== null && judged.coveragePct < 1 ? { 4: 'warn' as const } : {}),
      ...(unprotected > 0 ? { 5: 'bad' as const } : {}),
      ...(jobFaults > 0 ? { 6: 'bad' as const } : {}),
      ...(restoreFailed > 0 ? { 7: 'warn' as const } : {}),
      ...(judged?.worst ? { 8: severityTone(judged.worst.severity) } : {}),
    },
    target: { kind: 'account', accountId: id, tab: 0 },
  });
  return { row, key: judged ? [rank, -unprotected, -jobFaults, judged.coveragePct ?? 2, name] : [name] };
}

/** The rows in their order (see `accountRow`). */
export function accountRows(inputs: readonly AccountRowInput[]): Row[] {
  const rows = inputs.map(accountRow);
  rows.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i] ?? 0;
      const y = b.key[i] ?? 0;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  return rows.map((r) => r.row);
}

/** One row per account, worst first. */
export function orgRows(data: OrgData): Row[] {
  const ids = new Set([...data.accounts.map((a) => a.Id), ...data.assetsByAccount.keys()]);
  return accountRows(
    [...ids].map((id) => {
      const s = accountStats(data, id);
      return { id, account: data.accountById.get(id), known: s, judged: s };
    }),
  );
}

/** What the totals above the accounts are made of (the judged figures undefined while being evaluated). */
export interface OrgTotals {
  orgId: string | undefined;
  accounts: number;
  known: KnownStats;
  judged: JudgedStats | undefined;
  windowDays: number;
  /** The warning line of a partial crawl, when the posture says discovery was incomplete. */
  discovery?: Segment[];
  /** The jobs are still being read: their figures are marked, not shown. */
  jobsPending?: boolean;
}

/** The organization totals shown above the accounts. */
export function totalsHeader({ orgId, accounts, known, judged, windowDays, discovery, jobsPending = false }: OrgTotals): Segment[][] {
  const pending = seg(EVALUATING, 'dim');
  const sev = (name: (typeof SEVERITIES)[number]): Segment[] => {
    const n = judged?.bySeverity[name] ?? 0;
    return [judged ? seg(`${n} ${severityLabel(name).toLowerCase()}`, n > 0 ? severityTone(name) : 'dim') : seg(`${EVALUATING} ${severityLabel(name).toLowerCase()}`, 'dim'), seg(' ')];
  };
  return [
    [
      // Lines break before ` · ` segments on a narrow terminal (layout.wrapHeader): keep each figure whole.
      seg(orgId ? `${orgId}  ` : '', 'accent'),
      seg(`${accounts} accounts`),
      seg(` · ${known.assets} assets`),
      seg(' · coverage '),
      judged ? seg(formatPct(judged.coveragePct), judged.coveragePct !== null && judged.coveragePct < 1 ? 'warn' : 'ok') : pending,
      seg(judged ? ` of ${judged.required} required` : ''),
      seg(' · unprotected '),
      judged ? seg(`${judged.unprotectedCritical} critical`, judged.unprotectedCritical ? 'bad' : 'ok') : seg(`${EVALUATING} critical`, 'dim'),
      seg(' '),
      judged ? seg(`${judged.unprotectedImportant} important`, judged.unprotectedImportant ? 'bad' : 'ok') : seg(`${EVALUATING} important`, 'dim'),
    ],
    [
      seg('jobs 24 h '),
      ...(jobsPending
        ? [pending]
        : [
            seg(`${known.jobs24h.completed} ok`, 'ok'),
            seg(' '),
            seg(`${known.jobs24h.failed} failed`, known.jobs24h.failed ? 'bad' : 'dim'),
            seg(' '),
            seg(`${known.jobs24h.expired} expired`, known.jobs24h.expired ? 'bad' : 'dim'),
            seg(' '),
            seg(`${known.jobs24h.running} running`, 'accent'),
          ]),
      seg(` · restore tests ${windowDays} d `),
      jobsPending ? pending : seg(formatPct(known.restoreTests.passRate), known.restoreTests.failed ? 'warn' : 'ok'),
      seg(' · findings '),
      ...SEVERITIES.slice(0, 3).flatMap(sev),
    ],
    // Figures from a partial crawl must never pass for the whole organization's.
    ...(discovery ? [discovery] : []),
  ];
}

/** The warning line of a partial crawl: how many errors, in how many accounts, and where to read them. */
function discoveryLine(estate: Estate): Segment[] {
  let errors = estate.errors?.length ?? 0;
  const accounts = new Set<string>();
  for (const e of estate.errors ?? []) if (e.accountId) accounts.add(e.accountId);
  for (const o of estate.regions) {
    if (!o.errors?.length) continue;
    errors += o.errors.length;
    accounts.add(o.accountId);
  }
  return [
    seg('discovery incomplete', 'warn'),
    seg(` · ${errors} collection error${errors === 1 ? '' : 's'} in ${accounts.size} account${accounts.size === 1 ? '' : 's'}`, 'dim'),
    seg(' · figures may be partial', 'dim'),
    seg(' · :findings', 'dim'),
  ];
}

/** The organization totals of judged data. */
export function orgHeader(data: OrgData): Segment[][] {
  const s = accountStats(data);
  return totalsHeader({
    orgId: data.posture.organization?.id ?? data.estate.organization?.Id,
    accounts: data.accounts.length,
    known: s,
    judged: s,
    windowDays: restoreWindowDays(data),
    ...(data.posture.summary.incompleteDiscovery ? { discovery: discoveryLine(data.estate) } : {}),
  });
}

/** The Organization screen of judged data. */
export function orgView(data: OrgData): ViewModel {
  return {
    kind: 'table',
    title: ORG_TITLE,
    header: orgHeader(data),
    columns: orgColumns(restoreWindowDays(data)),
    rows: orgRows(data),
    empty: ORG_EMPTY,
  };
}

export const ORG_TITLE = 'Organization';
export const ORG_EMPTY = 'No accounts observed.';

/** Title of a check, for detail screens. */
export const checkTitle = (check: Finding['check']): string => CHECKS[check].title;
