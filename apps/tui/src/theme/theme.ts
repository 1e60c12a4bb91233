/**
 * Colours by intent. Under NO_COLOR (https://no-color.org) nothing is coloured; emphasis that is not colour
 * (bold, dim, inverse for the cursor) stays, so the screen still reads.
 */
import type { Tone } from '../views/screen.js';

/** What a tone looks like. */
export interface ToneStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  backgroundColor?: string;
  inverse?: boolean;
}

export interface Theme {
  noColor: boolean;
  tone: (tone: Tone | undefined) => ToneStyle;
  /** Style of the title bar. */
  title: ToneStyle;
}

const COLORS: Record<Tone, ToneStyle> = {
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  ok: { color: 'green' },
  dim: { dimColor: true },
  accent: { color: 'cyan' },
  heading: { color: 'magenta', bold: true },
};

const PLAIN: Record<Tone, ToneStyle> = {
  bad: { bold: true },
  warn: {},
  ok: {},
  dim: { dimColor: true },
  accent: {},
  heading: { bold: true },
};

/** The theme for an environment: NO_COLOR set to anything non-empty turns colour off. */
export function makeTheme(env: Readonly<Record<string, string | undefined>>): Theme {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  const styles = noColor ? PLAIN : COLORS;
  return {
    noColor,
    tone: (tone) => (tone ? styles[tone] : {}),
    title: noColor ? { inverse: true, bold: true } : { color: 'white', backgroundColor: 'blue', bold: true },
  };
}
