/**
 * CSV text as every Vaultscope output writes it: RFC 4180 (CRLF records, every field with a line break quoted),
 * each cell made inert for spreadsheets (`toCell`). One writer for the reporter's CSVs and the TUI's saved lists.
 */
import { stringify as stringifySync } from 'csv-stringify/sync';
import { toCell, type CellValue } from './csvCell.js';

/** One column: its header and how to read it from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CellValue;
}

/**
 * csv-stringify options: CRLF records. csv-stringify quotes a field holding the record delimiter (CRLF) but not a
 * bare LF or CR: RFC 4180 wants every field with a line break quoted, or a strict reader (and a spreadsheet) sees a
 * new record.
 */
export const CSV_RFC4180 = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/**
 * The CSV as one string (RFC 4180, CRLF), for outputs small enough to hold. `bom` for files a spreadsheet opens;
 * not for a pipe, where it would be the first "character".
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, options: { bom: boolean }): string {
  const records = [columns.map((c) => c.header)];
  for (const row of rows) records.push(columns.map((c) => toCell(c.value(row))));
  return stringifySync(records, { ...CSV_RFC4180, bom: options.bom });
}
