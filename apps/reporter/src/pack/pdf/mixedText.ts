/**
 * Mixed-script text on a pdfkit document: a string is split into runs by the font that has its glyphs (DejaVu
 * Sans first, UnifontEX for what it lacks, CJK for one) and by direction, and drawn run after run as continued
 * text so it still wraps; right-to-left runs come out in reading order (see textRuns.ts).
 */
import { fallbackFont } from './fonts.js';
import { type RunFonts, type TextRun, textRuns } from './textRuns.js';

interface GlyphSource {
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { glyphs: { codePoints: number[] }[] };
}

/** pdfkit's text routine with its line callback: the only way to lay out continued text without drawing it. */
interface PdfkitInternals {
  _text(text: string, x: number | undefined, y: number | undefined, options: PDFKit.Mixins.TextOptions, line: (text: string, options: { lineGap?: number }, wrapper?: unknown) => void): void;
  _lineGap?: number;
}

function fontName(run: TextRun, bold: boolean): string {
  return run.fallback ? 'fallback' : bold ? 'bold' : 'body';
}

/** Whether fontkit draws a right-to-left string in this font in visual order itself (it does when it shapes). */
function reversesRtl(font: GlyphSource): boolean {
  return font.layout('\u05d0\u05d1').glyphs[0]?.codePoints[0] === 0x05d1;
}

/** Draws and measures strings whose runs need different fonts or directions. */
export class MixedText {
  /** Per code point: 0 = DejaVu has it, 1 = only the fallback has it, 2 = neither. */
  private readonly coverage = new Map<number, 0 | 1 | 2>();
  private readonly fonts: { main: GlyphSource; fallback: GlyphSource };
  private readonly runFonts: RunFonts;

  /** `doc` must have `body` and `bold` registered; the fallback font is registered here. */
  constructor(private readonly doc: PDFKit.PDFDocument) {
    doc.registerFont('fallback', fallbackFont());
    // Selecting a font loads it (embedding happens only for fonts that end up used).
    const loaded = (name: string): GlyphSource => {
      doc.font(name);
      return (doc as unknown as { _font: { font: GlyphSource } })._font.font;
    };
    this.fonts = { fallback: loaded('fallback'), main: loaded('body') };
    this.runFonts = {
      main: (cp) => this.coverageOf(cp) === 0,
      fallback: (cp) => this.fonts.fallback.hasGlyphForCodePoint(cp),
      reverses: { main: reversesRtl(this.fonts.main), fallback: reversesRtl(this.fonts.fallback) },
    };
  }

  /** Whether an embedded font has a glyph for the code point. */
  hasGlyph(cp: number): boolean {
    return this.coverageOf(cp) !== 2;
  }

  private coverageOf(cp: number): 0 | 1 | 2 {
    let c = this.coverage.get(cp);
    if (c === undefined) {
      c = cp < 0x80 || this.fonts.main.hasGlyphForCodePoint(cp) ? 0 : this.fonts.fallback.hasGlyphForCodePoint(cp) ? 1 : 2;
      this.coverage.set(cp, c);
    }
    return c;
  }

  /** The runs a (sanitised) string is drawn in. */
  private runsOf(text: string): TextRun[] {
    let simple = true;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      // Below U+0590 there is no right-to-left script, so DejaVu coverage is all that matters.
      if (cp >= 0x0590 || this.coverageOf(cp) !== 0) simple = false;
    }
    return simple ? [{ text, fallback: false, rtl: false }] : textRuns(text, this.runFonts);
  }

  /**
   * Draws a (sanitised) string like `doc.text`, each run in its own font as continued text, so it still wraps
   * within `options.width`. `features: []` makes pdfkit lay out each line's piece of a run in one go, so fontkit
   * reverses a whole right-to-left piece instead of each word on its own.
   */
  write(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions = {}, bold = false): void {
    const runs = this.runsOf(text);
    const only = runs.length === 1 ? runs[0] : undefined;
    if (only && !only.rtl) {
      this.doc.font(fontName(only, bold)).text(text, x, y, options);
      return;
    }
    runs.forEach((run, i) => {
      this.doc.font(fontName(run, bold));
      const segment = { ...options, features: [], continued: i < runs.length - 1 };
      if (i === 0) this.doc.text(run.text, x, y, segment);
      else this.doc.text(run.text, segment);
    });
  }

  /** The height `write` takes for a (sanitised) string at the current font size. */
  heightOf(text: string, options: PDFKit.Mixins.TextOptions, bold = false): number {
    const runs = this.runsOf(text);
    const only = runs.length === 1 ? runs[0] : undefined;
    if (only && !only.rtl) return this.doc.font(fontName(only, bold)).heightOfString(text, options);
    // Lay the runs out exactly as `write` does, with a line callback that only advances y like pdfkit's own.
    const doc = this.doc as unknown as PDFKit.PDFDocument & PdfkitInternals;
    const { x, y } = doc;
    const line = (_: string, o: { lineGap?: number }): void => {
      doc.y += doc.currentLineHeight(true) + (o.lineGap || doc._lineGap || 0);
    };
    runs.forEach((run, i) => {
      doc.font(fontName(run, bold));
      // A large height keeps pdfkit from starting a new page while measuring.
      const segment = { ...options, height: 1e9, features: [], continued: i < runs.length - 1 };
      doc._text(run.text, i === 0 ? x : undefined, i === 0 ? 0 : undefined, segment, line);
    });
    const height = doc.y;
    doc.x = x;
    doc.y = y;
    return height;
  }
}
