/**
 * A thin layout layer over pdfkit: sections with a table of contents and bookmarks, paragraphs, key/value
 * blocks and tables that repeat their header across pages. Text is set in DejaVu Sans (dejavu-fonts-ttf: Latin,
 * Greek, Cyrillic, Arabic, Hebrew, …); the runs of a string that DejaVu lacks (CJK, for one) are set in UnifontEX
 * (@fontsource/unifontex, nearly all of Unicode's BMP), and right-to-left runs are drawn in visual order (see
 * textRuns.ts). Both fonts are embedded as subsets, so names render and extract as text on any machine.
 */
import PDFDocument from 'pdfkit';
import { clip, pdfText } from '../text.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { MixedText } from './mixedText.js';

export const COLORS = {
  text: '#1a1a1a',
  muted: '#5f6368',
  rule: '#c8ccd0',
  zebra: '#f3f5f7',
  accent: '#1f4e79',
  ok: '#2e7d32',
  warn: '#b26a00',
  bad: '#c62828',
  neutral: '#757575',
} as const;

/** Room a sub-heading takes above its block. */
const HEADING_HEIGHT = 34;

/** A table of at most this many rows moves whole to the next page rather than split. */
const KEEP_TOGETHER_ROWS = 8;

/** One table column. `width` is a share of the content width. */
export interface TableColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string;
  align?: 'left' | 'right' | 'center';
  color?: (row: T) => string | undefined;
  /** Longest text shown in a cell (longer is clipped with …; the CSV has the full value). */
  max?: number;
}

interface TocEntry {
  title: string;
  page: number;
  level: number;
  dest: string;
}

/** Document metadata. */
export interface WriterOptions {
  title: string;
  subject: string;
  author: string;
  creationDate: Date;
  /** Running header on every page but the cover. */
  runningHeader: string;
}

/** Wraps a pdfkit document with the report's layout primitives. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly toc: TocEntry[] = [];
  private readonly mixed: MixedText;
  private readonly options: WriterOptions;
  /** A heading waiting for the block it belongs to (see `ensureSpace`). */
  private pendingHeading: string | undefined;

  constructor(options: WriterOptions) {
    this.options = options;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 60, left: 50, right: 50 },
      bufferPages: true,
      pdfVersion: '1.7',
      lang: 'en',
      displayTitle: true,
      info: {
        Title: options.title,
        Subject: options.subject,
        Author: options.author,
        Creator: 'Vaultscope',
        Producer: 'Vaultscope (pdfkit)',
        CreationDate: options.creationDate,
        ModDate: options.creationDate,
      },
    });
    this.doc.registerFont('body', FONT_REGULAR);
    this.doc.registerFont('bold', FONT_BOLD);
    this.mixed = new MixedText(this.doc);
    this.doc.fontSize(10).fillColor(COLORS.text);
  }

  /**
   * Draws a (sanitised) string like `doc.text`, each run of it in a font that has its glyphs, still wrapping
   * within `options.width`.
   */
  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}, bold = false): void {
    this.mixed.write(text, x, y, options, bold);
  }

  /** The height `write` takes for a (sanitised) string at the current font size. */
  heightOf(text: string, options: PDFKit.Mixins.TextOptions, bold = false): number {
    return this.mixed.heightOf(text, options, bold);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Text as printed: sanitised, and a character no embedded font has shown as its code point, never as a blank box. */
  t(value: string | number | undefined, max?: number): string {
    if (value === undefined) return '';
    let out = '';
    for (const ch of pdfText(String(value))) {
      const cp = ch.codePointAt(0) ?? 0;
      out += this.mixed.hasGlyph(cp) ? ch : `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
    }
    return max ? clip(out, max) : out;
  }

  /** Starts a new page unless `height` still fits on this one (with a pending heading above it). */
  ensureSpace(height: number): void {
    const heading = this.pendingHeading;
    if (heading === undefined) {
      if (this.doc.y + height > this.bottom) this.doc.addPage();
      return;
    }
    // A heading is drawn with what follows it, never alone at the foot of a page.
    this.pendingHeading = undefined;
    if (this.doc.y + HEADING_HEIGHT + height > this.bottom) this.doc.addPage();
    this.drawHeading(heading);
  }

  /** A numbered section on a new page, listed in the contents and the bookmarks. */
  section(title: string): void {
    if (this.pendingHeading !== undefined) this.ensureSpace(0);
    this.doc.addPage();
    this.anchor(title, 0);
    this.doc.fontSize(17).fillColor(COLORS.accent);
    this.write(this.t(title), this.left, this.doc.y, {}, true);
    this.doc.moveDown(0.6).font('body').fontSize(10).fillColor(COLORS.text);
  }

  /** A sub-heading (listed in the contents, indented), drawn together with the block that follows it. */
  heading(title: string): void {
    if (this.pendingHeading !== undefined) this.ensureSpace(0);
    this.pendingHeading = title;
  }

  private drawHeading(title: string): void {
    this.doc.moveDown(0.5);
    this.anchor(title, 1);
    this.doc.fontSize(12).fillColor(COLORS.accent);
    this.write(this.t(title), this.left, this.doc.y, {}, true);
    this.doc.moveDown(0.3).font('body').fontSize(10).fillColor(COLORS.text);
  }

  private anchor(title: string, level: number): void {
    const dest = `s${this.toc.length + 1}`;
    const page = this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
    this.toc.push({ title, page, level, dest });
    this.doc.addNamedDestination(dest);
    if (level === 0) this.doc.outline.addItem(title);
  }

  /** A paragraph. */
  para(text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
    const size = options.size ?? 10;
    const safe = this.t(text);
    this.doc.fontSize(size);
    this.ensureSpace(this.heightOf(safe, { width: this.width }, options.bold) + 4);
    this.doc.fillColor(options.color ?? COLORS.text);
    this.write(safe, this.left, this.doc.y, { width: this.width }, options.bold);
    this.doc.moveDown(0.4).font('body').fontSize(10).fillColor(COLORS.text);
  }

  /** Label/value lines. */
  keyValues(pairs: readonly [string, string, string?][], labelWidth = 150): void {
    this.doc.fontSize(10);
    for (const [label, value, color] of pairs) {
      const safe = this.t(value);
      const h = Math.max(this.heightOf(safe, { width: this.width - labelWidth }), 12);
      this.ensureSpace(h + 4);
      const y = this.doc.y;
      this.doc.fillColor(COLORS.muted);
      this.write(this.t(label), this.left, y, { width: labelWidth - 8 }, true);
      this.doc.fillColor(color ?? COLORS.text);
      this.write(safe, this.left + labelWidth, y, { width: this.width - labelWidth });
      this.doc.y = y + h + 4;
    }
    this.doc.fillColor(COLORS.text).moveDown(0.3);
  }

  /**
   * The font size at which the longest word of `text` fits `width`: pdfkit breaks a word that does not fit inside
   * it (`Dynam oDB`), so a narrow cell shrinks its text instead, down to `floor` × `size` (beyond that, a very
   * long token such as an ARN still wraps).
   */
  private fitSize(text: string, width: number, size: number, bold: boolean, floor = 0.6): number {
    const words = text.split(/\s+/);
    let longest = 0;
    this.doc.font(bold ? 'bold' : 'body').fontSize(size);
    for (const word of words) if (word) longest = Math.max(longest, this.doc.widthOfString(word));
    this.doc.font('body');
    if (longest <= width) return size;
    return Math.max(size * floor, Math.floor(((size * width) / longest) * 10) / 10);
  }

  /**
   * A table; the header is repeated on every page it spans. A table that fits on one page is not split, and a
   * page break never leaves the last row alone on the next page.
   */
  table<T>(columns: readonly TableColumn<T>[], rows: Iterable<T>, options: { size?: number; empty?: string } = {}): void {
    const size = options.size ?? 8;
    const pad = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const inner = (i: number): number => (widths[i] ?? 0) - 2 * pad;
    // Headers may shrink further than cells: a column title is one or two words, a cell may be an ARN.
    const headerSizes = columns.map((c, i) => this.fitSize(c.header, inner(i), size, true, 0.45));
    const headerHeight = (): number => {
      this.doc.font('bold');
      const h = Math.max(...columns.map((c, i) => this.doc.fontSize(headerSizes[i] ?? size).heightOfString(c.header, { width: inner(i) }))) + 2 * pad;
      this.doc.font('body').fontSize(size);
      return h;
    };
    const drawHeader = (): void => {
      const h = headerHeight();
      this.ensureSpace(h + 14);
      const y = this.doc.y;
      this.doc.rect(this.left, y, this.width, h).fill(COLORS.accent).font('bold');
      columns.forEach((c, i) =>
        this.doc.fontSize(headerSizes[i] ?? size).fillColor('#ffffff').text(c.header, (xs[i] ?? 0) + pad, y + pad, { width: inner(i), align: c.align ?? 'left' }),
      );
      this.doc.y = y + h;
      this.doc.font('body').fontSize(size).fillColor(COLORS.text);
    };
    // Lay every row out first: page breaks look ahead (keep a small table together, no orphaned last row).
    const laid = [...rows].map((row) => {
      const cells = columns.map((c) => this.t(c.value(row), c.max ?? 300));
      const sizes = cells.map((text, i) => this.fitSize(text, inner(i), size, false));
      const heights = cells.map((text, i) => {
        this.doc.font('body').fontSize(sizes[i] ?? size);
        return this.heightOf(text || ' ', { width: inner(i) });
      });
      return { row, cells, sizes, h: Math.max(...heights) + 2 * pad };
    });
    this.doc.font('body').fontSize(size);
    const whole = headerHeight() + laid.reduce((s, r) => s + r.h, 0);
    const pageRoom = this.bottom - this.doc.page.margins.top;
    this.ensureSpace(laid.length <= KEEP_TOGETHER_ROWS && whole <= pageRoom ? whole : 40);
    drawHeader();
    laid.forEach((r, index) => {
      const last = laid[index + 1];
      const isPenultimate = index === laid.length - 2 && last !== undefined;
      // Break before this row when it does not fit, or when it fits but the last row would then stand alone.
      if (this.doc.y + r.h > this.bottom || (isPenultimate && index > 0 && this.doc.y + r.h + last.h > this.bottom)) {
        this.doc.addPage();
        drawHeader();
      }
      const y = this.doc.y;
      if (index % 2 === 1) this.doc.rect(this.left, y, this.width, r.h).fill(COLORS.zebra);
      r.cells.forEach((text, i) => {
        const column = columns[i];
        this.doc.font('body').fontSize(r.sizes[i] ?? size).fillColor(column?.color?.(r.row) ?? COLORS.text);
        this.write(text, (xs[i] ?? 0) + pad, y + pad, { width: inner(i), align: column?.align ?? 'left' });
      });
      this.doc.fontSize(size);
      this.doc.y = y + r.h;
    });
    if (laid.length === 0 && options.empty) {
      this.doc.font('body').fontSize(size).fillColor(COLORS.muted).text(this.t(options.empty), this.left + pad, this.doc.y + pad, { width: this.width });
    }
    this.doc.strokeColor(COLORS.rule).lineWidth(0.5).moveTo(this.left, this.doc.y).lineTo(this.left + this.width, this.doc.y).stroke();
    this.doc.font('body').fontSize(10).fillColor(COLORS.text).moveDown(0.8);
  }

  /** Fills the reserved contents page and stamps running headers and page numbers on every page. */
  finish(contentsPage: number): void {
    if (this.pendingHeading !== undefined) this.ensureSpace(0);
    const range = this.doc.bufferedPageRange();
    this.doc.switchToPage(contentsPage);
    this.doc.y = this.doc.page.margins.top;
    this.doc.font('bold').fontSize(17).fillColor(COLORS.accent).text('Contents', this.left, this.doc.y);
    this.doc.moveDown(0.8);
    for (const entry of this.toc) {
      const indent = entry.level * 16;
      const y = this.doc.y;
      this.doc.fontSize(entry.level === 0 ? 10.5 : 9.5).fillColor(COLORS.text);
      this.write(this.t(entry.title), this.left + indent, y, { width: this.width - indent - 40, goTo: entry.dest, lineBreak: false, ellipsis: true }, entry.level === 0);
      this.doc.font('body').text(String(entry.page + 1), this.left + this.width - 40, y, { width: 40, align: 'right', goTo: entry.dest, lineBreak: false });
      this.doc.y = y + (entry.level === 0 ? 17 : 14);
      if (this.doc.y > this.bottom - 20) break;
    }
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const margins = this.doc.page.margins;
      const saved = margins.bottom;
      margins.bottom = 0;
      this.doc.font('body').fontSize(7.5).fillColor(COLORS.muted);
      if (i > range.start) {
        this.write(this.t(this.options.runningHeader), margins.left, 30, { width: this.width, lineBreak: false, ellipsis: true });
        this.doc.strokeColor(COLORS.rule).lineWidth(0.5).moveTo(margins.left, 42).lineTo(margins.left + this.width, 42).stroke();
      }
      this.doc.font('body').text(`Page ${i + 1} of ${range.count}`, margins.left, this.doc.page.height - 36, { width: this.width, align: 'right', lineBreak: false });
      margins.bottom = saved;
    }
    this.doc.switchToPage(range.start);
  }
}
