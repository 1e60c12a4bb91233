/**
 * The bottom line: the `/` or `:` prompt while typing, otherwise the main keys (from the registry), as many as
 * fit, help and quit always.
 */
import type { ReactNode } from 'react';
import { displayWidth } from '../text/width.js';
import type { Segment } from '../views/screen.js';
import { Line } from './Line.js';

/** A key hint; hints with a higher `drop` give way first on a narrow terminal, and `drop: 0` never does. */
export interface Hint {
  key: string;
  label: string;
  drop: number;
}

const hintSegments = (hints: readonly Hint[]): Segment[] =>
  hints.flatMap((h) => [{ text: ` ${h.key}`, tone: 'accent' as const }, { text: ` ${h.label} `, tone: 'dim' as const }]);

/** The hints that fit in `width`, in their order: the least needed are left out whole, never cut in half. */
export function fitHints(hints: readonly Hint[], width: number): Hint[] {
  let kept = [...hints];
  const used = (list: readonly Hint[]): number => hintSegments(list).reduce((n, s) => n + displayWidth(s.text), 0);
  while (used(kept) > width) {
    let worst = -1;
    kept.forEach((h, i) => {
      if (h.drop > 0 && (worst < 0 || h.drop >= (kept[worst]?.drop ?? 0))) worst = i;
    });
    if (worst < 0) break;
    kept = kept.filter((_, i) => i !== worst);
  }
  return kept;
}

export interface FooterProps {
  mode: 'normal' | 'filter' | 'command';
  prompt: string;
  /** Completions of the command being typed. */
  completions: readonly string[];
  hints: readonly Hint[];
  width: number;
}

export function Footer({ mode, prompt, completions, hints, width }: FooterProps): ReactNode {
  if (mode === 'filter') {
    return <Line width={width} segments={[{ text: '/', tone: 'accent' }, { text: prompt }, { text: '█', tone: 'dim' }, { text: '   Enter keep · Esc clear', tone: 'dim' }]} />;
  }
  if (mode === 'command') {
    return (
      <Line
        width={width}
        segments={[{ text: ':', tone: 'accent' }, { text: prompt }, { text: '█', tone: 'dim' }, { text: `   ${completions.join(' ')}`, tone: 'dim' }]}
      />
    );
  }
  return <Line width={width} segments={hintSegments(fitHints(hints, width))} />;
}
