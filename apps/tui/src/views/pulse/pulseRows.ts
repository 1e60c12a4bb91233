/**
 * Pulse: what the organization's jobs are doing — by state per account over the last 24 h or 7 d, and the
 * failure reasons grouped across accounts. Every row drills to the jobs behind it.
 */
import { JOB_OUTCOMES, isFault, issueCategory, isSucceeded, isUnsuccessful, sanitize, type JobOutcome } from '@vaultscope/core';
import { accountName, type JobRecord, type OrgData } from '../../model/orgData.js';
import { formatPct } from '../../text/format.js';
import { makeRow, seg } from '../row.js';
import type { Column, Row, ViewModel } from '../screen.js';

export const PULSE_TABS = ['Accounts · 24 h', 'Accounts · 7 d', 'Failures · 24 h', 'Failures · 7 d'] as const;
const WINDOWS = [
  { label: '24 h', ms: 86_400_000 },
  { label: '7 d', ms: 7 * 86_400_000 },
] as const;

/** The outcome a job counts under in pulse: core's, one column each (PARTIAL and ABORTED are never FAILED). */
export const jobOutcome = (job: JobRecord): JobOutcome => job.outcome;

/**
 * A job's failure reason with the parts that differ per job (ARNs, ids, numbers) masked, so that the same
 * cause groups together; undefined for jobs that did not go wrong.
 */
export function failureReason(job: JobRecord): string | undefined {
  if (!isFault(job.outcome)) return undefined;
  let message = sanitize(job.statusMessage ?? '');
  // The job's own resource, named in its message, differs per job: mask it like ids.
  for (const name of [job.resourceArn, job.resourceName]) if (name && name.length > 2) message = message.split(name).join('<resource>');
  message = message
    .replace(/arn:[^\s"',)]+/g, '<arn>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>')
    .replace(/\d{3,}/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  const head = issueCategory(job.messageCategory) ?? job.state;
  return `${head}: ${message || '(no status message)'}`;
}

const ACCOUNT_COLUMNS: readonly Column[] = [
  { title: 'ACCOUNT', width: 16, flex: true },
  { title: 'TOTAL', width: 6, align: 'right' },
  { title: 'OK', width: 6, align: 'right' },
  { title: 'ISSUES', width: 6, align: 'right', priority: 1 },
  { title: 'FAILED', width: 6, align: 'right' },
  { title: 'EXPIRED', width: 7, align: 'right' },
  { title: 'ABORTED', width: 7, align: 'right', priority: 1 },
  { title: 'PARTIAL', width: 7, align: 'right', priority: 1 },
  { title: 'RUNNING', width: 7, align: 'right' },
  { title: 'SUCCESS', width: 7, align: 'right' },
];

const REASON_COLUMNS: readonly Column[] = [
  { title: 'JOBS', width: 5, align: 'right' },
  { title: 'ACCTS', width: 5, align: 'right' },
  { title: 'KINDS', width: 12, priority: 1 },
  { title: 'REASON', width: 30, flex: true },
];

type Counts = Record<JobOutcome, number>;
const zero = (): Counts => Object.fromEntries(JOB_OUTCOMES.map((o) => [o, 0])) as Counts;

function jobsSince(data: OrgData, since: string): JobRecord[] {
  const out: JobRecord[] = [];
  // Jobs are newest first: stop at the first one older than the window.
  for (const job of data.jobs) {
    if (job.createdAt < since) break;
    out.push(job);
  }
  return out;
}

function accountRows(data: OrgData, jobs: readonly JobRecord[], since: string, label: string): Row[] {
  const byAccount = new Map<string, Counts>();
  for (const id of data.accountById.keys()) byAccount.set(id, zero());
  for (const job of jobs) {
    const counts = byAccount.get(job.accountId) ?? zero();
    counts[jobOutcome(job)]++;
    byAccount.set(job.accountId, counts);
  }
  const rows = [...byAccount].map(([id, c]) => {
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    let ok = 0;
    let bad = 0;
    for (const o of JOB_OUTCOMES) {
      if (isSucceeded(o)) ok += c[o];
      else if (isUnsuccessful(o)) bad += c[o];
    }
    const rate = ok + bad ? ok / (ok + bad) : null;
    const name = accountName(data, id);
    return {
      bad,
      rate,
      issues: c.issues,
      total,
      name,
      row: makeRow({
        id,
        cells: [name, total, c.completed, c.issues, c.failed, c.expired, c.aborted, c.partial, c.running, formatPct(rate)],
        sort: [undefined, total, c.completed, c.issues, c.failed, c.expired, c.aborted, c.partial, c.running, rate ?? 2],
        fault: bad > 0 || c.issues > 0,
        cellTones: {
          ...(c.failed ? { 4: 'bad' as const } : {}),
          ...(c.expired ? { 5: 'bad' as const } : {}),
          ...(c.aborted ? { 6: 'bad' as const } : {}),
          ...(c.partial ? { 7: 'bad' as const } : {}),
          ...(c.issues ? { 3: 'warn' as const } : {}),
          8: 'accent',
        },
        target: { kind: 'list', list: 'jobs', scope: { accountId: id, since, label: `${name} · ${label}` } },
      }),
    };
  });
  // Worst first: most failures, then lowest success rate, then most issues; accounts without jobs last.
  rows.sort(
    (a, b) =>
      b.bad - a.bad ||
      (a.rate ?? 2) - (b.rate ?? 2) ||
      b.issues - a.issues ||
      b.total - a.total ||
      a.name.localeCompare(b.name),
  );
  return rows.map((r) => r.row);
}

function reasonRows(jobs: readonly JobRecord[], since: string, label: string): Row[] {
  const groups = new Map<string, { count: number; accounts: Set<string>; kinds: Set<string> }>();
  for (const job of jobs) {
    const reason = failureReason(job);
    if (!reason) continue;
    const g = groups.get(reason) ?? { count: 0, accounts: new Set<string>(), kinds: new Set<string>() };
    g.count++;
    g.accounts.add(job.accountId);
    g.kinds.add(job.kind);
    groups.set(reason, g);
  }
  return [...groups]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([reason, g]) =>
      makeRow({
        id: reason,
        cells: [g.count, g.accounts.size, [...g.kinds].sort().join(','), reason],
        sort: [g.count, g.accounts.size],
        fault: true,
        cellTones: { 0: 'bad' },
        target: { kind: 'list', list: 'jobs', scope: { reason, since, label: `${label} · ${reason}` } },
      }),
    );
}

/** The pulse screen on one of its tabs. */
export function pulseView(data: OrgData, tab: number): ViewModel {
  const active = ((tab % PULSE_TABS.length) + PULSE_TABS.length) % PULSE_TABS.length;
  const window = WINDOWS[active % 2] ?? WINDOWS[0];
  const since = new Date(data.now - window.ms).toISOString();
  const jobs = jobsSince(data, since);
  const totals = zero();
  for (const job of jobs) totals[jobOutcome(job)]++;
  const header = [
    [
      seg(`last ${window.label}: ${jobs.length} jobs`),
      seg(' · '),
      seg(`${totals.completed} completed`, 'ok'),
      seg(' · '),
      seg(`${totals.issues} with issues`, totals.issues ? 'warn' : 'dim'),
      seg(' · '),
      seg(`${totals.failed} failed`, totals.failed ? 'bad' : 'dim'),
      seg(' · '),
      seg(`${totals.expired} expired`, totals.expired ? 'bad' : 'dim'),
      seg(' · '),
      seg(`${totals.running} running`, 'accent'),
    ],
  ];
  const base = { kind: 'table' as const, title: 'Pulse', header, tabs: { labels: PULSE_TABS, active } };
  return active < 2
    ? { ...base, columns: ACCOUNT_COLUMNS, rows: accountRows(data, jobs, since, window.label), empty: 'No accounts.' }
    : { ...base, columns: REASON_COLUMNS, rows: reasonRows(jobs, since, window.label), empty: `No failed jobs in the last ${window.label}.` };
}
