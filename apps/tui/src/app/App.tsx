/**
 * The application component: wires the reducer to keys (through the registry), to the data model (refresh
 * status and data), to the terminal size and to a ticking clock, and asks Ink to exit on quit.
 */
import { useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { decodeInput } from '../keys/decode.js';
import type { Theme } from '../theme/theme.js';
import type { Screen } from '../views/screen.js';
import { appReducer, initialState, type AppState } from './appReducer.js';
import { terminalEffects, type Effects } from './effects.js';
import { useNow } from './useNow.js';
import { useTerminalSize } from './useTerminalSize.js';
import type { DataModel } from '../model/sourceClient.js';
import { ThemeProvider } from '../theme/ThemeProvider.js';
import { Shell } from './Shell.js';

export type { DataModel } from '../model/sourceClient.js';

export interface AppProps {
  model: DataModel;
  /** Shown in the title bar: `demo`, `aws`, `snapshot:…`. */
  source: string;
  theme: Theme;
  clock?: () => number;
  /** How often the clock ticks (ms); 0 stops it (tests). */
  tickMs?: number;
  initialScreen?: Screen;
  /** Called with each state after a key (tests, benchmarks). */
  onState?: (state: AppState) => void;
  /** Copy and save (default: OSC 52 to stdout, files under the XDG state directory). */
  effects?: Effects;
}

export function App({ model, source, theme, clock = Date.now, tickMs = 1000, initialScreen, onState, effects }: AppProps): ReactNode {
  const size = useTerminalSize();
  const [state, dispatch] = useReducer(appReducer, undefined, (): AppState => {
    const snap = model.snapshot;
    const base = initialState({ ...size, intervalMs: snap.status.intervalMs, ...(initialScreen ? { screen: initialScreen } : {}) });
    const loaded = appReducer(base, { type: 'model', status: snap.status, ...(snap.data ? { data: snap.data } : {}) });
    return loaded;
  });
  const { exit } = useApp();

  useEffect(() => {
    dispatch({ type: 'resize', cols: size.cols, rows: size.rows });
  }, [size.cols, size.rows]);

  useEffect(
    () =>
      model.subscribe((snap) => {
        dispatch({ type: 'model', status: snap.status, ...(snap.data ? { data: snap.data } : {}) });
      }),
    [model],
  );

  // The model fetches and keeps current the views of the screens on the stack (and forgets the others).
  useEffect(() => {
    model.show?.(state.stack.map((e) => e.screen));
  }, [state.stack, model]);

  const refreshSeen = useRef(state.refreshRequests);
  useEffect(() => {
    if (state.refreshRequests === refreshSeen.current) return;
    refreshSeen.current = state.refreshRequests;
    void model.refreshNow();
  }, [state.refreshRequests, model]);

  // A copy or save asked for by a key: carried out once, its outcome said on the status line.
  const request = state.request;
  const run = useMemo(() => effects ?? terminalEffects(), [effects]);
  useEffect(() => {
    if (!request) return;
    void run(request).then((outcome) => dispatch({ type: 'message', ...outcome }));
  }, [request, run]);

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  useEffect(() => {
    onState?.(state);
  }, [state, onState]);

  const onInput = useCallback((input: string, key: Key) => {
    for (const press of decodeInput(input, key)) dispatch({ type: 'key', key: press });
  }, []);
  useInput(onInput);

  const now = useNow(clock, tickMs);
  return (
    <ThemeProvider theme={theme}>
      <Shell state={state} now={now} source={source} />
    </ThemeProvider>
  );
}
