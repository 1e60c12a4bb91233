/**
 * The bottom line: the `/` or `:` prompt while typing, otherwise the main keys (from the registry).
 */
import type { ReactNode } from 'react';
import type { Segment } from '../views/screen.js';
import { Line } from './Line.js';

export interface FooterProps {
  mode: 'normal' | 'filter' | 'command';
  prompt: string;
  /** Completions of the command being typed. */
  completions: readonly string[];
  hints: readonly (readonly [string, string])[];
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
  const segments: Segment[] = hints.flatMap(([key, label]) => [{ text: ` ${key}`, tone: 'accent' as const }, { text: ` ${label} `, tone: 'dim' as const }]);
  return <Line width={width} segments={segments} />;
}
