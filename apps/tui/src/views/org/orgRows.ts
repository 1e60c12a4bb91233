/**
 * The Organization screen: one row per account, worst first, and the organization totals above them.
 */
import { CHECKS, SEVERITIES, isCovered, isGap, isSucceeded, isUnsuccessful, type Finding } from '@vaultscope/core';
import { recordOf, type JobRecord, type OrgData } from '../../model/orgData.js';
import { formatPct } from '../../text/format.js';
import { makeRow, seg } from '../row.js';
import type { Column, Row, Segment, ViewModel } from '../screen.js';
import { severityLabel, severityRank, severityTone } from '../tones.js';

const DAY_MS = 86_400_000;

/** The figures of one account (or of the whole organization, when `accountId` is undefined). */
export interface AccountStats {
  assets: number;
  required: number;
  covered: number;
  coveragePct: number | null;
  unprotectedCritical: number;
  unprotectedImportant: number;
  /**
   * Backup and copy jobs of the last 24 h: succeeded (with or without issues), `failed` = every other unsuccessful
   * end — failed, aborted or partial (core's `isUnsuccessful`) — expired on its own, and running.
   */
  jobs24h: { completed: number; failed: number; expired: number; running: number };
  /** Restore tests created in the posture's evaluation window, as the posture and the reports count them. */
  restoreTests: { passed: number; failed: number; passRate: number | null };
  worst?: Finding;
  bySeverity: Record<string, number>;
}

interface JobTally {
  jobs24h: AccountStats['jobs24h'];
  passed: number;
  failed: number;
}
const ORG = '\u0000organization';
const tallies = new WeakMap<OrgData, Map<string, JobTally>>();

/** Days of the window restore tests are counted over: the posture's evaluation window. */
export const restoreWindowDays = (data: OrgData): number => data.posture.summary.jobs.windowDays;

/**
 * Job figures per account (and for the organization), in one pass over the jobs, once per refresh. Restore
 * tests count over the posture's evaluation window, ending when it was evaluated, with the same comparison
 * evaluation makes, so the organization's pass rate is the one the posture and the reports state.
 */
function jobTallies(data: OrgData): Map<string, JobTally> {
  let map = tallies.get(data);
  if (map) return map;
  map = new Map();
  const since = new Date(data.now - DAY_MS).toISOString();
  const restoreSince = new Date(data.now - restoreWindowDays(data) * DAY_MS).toISOString();
  const tallyFor = (key: string): JobTally => {
    let t = map?.get(key);
    if (!t) {
      t = { jobs24h: { completed: 0, failed: 0, expired: 0, running: 0 }, passed: 0, failed: 0 };
      map?.set(key, t);
    }
    return t;
  };
  const org = tallyFor(ORG);
  // Straight from the AWS jobs, by their creation time (a record's `createdAt`): only the jobs of the window
  // are made records, so the first screen does not wait for a record of every job in the history.
  const jobs = data.estate.jobs;
  for (const job of jobs?.restore ?? []) {
    if (job.CreationDate < restoreSince) continue;
    const j = recordOf('restore', job);
    const field = j.verdict === 'passed' ? 'passed' : j.verdict === 'failed' ? 'failed' : undefined;
    if (field) {
      tallyFor(j.accountId)[field]++;
      org[field]++;
    }
  }
  const tally = (j: JobRecord): void => {
    const o = j.outcome;
    const field = isSucceeded(o) ? 'completed' : o === 'expired' ? 'expired' : isUnsuccessful(o) ? 'failed' : o === 'running' ? 'running' : undefined;
    if (field) {
      tallyFor(j.accountId).jobs24h[field]++;
      org.jobs24h[field]++;
    }
  };
  for (const job of jobs?.backup ?? []) if (job.CreationDate >= since) tally(recordOf('backup', job));
  for (const job of jobs?.copy ?? []) if (job.CreationDate >= since) tally(recordOf('copy', job));
  tallies.set(data, map);
  return map;
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
  const tally = jobTallies(data).get(accountId ?? ORG);
  const jobs24h = { ...(tally?.jobs24h ?? { completed: 0, failed: 0, expired: 0, running: 0 }) };
  const passed = tally?.passed ?? 0;
  const failed = tally?.failed ?? 0;
  const bySeverity: Record<string, number> = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  let worst: Finding | undefined;
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    if (!worst || severityRank(f.severity) < severityRank(worst.severity)) worst = f;
  }
  return {
    assets: assets.length,
    required,
    covered,
    coveragePct: required === 0 ? null : covered / required,
    unprotectedCritical,
    unprotectedImportant,
    jobs24h,
    restoreTests: { passed, failed, passRate: passed + failed === 0 ? null : passed / (passed + failed) },
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

/** One row per account, worst first. */
export function orgRows(data: OrgData): Row[] {
  const ids = new Set([...data.accounts.map((a) => a.Id), ...data.assetsByAccount.keys()]);
  const rows = [...ids].map((id) => {
    const account = data.accountById.get(id);
    const s = accountStats(data, id);
    const unprotected = s.unprotectedCritical + s.unprotectedImportant;
    const jobFaults = s.jobs24h.failed + s.jobs24h.expired;
    const rank = severityRank(s.worst?.severity);
    const row = makeRow({
      id,
      cells: [
        account?.Name ?? id,
        id,
        account?.OuPath ?? '',
        s.assets,
        formatPct(s.coveragePct),
        `${s.unprotectedCritical}/${s.unprotectedImportant}`,
        `${s.jobs24h.completed}/${s.jobs24h.failed}/${s.jobs24h.expired}`,
        formatPct(s.restoreTests.passRate),
        s.worst ? findingLabel(s.worst) : '—',
      ],
      sort: [undefined, undefined, undefined, s.assets, s.coveragePct ?? 2, unprotected, jobFaults, s.restoreTests.passRate ?? 2, rank],
      fault: unprotected > 0 || jobFaults > 0 || s.restoreTests.failed > 0 || rank <= 1,
      cellTones: {
        ...(s.coveragePct !== null && s.coveragePct < 1 ? { 4: 'warn' as const } : {}),
        ...(unprotected > 0 ? { 5: 'bad' as const } : {}),
        ...(jobFaults > 0 ? { 6: 'bad' as const } : {}),
        ...(s.restoreTests.failed > 0 ? { 7: 'warn' as const } : {}),
        ...(s.worst ? { 8: severityTone(s.worst.severity) } : {}),
      },
      target: { kind: 'account', accountId: id, tab: 0 },
    });
    return { row, key: [rank, -unprotected, -jobFaults, s.coveragePct ?? 2, (account?.Name ?? id).toLowerCase()] as const };
  });
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

/** The organization totals shown above the accounts. */
/** The warning line of a partial crawl: how many errors, in how many accounts, and where to read them. */
function discoveryLine(data: OrgData): Segment[] {
  let errors = data.estate.errors?.length ?? 0;
  const accounts = new Set<string>();
  for (const e of data.estate.errors ?? []) if (e.accountId) accounts.add(e.accountId);
  for (const o of data.estate.regions) {
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

export function orgHeader(data: OrgData): Segment[][] {
  const s = accountStats(data);
  const sev = (name: (typeof SEVERITIES)[number]): Segment[] => {
    const n = s.bySeverity[name] ?? 0;
    return [seg(`${n} ${severityLabel(name).toLowerCase()}`, n > 0 ? severityTone(name) : 'dim'), seg(' ')];
  };
  const orgId = data.posture.organization?.id ?? data.estate.organization?.Id;
  return [
    [
      // Lines break before ` · ` segments on a narrow terminal (layout.wrapHeader): keep each figure whole.
      seg(orgId ? `${orgId}  ` : '', 'accent'),
      seg(`${data.accounts.length} accounts`),
      seg(` · ${s.assets} assets`),
      seg(' · coverage '),
      seg(formatPct(s.coveragePct), s.coveragePct !== null && s.coveragePct < 1 ? 'warn' : 'ok'),
      seg(` of ${s.required} required`),
      seg(' · unprotected '),
      seg(`${s.unprotectedCritical} critical`, s.unprotectedCritical ? 'bad' : 'ok'),
      seg(' '),
      seg(`${s.unprotectedImportant} important`, s.unprotectedImportant ? 'bad' : 'ok'),
    ],
    [
      seg('jobs 24 h '),
      seg(`${s.jobs24h.completed} ok`, 'ok'),
      seg(' '),
      seg(`${s.jobs24h.failed} failed`, s.jobs24h.failed ? 'bad' : 'dim'),
      seg(' '),
      seg(`${s.jobs24h.expired} expired`, s.jobs24h.expired ? 'bad' : 'dim'),
      seg(' '),
      seg(`${s.jobs24h.running} running`, 'accent'),
      seg(` · restore tests ${restoreWindowDays(data)} d `),
      seg(formatPct(s.restoreTests.passRate), s.restoreTests.failed ? 'warn' : 'ok'),
      seg(' · findings '),
      ...SEVERITIES.slice(0, 3).flatMap(sev),
    ],
    // Figures from a partial crawl must never pass for the whole organization's.
    ...(data.posture.summary.incompleteDiscovery ? [discoveryLine(data)] : []),
  ];
}

/** The Organization screen. */
export function orgView(data: OrgData): ViewModel {
  return {
    kind: 'table',
    title: 'Organization',
    header: orgHeader(data),
    columns: orgColumns(restoreWindowDays(data)),
    rows: orgRows(data),
    empty: 'No accounts observed.',
  };
}

/** Title of a check, for detail screens. */
export const checkTitle = (check: Finding['check']): string => CHECKS[check].title;
