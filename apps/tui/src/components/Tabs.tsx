/**
 * The tab strip of a screen with tabs; the active tab is bracketed (and inverse), so it reads without colour.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/ThemeProvider.js';

export function Tabs({ labels, active }: { labels: readonly string[]; active: number }): ReactNode {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {labels.map((label, i) =>
        i === active ? (
          <Text key={label} inverse bold {...theme.tone('accent')}>
            {`[${label}]`}
          </Text>
        ) : (
          <Text key={label}>{` ${label} `}</Text>
        ),
      )}
      <Text dimColor> Tab/Shift-Tab</Text>
    </Text>
  );
}
