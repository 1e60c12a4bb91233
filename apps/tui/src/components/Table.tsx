/**
 * A virtualized table: it is handed only the rows that fit on screen and draws exactly `height` lines, so a
 * list of 100,000 rows costs what a list of 30 does. Draws only.
 *
 * Cells are laid out by Ink boxes rather than padded with spaces: Ink tokenizes every character it draws,
 * each frame, so alignment by layout instead of by blanks halves the cost of a frame. Only the cursor row is
 * one padded line, so that its highlight spans the width.
 */
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import type { PlacedColumn } from '../app/layout.js';
import { MARKER_WIDTH } from '../app/layout.js';
import { useTheme } from '../app/providers.js';
import { displayWidth, fit, truncate } from '../text/width.js';
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

interface RowProps {
  row: Row;
  columns: readonly PlacedColumn[];
  width: number;
}

function CursorRow({ row, columns, width }: RowProps): ReactNode {
  const theme = useTheme();
  const cells = columns.map((c, i) => {
    const text = fit(row.cells[c.index] ?? '', c.width, c.align);
    return { key: c.index, text: i === columns.length - 1 ? text : `${text} `, tone: row.cellTones?.[c.index] ?? row.tone };
  });
  const used = MARKER_WIDTH + cells.reduce((sum, c) => sum + displayWidth(c.text), 0);
  return (
    <Text wrap="truncate-end" inverse>
      <Text bold>{'› '}</Text>
      {cells.map((c) => (
        <Text key={c.key} {...theme.tone(c.tone)}>
          {c.text}
        </Text>
      ))}
      {used < width ? ' '.repeat(width - used) : ''}
    </Text>
  );
}

function PlainRow({ row, columns, width }: RowProps): ReactNode {
  const theme = useTheme();
  return (
    <Box height={1} width={width} paddingLeft={MARKER_WIDTH}>
      {columns.map((c, i) => {
        const text = truncate(row.cells[c.index] ?? '', c.width);
        return (
          <Box key={c.index} width={c.width + (i === columns.length - 1 ? 0 : 1)} flexShrink={0} paddingRight={i === columns.length - 1 ? 0 : 1} {...(c.align === 'right' ? { justifyContent: 'flex-end' as const } : {})}>
            <Text {...theme.tone(row.cellTones?.[c.index] ?? row.tone)}>{text}</Text>
          </Box>
        );
      })}
    </Box>
  );
}

const TableRow = memo(function TableRow({ selected, ...props }: RowProps & { selected: boolean }): ReactNode {
  return selected ? <CursorRow {...props} /> : <PlainRow {...props} />;
});

function TableView({ columns, rows, cursor, height, width, empty, sort }: TableProps): ReactNode {
  const theme = useTheme();
  const title = columns
    .map((c) => {
      const mark = sort?.col === c.index ? (sort.desc ? '↓' : '↑') : '';
      return fit(`${c.title}${mark}`, c.width, c.align);
    })
    .join(' ');
  // Keyed by screen slot, not row id: scrolling then updates the same Ink nodes instead of rebuilding them.
  const lines: ReactNode[] = rows.map((row, i) => <TableRow key={i} row={row} columns={columns} selected={i === cursor} width={width} />);
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
