import { describe, expect, it } from 'vitest';
import { type RunFonts, textRuns } from './textRuns.js';

/** DejaVu-like main font (no CJK, shapes and reverses right-to-left text) and a Unifont-like fallback (does not). */
const FONTS: RunFonts = { main: (cp) => cp < 0x2e80, fallback: () => true, reverses: { main: true, fallback: false } };
/** As FONTS, but Hebrew is only in the fallback. */
const NO_HEBREW: RunFonts = { ...FONTS, main: (cp) => cp < 0x0590 };

describe('textRuns', () => {
  it('keeps plain text as one left-to-right run in the main font', () => {
    expect(textRuns('Payroll 2024 (eu-central-1)', FONTS)).toEqual([{ text: 'Payroll 2024 (eu-central-1)', fallback: false, rtl: false }]);
  });

  it('splits CJK into the fallback font and Arabic into a right-to-left run of the main font', () => {
    expect(textRuns('数据 مدفوعات شهرية', FONTS)).toEqual([
      { text: '数据 ', fallback: true, rtl: false },
      { text: 'مدفوعات شهرية', fallback: false, rtl: true },
    ]);
  });

  it('keeps a number after right-to-left text in its run, pre-reversed for a font that reverses the run', () => {
    expect(textRuns('Payroll שכר עבודה 2024 backup', FONTS)).toEqual([
      { text: 'Payroll ', fallback: false, rtl: false },
      { text: 'שכר עבודה 4202', fallback: false, rtl: true },
      { text: ' backup', fallback: false, rtl: false },
    ]);
  });

  it('reverses right-to-left text itself for a font that does not, keeping numbers in reading order', () => {
    expect(textRuns('id אב 1,204', NO_HEBREW)).toEqual([
      { text: 'id ', fallback: false, rtl: false },
      { text: '1,204 בא', fallback: true, rtl: true },
    ]);
  });

  it('mirrors brackets in right-to-left text, and leaves brackets around left-to-right text alone', () => {
    expect(textRuns('מד (שכר)', FONTS)).toEqual([{ text: 'מד )שכר(', fallback: false, rtl: true }]);
    expect(textRuns('שכר (critical)', FONTS)).toEqual([
      { text: 'שכר', fallback: false, rtl: true },
      { text: ' (critical)', fallback: false, rtl: false },
    ]);
  });
});
