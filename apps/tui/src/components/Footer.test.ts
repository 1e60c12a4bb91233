import { describe, expect, it } from 'vitest';
import { fitHints, type Hint } from './Footer.js';

const HINTS: Hint[] = [
  { key: '⏎', label: 'open', drop: 1 },
  { key: 'Esc', label: 'back', drop: 2 },
  { key: '/', label: 'filter', drop: 4 },
  { key: 's', label: 'sort', drop: 7 },
  { key: 'f', label: 'faults', drop: 8 },
  { key: '?', label: 'help', drop: 0 },
  { key: 'q', label: 'quit', drop: 0 },
];
const labels = (hints: readonly Hint[]): string[] => hints.map((h) => h.label);

describe('fitHints', () => {
  it('keeps every hint when there is room', () => {
    expect(fitHints(HINTS, 200)).toEqual(HINTS);
  });

  it('leaves out the least needed hints whole, keeping their order, and always help and quit', () => {
    expect(labels(fitHints(HINTS, 40))).toEqual(['open', 'back', 'help', 'quit']);
    expect(labels(fitHints(HINTS, 10))).toEqual(['help', 'quit']);
  });
});
