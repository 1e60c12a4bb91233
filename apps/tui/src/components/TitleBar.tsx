/**
 * The top line: where you are on the left (the breadcrumb), the data source and how fresh its data is on the
 * right.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/ThemeProvider.js';
import { displayWidth, fit, truncate } from '../text/width.js';
import type { Segment } from '../views/screen.js';

/** Longest a single breadcrumb label is drawn (a long asset or job name must not push the rest out). */
export const MAX_CRUMB = 24;
const SEPARATOR = ' › ';

/**
 * The breadcrumb in at most `width` columns. When it is too long it is cut from the left (`… › Jobs › Findings`),
 * since where you are now matters more than how you got there; labels are shortened first.
 */
export function fitCrumbs(crumbs: readonly string[], width: number): string {
  const labels = crumbs.map((c) => truncate(c, MAX_CRUMB));
  const whole = labels.join(SEPARATOR);
  if (displayWidth(whole) <= width) return whole;
  let kept = labels.slice(-1);
  for (let i = labels.length - 2; i >= 0; i--) {
    const next = [labels[i] as string, ...kept];
    if (displayWidth(['…', ...next].join(SEPARATOR)) > width) break;
    kept = next;
  }
  return truncate(['…', ...kept].join(SEPARATOR), width);
}

export function TitleBar({ crumbs, right, width }: { crumbs: readonly string[]; right: readonly Segment[]; width: number }): ReactNode {
  const theme = useTheme();
  const rightText = right.map((s) => s.text).join('');
  const rightWidth = Math.min(displayWidth(rightText), Math.max(0, width - 12));
  const leftWidth = Math.max(0, width - rightWidth - 1);
  const leftText = fit(` ${fitCrumbs(crumbs, Math.max(0, leftWidth - 1))}`, leftWidth);
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
