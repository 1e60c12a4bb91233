/**
 * The top line: where you are on the left, the data source and how fresh its data is on the right.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../app/providers.js';
import { displayWidth, fit, truncate } from '../text/width.js';
import type { Segment } from '../views/screen.js';

export function TitleBar({ left, right, width }: { left: string; right: readonly Segment[]; width: number }): ReactNode {
  const theme = useTheme();
  const rightText = right.map((s) => s.text).join('');
  const rightWidth = Math.min(displayWidth(rightText), Math.max(0, width - 12));
  const leftText = fit(` ${left}`, Math.max(0, width - rightWidth - 1));
  let budget = rightWidth;
  return (
    <Text wrap="truncate-end">
      <Text {...theme.title}>{leftText} </Text>
      {right.map((s, i) => {
        const text = truncate(s.text, budget);
        budget -= displayWidth(text);
        return (
          <Text key={i} {...theme.title} {...theme.tone(s.tone)} {...(theme.noColor ? {} : { backgroundColor: 'blue' })}>
            {text}
          </Text>
        );
      })}
    </Text>
  );
}
