/**
 * The readable posture summary `posture` prints without `--json`: a few aligned tables, terminal-safe.
 */
import { sanitize, TIERS, type Posture } from '@vaultscope/core';

const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Every cell passes through the sanitizer here (account names and ids come from the estate), before widths. */
function table(headers: string[], cells: string[][]): string {
  const rows = cells.map((r) => r.map((c) => sanitize(c)));
  // A loop, not Math.max(...rows): an estate with a million accounts must not overflow the call stack.
  const widths = headers.map((h) => h.length);
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Renders the posture summary as plain text. */
export function renderSummary(posture: Posture, accountNames: ReadonlyMap<string, string>): string {
  const s = posture.summary;
  const out: string[] = [];
  out.push(sanitize(`Vaultscope posture — evaluated ${posture.evaluatedAt}, estate captured ${posture.estateCapturedAt}`));
  out.push(
    `${s.accounts} accounts, ${s.assets} assets; coverage of backup-required data ${pct(s.coverage.coveragePct)} ` +
      `(${s.coverage.covered}/${s.coverage.required} selected by a plan, ${s.coverage.protected} protected within RPO)` +
      (s.incompleteDiscovery ? '; DISCOVERY INCOMPLETE' : ''),
  );
  out.push('');
  out.push(
    table(
      ['class', 'assets', 'required', 'covered', 'protected', 'coverage'],
      TIERS.map((t) => {
        const c = s.coverage.byClass[t];
        return [t, String(s.byClass[t] ?? 0), String(c?.required ?? 0), String(c?.covered ?? 0), String(c?.protected ?? 0), pct(c?.coveragePct ?? null)];
      }),
    ),
  );
  out.push('');
  out.push(table(['coverage state', 'assets'], Object.entries(s.byCoverage).map(([k, v]) => [k, String(v)])));
  out.push('');
  const accountRows = Object.entries(s.coverage.byAccount)
    .sort(([, a], [, b]) => (a.coveragePct ?? 1) - (b.coveragePct ?? 1))
    .map(([id, c]) => [accountNames.get(id) ?? id, id, String(c.required), String(c.covered), pct(c.coveragePct)]);
  out.push(table(['account', 'id', 'required', 'covered', 'coverage'], accountRows));
  out.push('');
  const j = s.jobs;
  out.push(
    table(
      [`jobs (last ${j.windowDays} d)`, 'total', 'completed', 'with issues', 'failed', 'expired', 'aborted', 'running', 'success'],
      (['backup', 'copy', 'restore'] as const).map((k) => {
        const c = j[k];
        if (!j.observed[k]) return [k, 'not observed', '', '', '', '', '', '', ''];
        return [k, String(c.total), String(c.completed), String(c.completedWithIssues), String(c.failed), String(c.expired), String(c.aborted), String(c.running), pct(c.successRate)];
      }),
    ),
  );
  out.push('');
  out.push(
    (j.observed.restore
      ? `restore tests: ${s.restoreTests.total} run, ${s.restoreTests.passed} passed, ${s.restoreTests.failed} failed (pass rate ${pct(s.restoreTests.passRate)}); `
      : 'restore tests: not observed; ') +
      `RPO met ${s.objectives.rpo.met}/${s.objectives.rpo.measured} (${pct(s.objectives.rpo.attainment)}), ` +
      `RTO met ${s.objectives.rto.met}/${s.objectives.rto.measured} (${pct(s.objectives.rto.attainment)})`,
  );
  out.push('');
  out.push(table(['check', 'findings'], Object.entries(s.byCheck).filter(([, n]) => n > 0).map(([k, v]) => [k, String(v)])));
  out.push('');
  out.push(`findings by severity: ${Object.entries(s.bySeverity).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (posture.notEvaluated.length) out.push(`not evaluated: ${posture.notEvaluated.length} (see --json for scope and reason)`);
  return `${out.join('\n')}\n`;
}
