/**
 * One terminal line of toned segments, cut to the width it is given. Draws only.
 */
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { useTheme } from '../theme/ThemeProvider.js';
import { displayWidth, truncate } from '../text/width.js';
import type { Segment } from '../views/screen.js';

/** Fits segments into `width` columns, cutting the segment that overflows. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const s of segments) {
    if (left <= 0) break;
    const w = displayWidth(s.text);
    if (w <= left) {
      out.push(s);
      left -= w;
    } else {
      out.push({ ...s, text: truncate(s.text, left) });
      left = 0;
    }
  }
  return out;
}

function LineView({ segments, width }: { segments: readonly Segment[]; width: number }): ReactNode {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {fitSegments(segments, width).map((s, i) => (
        <Text key={i} {...theme.tone(s.tone)}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Memoized: header lines keep their segment arrays between frames, so a key press does not redraw them. */
export const Line = memo(LineView);
