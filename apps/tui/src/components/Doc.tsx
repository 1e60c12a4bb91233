/**
 * A virtualized document: lines with headings, the cursor line inverse; lines that lead somewhere are marked
 * with `›`. Draws only.
 */
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { useTheme } from '../theme/ThemeProvider.js';
import { displayWidth, truncate } from '../text/width.js';
import type { Row } from '../views/screen.js';

export interface DocProps {
  rows: readonly Row[];
  cursor: number;
  height: number;
  width: number;
  empty: string;
}

function DocView({ rows, cursor, height, width, empty }: DocProps): ReactNode {
  const theme = useTheme();
  const lines: ReactNode[] = rows.map((row, i) => {
    const selected = i === cursor;
    const marker = selected ? '› ' : row.target ? '· ' : '  ';
    // Wrapped lines keep the space they broke at (so they join back exactly); it is not drawn.
    const text = truncate(`${row.heading ? '' : '  '}${(row.cells[0] ?? '').trimEnd()}`, Math.max(1, width - 2));
    const pad = Math.max(0, width - 2 - displayWidth(text));
    return (
      <Text key={i} wrap="truncate-end" inverse={selected}>
        <Text {...theme.tone('dim')}>{marker}</Text>
        <Text {...theme.tone(row.tone)}>{text}</Text>
        {' '.repeat(pad)}
      </Text>
    );
  });
  if (rows.length === 0) lines.push(<Text key="empty" {...theme.tone('dim')}>{`  ${empty}`}</Text>);
  for (let i = lines.length; i < height; i++) lines.push(<Text key={`pad${i}`}> </Text>);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines}
    </Box>
  );
}

export const Doc = memo(DocView);
