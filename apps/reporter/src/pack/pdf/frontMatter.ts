/**
 * Cover, executive summary and the DORA table.
 */
import { TIERS } from '@vaultscope/core';
import type { DoraRow, DoraStatus } from '../model/dora.js';
import type { PackReport } from '../model/report.js';
import { hours, int, pct } from '../text.js';
import { COLORS, type PdfWriter } from './writer.js';

/** Colour of a DORA status. */
export function statusColor(status: DoraStatus): string {
  return status === 'met' ? COLORS.ok : status === 'partially met' ? COLORS.warn : status === 'not met' ? COLORS.bad : COLORS.neutral;
}

const REGIME_TEXT = {
  full: 'full ICT risk-management framework (DORA Art. 5 to 15; RTS 2024/1774 Art. 24 to 26)',
  simplified: 'simplified ICT risk-management framework (DORA Art. 16; RTS 2024/1774 Art. 39(2)(g) and 40)',
} as const;

const rateColor = (rate: number | null, good = 0.99, fair = 0.9): string =>
  rate === null ? COLORS.neutral : rate >= good ? COLORS.ok : rate >= fair ? COLORS.warn : COLORS.bad;

/** Organization label: name and id when both are known. */
export function orgLabel(r: PackReport): string {
  const { id, name } = r.organization;
  return name && id ? `${name} (${id})` : (name ?? id ?? 'organization not identified');
}

/**
 * What the reader must know before reading any figure: the period had not ended, or the job history does not
 * cover it. Said on the cover and again at the top of the summary.
 */
export function periodWarnings(r: PackReport): string[] {
  const warnings: string[] = [];
  if (!r.coverage.complete) {
    warnings.push(`INCOMPLETE PERIOD: ${r.period.label} had not ended when this pack was generated. It covers ${r.period.firstDay} only up to ${r.coverage.coveredUntil}, not the whole period; make the pack again after ${r.period.to} for the period's evidence.`);
  }
  if (r.history.note) warnings.push(r.history.note);
  return warnings;
}

function warningBox(w: PdfWriter, text: string): void {
  const doc = w.doc;
  doc.moveDown(1);
  const y = doc.y;
  const h = doc.font('body').fontSize(9.5).heightOfString(text, { width: w.width - 20 }) + 16;
  doc.rect(w.left, y, w.width, h).lineWidth(1).strokeColor(COLORS.bad).stroke();
  doc.fillColor(COLORS.bad).text(text, w.left + 10, y + 8, { width: w.width - 20 });
  doc.y = y + h + 8;
}

/** The cover page (page 1). */
export function renderCover(w: PdfWriter, r: PackReport): void {
  const doc = w.doc;
  doc.rect(0, 0, doc.page.width, 8).fill(COLORS.accent);
  doc.y = 120;
  doc.font('bold').fontSize(26).fillColor(COLORS.accent).text('DORA evidence pack', w.left, doc.y, { width: w.width });
  doc.moveDown(0.3).font('body').fontSize(12).fillColor(COLORS.muted);
  doc.text(`Backup, restoration and recovery — Regulation (EU) 2022/2554 Art. 11(6) and Art. 12; Commission Delegated Regulation (EU) 2024/1774 ${r.regime === 'full' ? 'Art. 24, 25 and 26' : 'Art. 39(2)(g) and 40 (simplified framework)'}`, { width: w.width });
  doc.moveDown(2);
  w.keyValues([
    ['Organization', orgLabel(r)],
    ['Period', `${r.period.firstDay} to ${r.period.lastDay} (${r.period.label}), UTC${r.coverage.complete ? '' : ` — INCOMPLETE: covers only up to ${r.coverage.coveredUntil}`}`, r.coverage.complete ? undefined : COLORS.bad],
    ['Generated', r.generatedAt],
    ['Generator', `${r.generator.name} ${r.generator.version}`],
    ['Source', `${r.source.spec}, observed ${r.source.capturedAt}`],
    ['Time base', `posture ${r.timeBase.label}; jobs and restore tests as they stood at the end of the period`],
    ['Job history', r.ledger.storage === 'memory'
      ? `in-memory ledger seeded from the source's own job history (${int(r.ledger.batches)} collection)`
      : `history ledger, ${int(r.ledger.batches)} collections, ${r.ledger.firstCollectedAt ?? '—'} to ${r.ledger.lastCollectedAt ?? '—'}; chain verified`],
    ['Policy', `${r.policy.origin}, SHA-256 ${r.policy.hash.slice(0, 16)}…`],
    ['Signed by', r.signer.subject],
    ['Signer fingerprint', `SHA-256 ${r.signer.fingerprint}`],
  ]);
  for (const warning of periodWarnings(r)) warningBox(w, warning);
  if (r.signer.selfSigned) {
    warningBox(w, 'This pack is signed with a SELF-SIGNED certificate. The signatures prove the files have not changed since they were signed; they do not prove who signed them. Compare the fingerprint above with the one your organization recorded, or sign packs with your organization\u2019s certificate (--sign-p12).');
  }
  doc.moveDown(1).font('body').fontSize(9).fillColor(COLORS.muted);
  doc.text('Every file of this pack is listed with its SHA-256 in manifest.json, which is signed (manifest.json.p7s); this PDF carries its own signature. VERIFY.md gives the commands to check both offline.', { width: w.width });
}

/** Executive summary. */
export function renderExecutiveSummary(w: PdfWriter, r: PackReport): void {
  const s = r.posture.summary;
  w.section('Executive summary');
  for (const warning of periodWarnings(r)) w.para(warning, { color: COLORS.bad, bold: true });
  const critical = s.bySeverity.critical ?? 0;
  const high = s.bySeverity.high ?? 0;
  w.keyValues([
    ['Time base', `Coverage, RPO attainment, stale recovery points and findings: ${r.timeBase.label}. Jobs and restore tests: ${r.jobsTimeBase}, as they stood at the end of the period.`],
    ['Coverage of backup-required data', `${pct(s.coverage.coveragePct)} — ${int(s.coverage.covered)} of ${int(s.coverage.required)} assets selected by a backup plan, ${int(s.coverage.protected)} with a recent recovery point`, rateColor(s.coverage.coveragePct, 1, 0.95)],
    ['Critical gaps', `${int(critical)} critical and ${int(high)} high-severity findings`, critical ? COLORS.bad : high ? COLORS.warn : COLORS.ok],
    ['Backup job success', `${pct(r.backup.successRate)} of ${int(r.backup.counts.total)} backup jobs in the period`, rateColor(r.backup.successRate, 0.99, 0.95)],
    ['Copy job success', `${pct(r.copy.successRate)} of ${int(r.copy.counts.total)} copy jobs`, rateColor(r.copy.successRate, 0.99, 0.95)],
    ['Exceptions', `${int(r.exceptions.length)} in the period (exceptions.csv): ${int(r.exceptions.filter((e) => e.kind === 'backup job').length)} backup jobs, ${int(r.exceptions.filter((e) => e.kind === 'copy job').length)} copy jobs, ${int(r.exceptions.filter((e) => e.kind === 'restore test').length)} restore tests, ${int(r.exceptions.filter((e) => e.kind === 'restore job').length)} other restores`, r.exceptions.length ? COLORS.warn : COLORS.ok],
    ['Restore-test pass rate', `${pct(r.restore.passRate)} — ${int(r.restore.passed)} passed, ${int(r.restore.failed)} failed, ${int(r.restore.pending)} pending`, rateColor(r.restore.passRate, 1, 0.9)],
    ['RTO attainment', `${pct(r.restore.rto.attainment)} (${int(r.restore.rto.met)} of ${int(r.restore.rto.measured)} restore tests within RTO)`, rateColor(r.restore.rto.attainment, 1, 0.9)],
    ['RPO attainment', `${pct(s.objectives.rpo.attainment)} (${int(s.objectives.rpo.met)} of ${int(s.objectives.rpo.measured)} backup-required assets have a recovery point within their RPO)`, rateColor(s.objectives.rpo.attainment, 1, 0.95)],
  ], 190);

  w.heading('Coverage of backup-required data by class');
  w.table(
    [
      { header: 'class', width: 2, value: (t: string) => t },
      { header: 'assets', width: 1, align: 'right', value: (t) => int(s.byClass[t] ?? 0) },
      { header: 'backup required', width: 1.3, align: 'right', value: (t) => int(s.coverage.byClass[t]?.required ?? 0) },
      { header: 'in a plan', width: 1.1, align: 'right', value: (t) => int(s.coverage.byClass[t]?.covered ?? 0) },
      { header: 'protected', width: 1.1, align: 'right', value: (t) => int(s.coverage.byClass[t]?.protected ?? 0) },
      { header: 'coverage', width: 1.1, align: 'right', value: (t) => pct(s.coverage.byClass[t]?.coveragePct), color: (t) => rateColor(s.coverage.byClass[t]?.coveragePct ?? null, 1, 0.95) },
    ],
    TIERS,
    { size: 9 },
  );

  const counts = new Map<DoraStatus, number>();
  for (const row of r.dora) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  w.heading('DORA evidence at a glance');
  const notApplicable = counts.get('not applicable') ?? 0;
  w.para(`${counts.get('met') ?? 0} met, ${counts.get('partially met') ?? 0} partially met, ${counts.get('not met') ?? 0} not met, ${counts.get('not evaluated') ?? 0} not evaluated${notApplicable ? `, ${notApplicable} not applicable` : ''} (see the DORA table; framework: ${r.regime}).`);

  const worst = r.posture.findings.filter((f) => f.severity === 'critical').slice(0, 10);
  w.heading('Most critical gaps');
  w.table(
    [
      { header: 'check', width: 2.2, value: (f: (typeof worst)[number]) => f.check },
      { header: 'account', width: 1.6, value: (f) => r.accountNames.get(f.accountId) ?? f.accountId },
      { header: 'finding', width: 5, value: (f) => f.message, max: 220 },
    ],
    worst,
    { empty: 'No critical findings.' },
  );
  w.para(`Objectives per class: ${TIERS.map((t) => {
    const a = r.posture.assets.find((x) => x.classification.tier === t);
    return a ? `${t} RTO ${hours(a.classification.rtoHours)} / RPO ${hours(a.classification.rpoHours)}` : undefined;
  }).filter(Boolean).join('; ') || 'no assets'}.`, { color: COLORS.muted, size: 8.5 });
}

/** The DORA mapping table, then the rule and time base behind each status. */
export function renderDoraTable(w: PdfWriter, r: PackReport): void {
  w.section('DORA mapping');
  w.para(`Each evidence item of this pack mapped to the provision it supports, with the status the evidence shows, under the ${REGIME_TEXT[r.regime]} (policy setting doraRegime). The status is a reading of the figures against the thresholds below, not a legal opinion; a provision the evidence can only partly support never reads MET. dora-controls.csv holds the same table with its thresholds, time bases and reasons.`, { color: COLORS.muted, size: 9 });
  w.table<DoraRow>(
    [
      { header: 'provision', width: 1.3, value: (d) => d.provision },
      { header: 'requirement', width: 2.4, value: (d) => d.requirement },
      { header: 'evidence in this pack', width: 3, value: (d) => d.evidence },
      { header: 'status', width: 1.1, value: (d) => d.status.toUpperCase(), color: (d) => statusColor(d.status) },
      { header: 'figures', width: 2.8, value: (d) => d.figures },
    ],
    r.dora,
    { size: 7.5 },
  );
  w.heading('How each status is decided');
  w.table<DoraRow>(
    [
      { header: 'provision', width: 1.3, value: (d) => d.provision },
      { header: 'thresholds', width: 4, value: (d) => d.thresholds },
      { header: 'time base', width: 2.2, value: (d) => d.timeBase },
      { header: 'why not MET', width: 3, value: (d) => d.reason || '—' },
    ],
    r.dora,
    { size: 7 },
  );
}
