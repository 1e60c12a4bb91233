/**
 * A virtualized table: it is handed only the rows that fit on screen and draws exactly `height` lines, so a
 * list of 100,000 rows costs what a list of 30 does. Draws only.
 */
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import type { PlacedColumn } from '../app/layout.js';
import { MARKER_WIDTH } from '../app/layout.js';
import { useTheme } from '../app/providers.js';
import { displayWidth, fit } from '../text/width.js';
import type { Row } from '../views/screen.js';

export interface TableProps {
  columns: readonly PlacedColumn[];
  /** The visible slice of rows. */
  rows: readonly Row[];
  /** Index of the cursor within `rows`, or -1 when it is not among them. */
  cursor: number;
  height: number;
  width: number;
  empty: string;
  /** Index of the sorted column and its direction, to mark its title. */
  sort?: { col: number; desc: boolean };
}

function TableRow({ row, columns, selected, width }: { row: Row; columns: readonly PlacedColumn[]; selected: boolean; width: number }): ReactNode {
  const theme = useTheme();
  const cells = columns.map((c, i) => {
    const text = fit(row.cells[c.index] ?? '', c.width, c.align);
    return { key: c.index, text: i === columns.length - 1 ? text : `${text} `, tone: row.cellTones?.[c.index] ?? row.tone };
  });
  const used = MARKER_WIDTH + cells.reduce((sum, c) => sum + displayWidth(c.text), 0);
  return (
    <Text wrap="truncate-end" inverse={selected}>
      <Text bold={selected}>{selected ? '› ' : '  '}</Text>
      {cells.map((c) => (
        <Text key={c.key} {...theme.tone(c.tone)}>
          {c.text}
        </Text>
      ))}
      {used < width ? ' '.repeat(width - used) : ''}
    </Text>
  );
}

function TableView({ columns, rows, cursor, height, width, empty, sort }: TableProps): ReactNode {
  const theme = useTheme();
  const title = columns
    .map((c) => {
      const mark = sort?.col === c.index ? (sort.desc ? '↓' : '↑') : '';
      return fit(`${c.title}${mark}`, c.width, c.align);
    })
    .join(' ');
  const lines: ReactNode[] = rows.map((row, i) => <TableRow key={row.id} row={row} columns={columns} selected={i === cursor} width={width} />);
  if (rows.length === 0) lines.push(<Text key="empty" {...theme.tone('dim')}>{`  ${empty}`}</Text>);
  for (let i = lines.length; i < height; i++) lines.push(<Text key={`pad${i}`}> </Text>);
  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text wrap="truncate-end" bold>
        {`${' '.repeat(MARKER_WIDTH)}${title}`}
      </Text>
      {lines}
    </Box>
  );
}

export const Table = memo(TableView);
