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

describe('PdfWriter tables across pages', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-pages-'));
  });
  afterAll(() => rmSync(dir, { recursive: true }));

  const pages = (pdf: Buffer, name: string): string[] => {
    const file = join(dir, name);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  };

  it('never breaks a word inside a narrow cell (the text shrinks instead)', async () => {
    const text = pages(
      await render((w) =>
        w.table(
          [
            { header: 'class', width: 1.6, value: (r: string) => r },
            ...['Aurora', 'DynamoDB', 'EBS', 'EFS', 'FSx', 'RDS', 'S3', 'Neptune', 'Timestream', 'DocumentDB'].map((h) => ({ header: h, width: 1, value: () => '12' })),
            { header: 'backup required', width: 1.3, value: () => '3' },
          ],
          ['critical', 'important'],
        ),
      ),
      'narrow.pdf',
    ).join('\n');
    for (const word of ['DynamoDB', 'Timestream', 'DocumentDB']) expect(text).toContain(word);
    expect(text).not.toMatch(/Dynam\s+oDB|Timestrea\s+m|DocumentD\s+B/);
  });

  it('does not leave the last row of a table alone on a page, and keeps a heading with its table', async () => {
    // Find how many rows fill the first page, then draw one more: the last row would be an orphan.
    const rowsOn = async (n: number): Promise<string[]> =>
      pages(
        await render((w) => {
          w.heading('A heading');
          w.table([{ header: 'row', width: 1, value: (r: string) => r }], Array.from({ length: n }, (_, i) => `row-${String(i).padStart(3, '0')}`));
        }),
        `rows-${n}.pdf`,
      );
    let fit = 20;
    while ((await rowsOn(fit + 1)).length === 1) fit++;
    const split = await rowsOn(fit + 1);
    expect(split).toHaveLength(2);
    const lastPageRows = (split[1] ?? '').match(/row-\d{3}/g) ?? [];
    expect(lastPageRows.length).toBeGreaterThanOrEqual(2);
    // A heading at the foot of a page moves with its table.
    const headed = pages(
      await render((w) => {
        w.table([{ header: 'row', width: 1, value: (r: string) => r }], Array.from({ length: fit - 1 }, (_, i) => `fill-${i}`));
        w.heading('Second table');
        w.table([{ header: 'x', width: 1, value: (r: string) => r }], ['a1', 'a2', 'a3']);
      }),
      'heading.pdf',
    );
    const withHeading = headed.find((p) => p.includes('Second table')) ?? '';
    expect(withHeading).toContain('a1');
  }, 120_000);
});
