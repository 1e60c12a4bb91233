/**
 * The line under the list: row counts, the filter, sort and faults-only switches, and the last message.
 */
import type { ReactNode } from 'react';
import type { Segment } from '../views/screen.js';
import { Line } from './Line.js';

export interface StatusBarProps {
  shown: number;
  total: number;
  cursor: number;
  filter: string;
  sortLabel?: string;
  faultsOnly: boolean;
  /** The refresh problem and the last key's message: both shown, the problem first. */
  messages: readonly Segment[];
  width: number;
}

export function StatusBar({ shown, total, cursor, filter, sortLabel, faultsOnly, messages, width }: StatusBarProps): ReactNode {
  const segments: Segment[] = [{ text: ` ${shown ? cursor + 1 : 0}/${shown}`, tone: 'accent' }];
  if (shown !== total) segments.push({ text: ` of ${total}`, tone: 'dim' });
  if (filter) segments.push({ text: `  filter /${filter}`, tone: 'warn' });
  if (faultsOnly) segments.push({ text: '  faults only', tone: 'bad' });
  if (sortLabel) segments.push({ text: `  sort ${sortLabel}`, tone: 'dim' });
  for (const m of messages) segments.push({ text: '  ' }, m);
  return <Line segments={segments} width={width} />;
}
