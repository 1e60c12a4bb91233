/**
 * A plain-text table, columns two spaces apart: by default the first column left-aligned and the others (figures)
 * right-aligned; `align` chooses per column ('l' or 'r') for tables with several text columns. Every cell passes
 * through the sanitizer (names come from the estate) before widths are measured.
 */
import { sanitize } from '@vaultscope/core';

export function textTable(headers: string[], cells: string[][], align?: readonly ('l' | 'r')[]): string {
  const rows = cells.map((r) => r.map((c) => sanitize(c)));
  // A loop, not Math.max(...rows): a framework rule can list a hundred thousand resources.
  const widths = headers.map((h) => h.length);
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const left = (i: number): boolean => (align ? align[i] !== 'r' : i === 0);
  const line = (row: string[]): string =>
    row.map((c, i) => (left(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
