/**
 * The one way view tests render the app: ink-testing-library behind a helper that pins the environment
 * (clock, colours, size) and waits for a frame predicate instead of sleeping.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { terminalEffects } from '../app/effects.js';
import { App } from '../app/App.js';
import type { AppState } from '../app/appReducer.js';
import type { OrgData } from '../model/orgData.js';
import type { RefreshState, RefreshStatus } from '../model/refresher.js';
import { localViewData, type ViewData } from '../model/viewData.js';
import { makeTheme } from '../theme/theme.js';
import type { Screen } from '../views/screen.js';
import { NOW } from './tinyEstate.js';

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Views of indexed data, one `ViewData` per data (as a model publishes one per refresh). */
const viewData = new WeakMap<OrgData, ViewData>();
export function viewsOf(data: OrgData): ViewData {
  let views = viewData.get(data);
  if (!views) {
    views = localViewData(data);
    viewData.set(data, views);
  }
  return views;
}

/** A model whose state the test sets; its views are built on this thread. */
export class FakeModel {
  snapshot: RefreshState<ViewData>;
  refreshes = 0;
  /** The screens the app last said it shows. */
  shown: readonly Screen[] = [];
  private readonly listeners = new Set<(s: RefreshState<ViewData>) => void>();
  constructor(data: OrgData | undefined, status: Partial<RefreshStatus> = {}) {
    this.snapshot = { status: { loading: false, failures: 0, intervalMs: 5000, skipped: 0, ...(data ? { lastSuccessAt: NOW } : {}), ...status }, ...(data ? { data: viewsOf(data) } : {}) };
  }
  subscribe(listener: (s: RefreshState<ViewData>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  refreshNow(): void {
    this.refreshes++;
  }
  show(screens: readonly Screen[]): void {
    this.shown = screens;
  }
  emit(next: { status: RefreshStatus; data?: OrgData }): void {
    this.emitViews({ status: next.status, ...(next.data ? { data: viewsOf(next.data) } : {}) });
  }
  /** Publishes views as they are (e.g. the inventory's, sent while the posture is evaluated). */
  emitViews(next: RefreshState<ViewData>): void {
    this.snapshot = next;
    for (const l of this.listeners) l(this.snapshot);
  }
}

export interface RenderOptions {
  data?: OrgData;
  status?: Partial<RefreshStatus>;
  env?: Record<string, string>;
  screen?: Screen;
  now?: number;
}

let renders = 0;

/** Renders the app; `waitFor` resolves with the first frame that satisfies the predicate. */
export function renderApp(options: RenderOptions = {}) {
  const model = new FakeModel(options.data, options.status);
  let state: AppState | undefined;
  const now = options.now ?? NOW;
  // Copies and saves go to a state directory of this render (created on first write), OSC 52 into a list.
  const stateHome = join(tmpdir(), `vaultscope-tui-test-${process.pid}-${++renders}`);
  const terminalWrites: string[] = [];
  const effects = terminalEffects({ env: { VAULTSCOPE_STATE_DIR: join(stateHome, 'vaultscope') }, write: (s) => terminalWrites.push(s), clock: () => now });
  const r = render(
    <App
      model={model}
      source="demo"
      theme={makeTheme(options.env ?? {})}
      clock={() => now}
      tickMs={0}
      effects={effects}
      onState={(s) => {
        state = s;
      }}
      {...(options.screen ? { initialScreen: options.screen } : {})}
    />,
  );
  const frame = (): string => r.lastFrame() ?? '';
  const waitFor = async (predicate: (frame: string) => boolean, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (predicate(f)) return f;
      if (Date.now() > deadline) throw new Error(`no frame matched within ${timeoutMs} ms; last frame:\n${f}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  /** Types keys one write at a time, as a person does. */
  const press = (...keys: string[]): void => {
    for (const k of keys) r.stdin.write(k);
  };
  return { ...r, model, frame, waitFor, press, state: () => state, stateDir: join(stateHome, 'vaultscope'), terminalWrites };
}
