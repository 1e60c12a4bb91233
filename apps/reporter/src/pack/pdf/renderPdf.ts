/**
 * The pack's PDF: every section in order, contents and page numbers filled in last, and an empty signature field
 * (the placeholder the signing step fills: evidence/pdfSignature.ts). The renderer only draws; it never sees a key.
 */
import { addSignaturePlaceholder } from '../../evidence/pdfSignature.js';
import type { PackReport } from '../model/report.js';
import { renderAppendix, renderAuditManager, renderCollections, renderFindings } from './backMatter.js';
import { renderBackupJobs, renderCopies, renderCoverage, renderInventory, renderRestoreTesting } from './bodySections.js';
import { orgLabel, renderCover, renderDoraTable, renderExecutiveSummary } from './frontMatter.js';
import { PdfWriter } from './writer.js';

/** Renders the PDF, unsigned, with its signature placeholder. */
export async function renderPdf(report: PackReport): Promise<Buffer> {
  const generatedAt = new Date(report.generatedAt);
  const w = new PdfWriter({
    title: `DORA evidence pack ${report.period.label} — ${orgLabel(report)}`,
    subject: `Backup, restoration and recovery evidence (DORA Art. 11(6), 12; RTS 2024/1774 ${report.regime === 'full' ? 'Art. 24, 25, 26' : 'Art. 39(2)(g), 40'})`,
    author: `${report.generator.name} ${report.generator.version}`,
    creationDate: generatedAt,
    runningHeader: `DORA evidence pack · ${orgLabel(report)} · ${report.period.firstDay} to ${report.period.lastDay}`,
  });
  const chunks: Buffer[] = [];
  w.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    w.doc.on('end', resolve);
    w.doc.on('error', reject);
  });

  renderCover(w, report);
  w.doc.addPage(); // the contents page, filled in by finish()
  renderExecutiveSummary(w, report);
  renderDoraTable(w, report);
  renderInventory(w, report);
  renderCoverage(w, report);
  renderBackupJobs(w, report);
  renderCopies(w, report);
  renderRestoreTesting(w, report);
  renderFindings(w, report);
  if (report.auditEvidence.length) renderAuditManager(w, report);
  renderCollections(w, report);
  renderAppendix(w, report);
  w.finish(1);

  addSignaturePlaceholder(w.doc, {
    reason: `DORA evidence pack ${report.period.label}`,
    name: report.signer.subject,
    location: orgLabel(report),
    contactInfo: report.signer.selfSigned ? 'self-signed' : report.signer.origin,
    signingTime: generatedAt,
  });
  w.doc.end();
  await ended;
  return Buffer.concat(chunks);
}
