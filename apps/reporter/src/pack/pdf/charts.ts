/**
 * Charts drawn as vector graphics (paths and rectangles, no images), so they stay sharp and small.
 */
import type { RestoreTestRow } from '../model/restoreTestRows.js';
import type { DailyCount } from '../model/stats.js';
import { int } from '../text.js';
import { COLORS, type PdfWriter } from './writer.js';

/** A tidy upper bound for an axis: 1, 2 or 5 × a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const base = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * base >= value) return m * base;
  return 10 * base;
}

function legend(w: PdfWriter, x: number, y: number, items: readonly [string, string][]): void {
  const doc = w.doc;
  let at = x;
  doc.font('body').fontSize(7.5);
  for (const [label, color] of items) {
    doc.rect(at, y + 1, 8, 8).fill(color);
    doc.fillColor(COLORS.text).text(label, at + 11, y, { lineBreak: false });
    at += 11 + doc.widthOfString(label) + 14;
  }
}

/** Stacked daily bars: completed, unsuccessful (failed, expired, aborted, partial: core's `isUnsuccessful`) and not finished. */
export function dailyBarChart(
  w: PdfWriter,
  days: readonly DailyCount[],
  caption: string,
  labels: readonly [string, string, string] = ['completed', 'failed / expired / aborted / partial', 'not finished'],
): void {
  const doc = w.doc;
  const height = 150;
  w.ensureSpace(height + 50);
  const top = doc.y + 4;
  const axisX = w.left + 34;
  const plotW = w.width - 40;
  const max = niceMax(Math.max(1, ...days.map((d) => d.completed + d.failed + d.other)));
  const base = top + height;
  doc.font('body').fontSize(7).fillColor(COLORS.muted);
  for (let i = 0; i <= 4; i++) {
    const y = base - (height * i) / 4;
    doc.strokeColor(COLORS.rule).lineWidth(0.4).moveTo(axisX, y).lineTo(axisX + plotW, y).stroke();
    doc.fillColor(COLORS.muted).text(int(Math.round((max * i) / 4)), w.left - 4, y - 4, { width: 34, align: 'right', lineBreak: false });
  }
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.7);
  days.forEach((d, i) => {
    const x = axisX + i * slot + (slot - barW) / 2;
    let y = base;
    for (const [value, color] of [[d.completed, COLORS.ok], [d.failed, COLORS.bad], [d.other, COLORS.neutral]] as const) {
      if (value <= 0) continue;
      // A few failures beside thousands of completed jobs would be a hairline: failures get a visible minimum.
      const h = Math.max((value / max) * height, color === COLORS.bad ? MIN_FAILURE_BAR : 0);
      doc.rect(x, y - h, barW, h).fill(color);
      y -= h;
    }
    if (d.failed > 0) {
      // The count above the bar, so a failure reads as a number, not only as a sliver of red.
      doc.font('body').fontSize(6).fillColor(COLORS.bad).text(int(d.failed), x - 6, Math.max(top - 2, y - 9), { width: barW + 12, align: 'center', lineBreak: false });
    }
    const every = Math.ceil(days.length / 10);
    if (i % every === 0) {
      doc.font('body').fontSize(6.5).fillColor(COLORS.muted).text(d.day.slice(5), x - 8, base + 3, { width: barW + 16, align: 'center', lineBreak: false });
    }
  });
  doc.strokeColor(COLORS.text).lineWidth(0.6).moveTo(axisX, top).lineTo(axisX, base).lineTo(axisX + plotW, base).stroke();
  legend(w, axisX, base + 14, [[labels[0], COLORS.ok], [labels[1], COLORS.bad], [labels[2], COLORS.neutral]]);
  doc.y = base + 28;
  const failedDays = days.filter((d) => d.failed > 0);
  const failures = failedDays.length
    ? ` ${labels[1]} by day: ${failedDays.map((d) => `${d.day.slice(5)} (${int(d.failed)})`).join(', ')}.`
    : ` No ${labels[1].split(' ')[0]} in the period.`;
  w.para(`${caption}${failures}`, { color: COLORS.muted, size: 8 });
}

/** Height in points below which a non-zero failure segment is not drawn (it would not be seen). */
const MIN_FAILURE_BAR = 3;

/**
 * Restore tests as points: y = duration as a share of the RTO (the dashed line is the RTO; beyond 2× drawn on
 * the edge, and counted in the note), x = age of the restored data in hours.
 */
export function restoreScatter(w: PdfWriter, rows: readonly RestoreTestRow[], caption: string): void {
  const doc = w.doc;
  const height = 170;
  const width = 300;
  w.ensureSpace(height + 60);
  const top = doc.y + 6;
  const x0 = w.left + 40;
  const base = top + height;
  const points = rows.filter((r) => r.durationHours !== undefined && r.rtoHours && r.dataAgeHours !== undefined);
  const ages = points.map((r) => r.dataAgeHours ?? 0).sort((a, b) => a - b);
  const maxAge = niceMax(ages[Math.floor(ages.length * 0.98)] ?? ages.at(-1) ?? 1);
  const y = (ratio: number): number => base - (Math.min(ratio, 2) / 2) * height;
  const x = (age: number): number => x0 + (Math.min(Math.max(age, 0), maxAge) / maxAge) * width;
  doc.rect(x0, y(1), width, base - y(1)).fill('#e8f5e9');
  doc.strokeColor(COLORS.bad).lineWidth(0.6).moveTo(x0, y(1)).lineTo(x0 + width, y(1)).dash(3, { space: 2 }).stroke().undash();
  doc.strokeColor(COLORS.text).lineWidth(0.6).moveTo(x0, top).lineTo(x0, base).lineTo(x0 + width, base).stroke();
  doc.font('body').fontSize(7).fillColor(COLORS.muted);
  for (const v of [0, 0.5, 1, 1.5, 2]) doc.text(`${v}×`, x0 - 26, y(v) - 4, { width: 22, align: 'right', lineBreak: false });
  for (let i = 0; i <= 4; i++) {
    const age = (maxAge * i) / 4;
    doc.text(`${Math.round(age * 10) / 10} h`, x(age) - 16, base + 3, { width: 32, align: 'center', lineBreak: false });
  }
  doc.text('age of the restored data (hours)', x0, base + 13, { width, align: 'center', lineBreak: false });
  doc.text('RTO', x0 + width + 3, y(1) - 4, { lineBreak: false });
  doc.save().rotate(-90, { origin: [w.left + 4, top + height / 2] });
  doc.text('duration ÷ RTO', w.left + 4 - height / 2, top + height / 2 - 4, { width: height, align: 'center', lineBreak: false });
  doc.restore();
  for (const r of points) {
    const color = r.verdict === 'passed' ? COLORS.ok : r.verdict === 'failed' ? COLORS.bad : COLORS.neutral;
    doc.circle(x(r.dataAgeHours ?? 0), y((r.durationHours ?? 0) / (r.rtoHours ?? 1)), 2.2).fillOpacity(0.7).fill(color);
  }
  doc.fillOpacity(1);
  const side = x0 + width + 30;
  legend(w, side, top + 10, [['passed', COLORS.ok]]);
  legend(w, side, top + 24, [['failed', COLORS.bad]]);
  legend(w, side, top + 38, [['pending', COLORS.neutral]]);
  // Points beyond the axes are drawn on the edge; say how many, so an outlier is never silently moved.
  const clamped = points.filter((r) => (r.durationHours ?? 0) / (r.rtoHours ?? 1) > 2 || (r.dataAgeHours ?? 0) > maxAge || (r.dataAgeHours ?? 0) < 0).length;
  const edgeNote = clamped ? ` ${int(clamped)} ${clamped === 1 ? 'test lies' : 'tests lie'} beyond the axes (over 2\u00d7 the RTO, or data older than ${int(maxAge)} h) and ${clamped === 1 ? 'is' : 'are'} drawn on the edge; restore-tests.csv has the exact figures.` : '';
  doc.font('body').fontSize(8).fillColor(COLORS.muted).text(
    `${int(points.length)} of ${int(rows.length)} tests plotted (the others did not complete, or lack a recovery-point time or a known RTO). Shaded: within the RTO.${edgeNote}`,
    side, top + 60, { width: w.left + w.width - side },
  );
  doc.y = base + 28;
  w.para(caption, { color: COLORS.muted, size: 8 });
}
