import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfWriter } from './writer.js';

const CJK_ARABIC = '数据中心 مدفوعات شهرية';
const LATIN_HEBREW = 'Payroll שכר עבודה 2024 backup';
/** Long enough to wrap in a narrow cell. */
const LONG_MIXED = 'cards-settlement 顧客データ مدفوعات شهرية للعملاء final-copy שכר עבודה';

async function render(draw: (w: PdfWriter) => void): Promise<Buffer> {
  const w = new PdfWriter({ title: 't', subject: 's', author: 'a', creationDate: new Date('2026-11-02T06:00:00Z'), runningHeader: 'h' });
  const chunks: Buffer[] = [];
  w.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => w.doc.on('end', resolve));
  draw(w);
  w.doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function drawMixed(w: PdfWriter): void {
  w.para(CJK_ARABIC);
  w.para(LATIN_HEBREW);
  w.table(
    [
      { header: 'Name', width: 1, value: (r: string) => r },
      { header: 'Note', width: 4, value: () => 'after' },
    ],
    [LONG_MIXED, 'plain'],
  );
  w.para('end of test');
}

describe('PdfWriter mixed-script text', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'writer-'));
    file = join(dir, 'mixed.pdf');
    writeFileSync(file, await render(drawMixed));
  });
  afterAll(() => rmSync(dir, { recursive: true }));

  it('draws each script in a font that has it, right-to-left runs extracting in logical order', () => {
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('数据中心');
    expect(text).toContain('مدفوعات شهرية');
    expect(text).toContain('Payroll');
    expect(text).toContain('שכר עבודה');
    expect(text).toContain('2024');
    expect(text).not.toContain('تاعوفدم');
    expect(text).not.toContain('הדובע');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/UnifontEx\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/i);
  });

  it('wraps mixed text inside its table cell: the row grows and the next row starts below it', () => {
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5] ?? '',
    }));
    const after = words.find((w) => w.text === 'after');
    const plain = words.find((w) => w.text === 'plain');
    if (!after || !plain) throw new Error('table cells not found');
    // The name column spans a fifth of the content width: 50 + 495 / 5 = 149 pt.
    const cell = words.filter((w) => w.yMin >= after.yMin - 1 && w.yMax <= plain.yMin + 1 && w.xMin < 149);
    expect(new Set(cell.map((w) => Math.round(w.yMin))).size).toBeGreaterThan(2);
    for (const w of cell) expect(w.xMax).toBeLessThanOrEqual(149);
  });

  it('is byte-reproducible', async () => {
    expect((await render(drawMixed)).equals(await render(drawMixed))).toBe(true);
  });
});
