/**
 * The one way rows are made: every cell passes through `sanitize` here, so no projection can forget it, and
 * the lower-cased search text is computed once per row instead of once per keystroke.
 */
import { sanitize } from '@vaultscope/core';
import type { Row, Screen, Segment, Tone } from './screen.js';

/** What a projection supplies for one row. */
export interface RowInput {
  id: string;
  cells: readonly (string | number | undefined)[];
  /** Sort keys per column; defaults to the cell text. */
  sort?: readonly (string | number | undefined)[];
  fault?: boolean;
  tone?: Tone;
  cellTones?: Readonly<Record<number, Tone | undefined>>;
  target?: Screen;
  copy?: string;
}

/** A table row. */
export function makeRow(input: RowInput): Row {
  const cells = input.cells.map((c) => (c === undefined ? '' : typeof c === 'number' ? String(c) : sanitize(c)));
  const sort = cells.map((c, i) => {
    const key = input.sort?.[i];
    return key === undefined ? c.toLowerCase() : typeof key === 'string' ? key.toLowerCase() : key;
  });
  return {
    id: input.id,
    cells,
    search: cells.join('\u0000').toLowerCase(),
    sort,
    fault: input.fault ?? false,
    ...(input.tone ? { tone: input.tone } : {}),
    ...(input.cellTones ? { cellTones: input.cellTones } : {}),
    ...(input.target ? { target: input.target } : {}),
    ...(input.copy ? { copy: sanitize(input.copy) } : {}),
  };
}

/** A document line. */
export function makeLine(id: string, text: string, options: { tone?: Tone; target?: Screen; fault?: boolean; copy?: string } = {}): Row {
  return makeRow({ id, cells: [text], ...options });
}

/** A document section heading. */
export function makeHeading(id: string, text: string): Row {
  return { ...makeRow({ id, cells: [text], tone: 'heading' }), heading: true };
}

/** A header segment with sanitized text. */
export function seg(text: string | number | undefined, tone?: Tone): Segment {
  const t = text === undefined ? '' : typeof text === 'number' ? String(text) : sanitize(text);
  return tone ? { text: t, tone } : { text: t };
}
