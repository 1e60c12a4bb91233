/**
 * The frame around every screen: title bar, header lines, tabs, the list (table or document), status line and
 * footer. Composes components; holds no state of its own.
 */
import { Box } from 'ink';
import { useMemo, type ReactNode } from 'react';
import { Doc } from '../components/Doc.js';
import { Footer } from '../components/Footer.js';
import { Line } from '../components/Line.js';
import { StatusBar } from '../components/StatusBar.js';
import { Table } from '../components/Table.js';
import { Tabs } from '../components/Tabs.js';
import { TitleBar } from '../components/TitleBar.js';
import { primaryKey } from '../keys/registry.js';
import { completions } from '../keys/viewCommands.js';
import type { AppState } from './appReducer.js';
import { freshness } from './freshness.js';
import { headerLines } from '../views/layout.js';
import type { Segment } from '../views/screen.js';
import { useScreen } from './useScreen.js';

/** Footer hints in display order; the third figure is how soon a hint gives way when narrow (0: never). */
const HINTS = [
  ['nav.open', 'open', 1],
  ['nav.back', 'back', 2],
  ['list.filter', 'filter', 4],
  ['app.command', 'cmd', 3],
  ['tab.next', 'tabs', 6],
  ['list.sort', 'sort', 7],
  ['list.faults', 'faults', 8],
  ['app.refresh', 'refresh', 5],
  ['app.help', 'help', 0],
  ['app.quit', 'quit', 0],
] as const;

export function Shell({ state, now, source }: { state: AppState; now: number; source: string }): ReactNode {
  const screen = useScreen(state);
  const { cols, rows } = state.term;
  const fresh = freshness(state.status, state.data?.meta.capturedAt, source, now);
  const hints = useMemo(() => HINTS.map(([id, label, drop]) => ({ key: primaryKey(id), label, drop })), []);
  const { view, entry } = screen;
  // Said on every screen while the posture is evaluated: the screens that need it wait, the others show `…`.
  const evaluating = state.data?.meta.evaluating;
  const waiting: Segment | undefined = evaluating ? { text: evaluating, tone: 'accent' } : undefined;
  // A key's message must not hide that refreshing is failing.
  const messages = [fresh.problem, waiting, state.message].filter((m): m is NonNullable<typeof m> => m !== undefined);
  return (
    <Box flexDirection="column" width={cols} height={Math.max(1, rows - 1)}>
      <TitleBar crumbs={screen.crumbs} right={fresh.title} width={cols} />
      {headerLines(view, cols).map((segments, i) => (
        <Line key={i} segments={segments} width={cols} />
      ))}
      {view.tabs ? <Tabs labels={view.tabs.labels} active={view.tabs.active} /> : null}
      {view.kind === 'table' ? (
        <Table
          columns={screen.columns}
          rows={screen.slice}
          first={entry.list.offset}
          cursor={screen.cursorInSlice}
          height={screen.height}
          width={cols}
          empty={screen.empty}
          {...(entry.list.sort ? { sort: entry.list.sort } : {})}
        />
      ) : (
        <Doc rows={screen.slice} cursor={screen.cursorInSlice} height={screen.height} width={cols} empty={screen.empty} />
      )}
      <StatusBar
        shown={screen.rows.length}
        total={view.rows.length}
        cursor={entry.list.cursor}
        filter={entry.list.filter}
        faultsOnly={entry.list.faultsOnly}
        width={cols}
        {...(screen.sortLabel ? { sortLabel: screen.sortLabel } : {})}
        messages={messages}
      />
      <Footer mode={state.mode} prompt={state.prompt} completions={state.mode === 'command' ? completions(state.prompt) : []} hints={hints} width={cols} />
    </Box>
  );
}
