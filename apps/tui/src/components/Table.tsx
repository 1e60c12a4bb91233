/**
 * A virtualized table: it is handed only the rows that fit on screen and draws exactly `height` lines, so a
 * list of 100,000 rows costs what a list of 30 does. Draws only.
 *
 * Cells are laid out by Ink boxes rather than padded with spaces: Ink tokenizes every character it draws,
 * each frame, so alignment by layout instead of by blanks halves the cost of a frame. Only the cursor row's
 * cells are padded, so that its highlight spans the width.
 */
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import type { PlacedColumn } from '../views/layout.js';
import { MARKER_WIDTH } from '../views/layout.js';
import { useTheme } from '../theme/ThemeProvider.js';
import { displayWidth, fit, truncate } from '../text/width.js';
import type { Row } from '../views/screen.js';

export interface TableProps {
  columns: readonly PlacedColumn[];
  /** The visible slice of rows. */
  rows: readonly Row[];
  /** Index in the whole list of the slice's first row (the scroll offset). */
  first?: number;
  /** Index of the cursor within `rows`, or -1 when it is not among them. */
  cursor: number;
  height: number;
  width: number;
  empty: string;
  /** Index of the sorted column and its direction, to mark its title. */
  sort?: { col: number; desc: boolean };
}

/**
 * The column title line. The sort arrow never costs a title a letter: it goes in the column's spare room
 * (after a left-aligned title, before a right-aligned one), or else in the gap after the column.
 */
export function columnTitles(columns: readonly PlacedColumn[], sort?: { col: number; desc: boolean }): string {
  let line = '';
  columns.forEach((c, i) => {
    const last = i === columns.length - 1;
    const mark = sort?.col === c.index ? (sort.desc ? '↓' : '↑') : '';
    const gap = last ? '' : ' ';
    if (!mark) {
      line += fit(c.title, c.width, c.align) + gap;
      return;
    }
    if (displayWidth(c.title) < c.width) {
      line += (c.align === 'right' ? fit(`${mark}${c.title}`, c.width, 'right') : fit(`${c.title}${mark}`, c.width)) + gap;
      return;
    }
    line += last ? fit(`${c.title}${mark}`, c.width) : `${fit(c.title, c.width)}${mark}`;
  });
  return line;
}

interface RowProps {
  row: Row;
  columns: readonly PlacedColumn[];
  width: number;
  selected: boolean;
}

/**
 * One row. The cursor row has the same boxes as the others (so moving the cursor re-lays out two rows instead
 * of mounting and unmounting them); its cells are padded and inverse so that the highlight spans the line.
 */
const TableRow = memo(function TableRow({ row, columns, width, selected }: RowProps): ReactNode {
  const theme = useTheme();
  let used = MARKER_WIDTH;
  const cells = columns.map((c, i) => {
    const last = i === columns.length - 1;
    const cell = row.cells[c.index] ?? '';
    const text = selected ? `${fit(cell, c.width, c.align)}${last ? '' : ' '}` : truncate(cell, c.width);
    used += c.width + (last ? 0 : 1);
    return (
      <Box
        key={c.index}
        width={c.width + (last ? 0 : 1)}
        flexShrink={0}
        paddingRight={selected || last ? 0 : 1}
        justifyContent={!selected && c.align === 'right' ? 'flex-end' : 'flex-start'}
      >
        <Text inverse={selected} {...theme.tone(row.cellTones?.[c.index] ?? row.tone)}>
          {text}
        </Text>
      </Box>
    );
  });
  return (
    <Box height={1} width={width}>
      <Text inverse={selected} bold={selected}>
        {selected ? '› ' : '  '}
      </Text>
      {cells}
      <Text inverse={selected}>{selected && used < width ? ' '.repeat(width - used) : ''}</Text>
    </Box>
  );
});

function TableView({ columns, rows, first = 0, cursor, height, width, empty, sort }: TableProps): ReactNode {
  const theme = useTheme();
  const title = columnTitles(columns, sort);
  // Each row is keyed by its position in the whole list modulo the height: scrolling by a line then moves the
  // one line that left the screen to the other end and redraws only it (the others keep their props, and memo
  // skips them), while a page or a new list updates every slot in place instead of mounting new lines.
  const lines: ReactNode[] = rows.map((row, i) => (
    <TableRow key={(first + i) % Math.max(height, rows.length)} row={row} columns={columns} selected={i === cursor} width={width} />
  ));
  if (rows.length === 0) lines.push(<Text key="empty" {...theme.tone('dim')}>{`  ${empty}`}</Text>);
  for (let i = lines.length; i < height; i++) lines.push(<Text key={`pad${i}`}> </Text>);
  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text wrap="truncate-end" bold>
        {`${' '.repeat(MARKER_WIDTH)}${title}`.trimEnd()}
      </Text>
      {lines}
    </Box>
  );
}

export const Table = memo(TableView);
