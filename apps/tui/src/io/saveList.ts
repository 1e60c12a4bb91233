/**
 * `ctrl-s`: the list on screen (as filtered and sorted) saved as CSV under the state directory, with core's CSV
 * writer (RFC 4180, formula-neutralised cells, BOM for spreadsheets), atomically.
 */
import { join } from 'node:path';
import { toCsv, type CsvColumn } from '@vaultscope/core';
import type { Column, Row } from '../views/screen.js';
import { writeAtomic } from './writeAtomic.js';

/** A file name for a list saved at `now`: its title in lower-case words and a UTC timestamp. */
export function listFileName(title: string, now: number): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'list';
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${slug}-${stamp}.csv`;
}

/** Writes the rows as CSV (one column per view column) to `<dir>/<name>`; returns the path. */
export async function saveList(dir: string, name: string, columns: readonly Column[], rows: readonly Row[]): Promise<string> {
  const csvColumns: CsvColumn<Row>[] = columns.map((c, i) => ({ header: c.title, value: (row) => row.cells[i] ?? '' }));
  const path = join(dir, name);
  await writeAtomic(path, toCsv(csvColumns, rows, { bom: true }));
  return path;
}
