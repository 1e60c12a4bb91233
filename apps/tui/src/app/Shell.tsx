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
import { useScreen } from './useScreen.js';

const HINTS = [
  ['nav.open', 'open'],
  ['nav.back', 'back'],
  ['list.filter', 'filter'],
  ['app.command', 'cmd'],
  ['tab.next', 'tabs'],
  ['list.sort', 'sort'],
  ['list.faults', 'faults'],
  ['app.refresh', 'refresh'],
  ['app.help', 'help'],
  ['app.quit', 'quit'],
] as const;

export function Shell({ state, now, source }: { state: AppState; now: number; source: string }): ReactNode {
  const screen = useScreen(state);
  const { cols, rows } = state.term;
  const fresh = freshness(state.status, state.data?.estate.capturedAt, source, now);
  const hints = useMemo(() => HINTS.map(([id, label]) => [primaryKey(id), label] as const), []);
  const { view, entry } = screen;
  const message = state.message ? { text: state.message.text, tone: state.message.tone } : fresh.problem;
  return (
    <Box flexDirection="column" width={cols} height={Math.max(1, rows - 1)}>
      <TitleBar crumbs={screen.crumbs} right={fresh.title} width={cols} />
      {view.header.map((segments, i) => (
        <Line key={i} segments={segments} width={cols} />
      ))}
      {view.tabs ? <Tabs labels={view.tabs.labels} active={view.tabs.active} /> : null}
      {view.kind === 'table' ? (
        <Table
          columns={screen.columns}
          rows={screen.slice}
          cursor={screen.cursorInSlice}
          height={screen.height}
          width={cols}
          empty={view.empty}
          {...(entry.list.sort ? { sort: entry.list.sort } : {})}
        />
      ) : (
        <Doc rows={screen.slice} cursor={screen.cursorInSlice} height={screen.height} width={cols} empty={view.empty} />
      )}
      <StatusBar
        shown={screen.rows.length}
        total={view.rows.length}
        cursor={entry.list.cursor}
        filter={entry.list.filter}
        faultsOnly={entry.list.faultsOnly}
        width={cols}
        {...(screen.sortLabel ? { sortLabel: screen.sortLabel } : {})}
        {...(message ? { message } : {})}
      />
      <Footer mode={state.mode} prompt={state.prompt} completions={state.mode === 'command' ? completions(state.prompt) : []} hints={hints} width={cols} />
    </Box>
  );
}
