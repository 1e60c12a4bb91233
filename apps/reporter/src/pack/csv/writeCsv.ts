/**
 * Streams rows into an RFC 4180 CSV file (UTF-8 with BOM, CRLF) through csv-stringify, honouring backpressure,
 * so a million-row file is never held as one string.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { toCell } from './cell.js';

/** A cell value before neutralisation. */
export type CellValue = string | number | boolean | null | undefined;

/** One column: its header and how to read it from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => CellValue;
  /** One line for docs/csv-columns.md. */
  doc: string;
}

/** Writes `rows` to `path`; returns the number of data rows. */
export async function writeCsv<T>(path: string, columns: readonly Column<T>[], rows: Iterable<T> | AsyncIterable<T>): Promise<number> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  const done = pipeline(stringifier, createWriteStream(path));
  // Surface a write failure (disk full, permission) instead of waiting forever for a drain.
  let failure: unknown;
  done.catch((error: unknown) => {
    failure = error;
  });
  const write = async (record: string[]): Promise<void> => {
    if (failure) throw failure;
    if (!stringifier.write(record)) await Promise.race([once(stringifier, 'drain'), done]);
  };
  await write(columns.map((c) => c.header));
  let count = 0;
  for await (const row of rows) {
    await write(columns.map((c) => toCell(c.value(row))));
    count++;
  }
  stringifier.end();
  await done;
  return count;
}
