/**
 * Findings with remediation, Audit Manager evidence, collections in the period, and the appendix on method,
 * sources and what could not be evaluated.
 */
import { CHECKS, SEVERITIES, type Finding } from '@vaultscope/core';
import type { BatchInfo } from '@vaultscope/ledger';
import { complianceTally, type AuditEvidenceRow } from '../model/auditManager.js';
import type { ExceptionRow } from '../model/exceptions.js';
import type { PackReport } from '../model/report.js';
import type { CheckTally } from '../model/sections.js';
import { int, pct } from '../text.js';
import { PDF_LIST_LIMIT } from './bodySections.js';
import { COLORS, type PdfWriter } from './writer.js';

const severityColor = (s: string): string => (s === 'critical' ? COLORS.bad : s === 'high' ? '#d84315' : s === 'medium' ? COLORS.warn : COLORS.muted);

export function renderFindings(w: PdfWriter, r: PackReport): void {
  const findings = r.posture.findings;
  w.section('Findings and remediation');
  w.para(`The findings of the period are the posture's findings ${r.timeBase.label} (${int(findings.length)}, findings.csv, with remediation) and the exceptions register: every failed, expired, aborted or partial backup and copy job and every failed restore test or restore of the period (${int(r.exceptions.length)}, exceptions.csv), so the job and restore figures of this pack and the CSVs count the same events.`);
  w.heading('By check');
  w.table<CheckTally>(
    [
      { header: 'check', width: 2.4, value: (e) => `${CHECKS[e.check].title} (${e.check})` },
      { header: 'worst severity', width: 1.1, value: (e) => SEVERITIES[e.worst] ?? '', color: (e) => severityColor(SEVERITIES[e.worst] ?? '') },
      { header: 'findings', width: 0.9, align: 'right', value: (e) => int(e.count) },
      { header: 'DORA', width: 1.6, value: (e) => CHECKS[e.check].dora.join(', ') },
      { header: 'remediation (example)', width: 4, value: (e) => e.example.remediation, max: 300 },
    ],
    r.sections.findingsByCheck,
    { size: 7.5, empty: 'No findings.' },
  );
  w.heading(`Exceptions register (${int(r.exceptions.length)})`);
  if (r.exceptions.length > PDF_LIST_LIMIT) {
    w.para(`Showing the first ${int(PDF_LIST_LIMIT)} of ${int(r.exceptions.length)} exceptions; exceptions.csv lists all of them.`, { color: COLORS.muted, size: 8.5 });
  }
  w.table<ExceptionRow>(
    [
      { header: 'created (UTC)', width: 1.5, value: (e) => e.createdAt.slice(0, 16).replace('T', ' ') },
      { header: 'kind', width: 1.1, value: (e) => e.kind },
      { header: 'account', width: 1.5, value: (e) => r.accountNames.get(e.accountId) ?? e.accountId, max: 30 },
      { header: 'resource', width: 2, value: (e) => `${e.resourceType ?? ''} ${(e.resourceArn ?? '').split(/[:/]/).pop() ?? ''}`.trim(), max: 50 },
      { header: 'state', width: 1, value: (e) => e.state, color: () => COLORS.bad },
      { header: 'reason', width: 3, value: (e) => e.reason, max: 200 },
    ],
    r.exceptions.slice(0, PDF_LIST_LIMIT),
    { size: 7, empty: 'No job or restore test failed in the period.' },
  );
  w.heading('Findings');
  if (findings.length > PDF_LIST_LIMIT) {
    w.para(`Showing the ${int(PDF_LIST_LIMIT)} most severe of ${int(findings.length)} findings.`, { color: COLORS.muted, size: 8.5 });
  }
  w.table<Finding>(
    [
      { header: 'severity', width: 1, value: (f) => f.severity, color: (f) => severityColor(f.severity) },
      { header: 'account', width: 1.6, value: (f) => r.accountNames.get(f.accountId) ?? f.accountId },
      { header: 'finding', width: 3.6, value: (f) => f.message, max: 240 },
      { header: 'remediation', width: 3.6, value: (f) => f.remediation, max: 240 },
    ],
    findings.slice(0, PDF_LIST_LIMIT),
    { size: 7, empty: 'No findings.' },
  );
}

export function renderAuditManager(w: PdfWriter, r: PackReport): void {
  const rows = r.auditEvidence;
  w.section('AWS Audit Manager evidence');
  w.para(`${int(rows.length)} evidence items collected in the period by AWS Audit Manager assessments (an optional source: this pack is complete without it). audit-manager-evidence.csv lists every item.`);
  w.table(
    [
      { header: 'compliance check', width: 3, value: (x: { verdict: string; count: number }) => x.verdict },
      { header: 'evidence items', width: 1, align: 'right', value: (x) => int(x.count) },
    ],
    complianceTally(rows),
    { size: 9 },
  );
  w.heading('By assessment and control');
  w.table(
    [
      { header: 'assessment — control', width: 5, value: (x: { control: string; count: number }) => x.control, max: 200 },
      { header: 'items', width: 1, align: 'right', value: (x) => int(x.count) },
    ],
    r.sections.auditByControl.slice(0, PDF_LIST_LIMIT),
  );
  const nonCompliant = rows.filter((e: AuditEvidenceRow) => e.complianceCheck.toUpperCase() === 'NON_COMPLIANT').slice(0, 100);
  if (nonCompliant.length) {
    w.heading('Non-compliant evidence (first 100)');
    w.table<AuditEvidenceRow>(
      [
        { header: 'time', width: 1.5, value: (e) => e.time.slice(0, 16).replace('T', ' ') },
        { header: 'control', width: 2.5, value: (e) => e.control, max: 100 },
        { header: 'event', width: 2, value: (e) => `${e.eventSource} ${e.eventName}`.trim() },
        { header: 'resources', width: 3, value: (e) => e.resources, max: 160 },
      ],
      nonCompliant,
      { size: 7 },
    );
  }
}

export function renderCollections(w: PdfWriter, r: PackReport): void {
  w.section('Collections in the period');
  const l = r.ledger;
  w.para(
    l.storage === 'memory'
      ? 'This pack was built from an in-memory ledger seeded from the source\u2019s own job history (the demo organization carries 90 days of it).'
      : `The history ledger holds ${int(l.batches)} batches, chained by SHA-256 (each over its content and the previous batch\u2019s hash); the chain was re-computed and verified before this pack was built. Head: batch ${l.headSeq ?? '—'}, ${l.headHash ?? '—'}.`,
  );
  w.table<BatchInfo>(
    [
      { header: 'batch', width: 0.7, align: 'right', value: (b) => String(b.seq) },
      { header: 'collected (UTC)', width: 1.8, value: (b) => b.collectedAt.slice(0, 16).replace('T', ' ') },
      { header: 'source', width: 1.4, value: (b) => b.source, max: 40 },
      { header: 'new / updated / unchanged jobs', width: 2.4, value: (b) => `${int(b.inserted)} / ${int(b.updated)} / ${int(b.unchanged)}` },
      { header: 'coverage', width: 1, align: 'right', value: (b) => pct(b.summary?.coverage.coveragePct) },
      { header: 'findings', width: 1, align: 'right', value: (b) => (b.summary ? int(Object.values(b.summary.bySeverity).reduce((s, n) => s + n, 0)) : '—') },
    ],
    l.collectionsInPeriod.slice(-PDF_LIST_LIMIT),
    { empty: 'No collection ran inside the period; the job history comes from collections after it.' },
  );
}

/** Appendix rows for what the ledger's history and the period's end leave unevaluated. */
export function historyGaps(r: PackReport): { check: string; scope: string; reason: string }[] {
  const gaps: { check: string; scope: string; reason: string }[] = [];
  const rows = (status: string): string => r.dora.filter((d) => d.status === status && d.figures.startsWith('not evaluated (')).map((d) => d.provision).join(', ');
  if (!r.coverage.complete) {
    gaps.push({ check: 'period', scope: `${r.coverage.coveredUntil} to ${r.period.to}`, reason: `the period had not ended when the pack was generated; it covers up to ${r.coverage.coveredUntil}` });
  }
  if (r.history.state !== 'full' && r.history.note) {
    const affected = rows('not evaluated');
    gaps.push({ check: 'job history', scope: `period ${r.period.label}`, reason: `${r.history.note}${affected ? ` Not evaluated for that reason: ${affected}.` : ''}` });
  } else if (!r.history.yearCovered && rows('not evaluated')) {
    gaps.push({ check: 'job history', scope: 'twelve months to the end of the period', reason: `the ledger's history starts ${r.history.from?.slice(0, 10) ?? 'nowhere'}; not evaluated for that reason: ${rows('not evaluated')}` });
  }
  return gaps;
}

export function renderAppendix(w: PdfWriter, r: PackReport): void {
  w.section('Appendix: method, sources and limits');
  w.heading('Method');
  for (const text of [
    'Estate: what was observed, in AWS\u2019s own API shapes (AWS Organizations, AWS Backup plans, selections, vaults, protected resources, restore-testing plans, jobs, and per-service resource facts). Vaultscope is read-only towards AWS.',
    'Classification: each asset gets a data class (critical, important, standard, archival) from an explicit DataClassification tag, else from tag, name and service rules of the policy; assets.csv records the rule that decided.',
    'Coverage: an asset is covered when a backup selection selects it — (any Resources pattern or any ListOfTags entry, or both empty) and every Conditions entry holds and no NotResources pattern matches — and the resource type is opted in for its Region. Protection additionally needs a recovery point younger than the RPO.',
    'Jobs: AWS keeps job history for 30 days, so every collection appends backup, copy and restore jobs to the history ledger. A job\u2019s final state is recorded once; running jobs are updated until final. The period\u2019s jobs are those created inside it (UTC), each as it stood at the end of the period (an outcome reached later shows as not finished). Success rate = completed ÷ finished (completed, failed, expired, aborted, partial).',
    'Time base: coverage, RPO attainment, stale recovery points and findings are judged as of the end of the period (or the observation, if it came earlier), never as of the day the pack was built: what the observation holds from after that instant is left out, and the newest recovery point at it is the newest backup job completed before it.',
    'Restore tests: restore jobs created by an AWS Backup restore-testing plan. Passed = completed and not invalidated; failed = failed, aborted, or validation FAILED / TIMED_OUT. Duration = completion − creation (vs RTO); data age = creation − recovery point creation (vs RPO).',
    'Integrity: manifest.json lists every file with SHA-256 and size and is signed (detached CMS, manifest.json.p7s); the PDF is signed in place (PAdES, ETSI.CAdES.detached). Nothing needs network access to verify.',
  ]) w.para(text, { size: 9 });
  w.heading('Sources');
  w.keyValues([
    ['Source', r.source.spec],
    ['Observed at', r.source.capturedAt],
    ['Posture time base', `${r.timeBase.label}${r.timeBase.kind === 'period-end' && r.timeBase.observedAt !== r.timeBase.at ? `: the observation of ${r.timeBase.observedAt} without what happened after the period end (${int(r.timeBase.removed.jobs)} later jobs, ${int(r.timeBase.removed.outcomesAfter)} later job outcomes, ${int(r.timeBase.removed.recoveryPointTimes)} later recovery-point times, ${int(r.timeBase.removed.assets)} later assets left out); ${int(r.timeBase.judgedFromJobs)} backup-required assets show a gap at the period end because the job history holds no backup within their RPO before it, though the observation saw a later recovery point (continuous backups leave no job per recovery point: check these first); backup plans, selections and vaults are as observed` : ''}`],
    ['Job lists cover from', r.source.jobsSince ?? 'not stated by the source'],
    ['Policy', `${r.policy.origin} (SHA-256 ${r.policy.hash})`],
    ['Collection errors', int(r.estateErrors.length)],
  ]);
  w.heading('Not evaluated');
  // Gaps in the job history come first: they limit every job-based figure of the pack.
  const notEvaluated = [...historyGaps(r), ...r.posture.notEvaluated];
  w.table(
    [
      { header: 'check', width: 2, value: (n: (typeof notEvaluated)[number]) => n.check },
      { header: 'scope', width: 2.5, value: (n) => n.scope, max: 120 },
      { header: 'reason', width: 3.5, value: (n) => n.reason, max: 300 },
    ],
    notEvaluated.slice(0, PDF_LIST_LIMIT),
    { size: 7.5, empty: 'Every check could be evaluated, over the whole period.' },
  );
  if (r.estateErrors.length) {
    w.heading('Collection errors');
    w.table(
      [
        { header: 'account / Region', width: 2, value: (e: (typeof r.estateErrors)[number]) => `${e.accountId ?? ''} ${e.region ?? ''}`.trim() || 'organization' },
        { header: 'operation', width: 2.4, value: (e) => `${e.service}:${e.operation}` },
        { header: 'error', width: 3.6, value: (e) => `${e.code}: ${e.message}`, max: 200 },
      ],
      r.estateErrors.slice(0, PDF_LIST_LIMIT),
      { size: 7.5 },
    );
  }
  w.heading('Also evaluated outside this pack');
  w.para('DORA Art. 12(4) (redundant capacity) and Art. 12(5) (secondary processing sites of central securities depositories) concern infrastructure, not backup data, and are marked not evaluated. RTS Art. 25 scenario, third-party and crisis-communication tests need records this tool does not hold.', { size: 9 });
}
