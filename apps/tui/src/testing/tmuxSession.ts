/**
 * The end-to-end tests' terminal: the built binary in a real tmux session, driven by keys and read from the
 * screen. One copy of the tmux plumbing for every e2e test; each test keeps only its own story.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built TUI (what `npx vaultscope` runs); the tests drive it, never the sources. */
export const tuiBinary = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
/** The built reporter, for tests that compare the TUI's figures with `vaultscope-report`'s. */
export const reporterBinary = fileURLToPath(new URL('../../../reporter/dist/main.js', import.meta.url));

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Fails the suite with one clear line when a binary has not been built. */
export function requireBuilt(...binaries: string[]): void {
  for (const binary of binaries) if (!existsSync(binary)) throw new Error(`${binary} is missing: build first (npm run build)`);
}

/** A name no other test run on this machine uses. */
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${Date.now().toString(36)}`;

/** Printed by the shell when the app exits, then the pane stays open so the tests can read what was left. */
export const EXIT_MARK = 'VAULTSCOPE_EXIT=';

export interface TmuxStart {
  /** Session name (unique per run: see uniqueName). */
  session: string;
  /**
   * A tmux server of the test's own (`tmux -L`), for server options such as `set-clipboard` that must not touch
   * the operator's tmux. Default: the user's default server.
   */
  socket?: string;
  width: number;
  height: number;
  /** Shell command line; the exit mark and a long sleep are appended. */
  command: string;
}

export class TmuxSession {
  private constructor(
    readonly session: string,
    private readonly socket: string | undefined,
  ) {}

  /** Starts `command` in a new detached session of the given size. */
  static start(options: TmuxStart): TmuxSession {
    const t = new TmuxSession(options.session, options.socket);
    t.tmux('new-session', '-d', '-s', options.session, '-x', String(options.width), '-y', String(options.height), `${options.command}; echo ${EXIT_MARK}$?; sleep 600`);
    return t;
  }

  /** Runs a tmux command on this session's server; a failing command throws with tmux's message. */
  tmux(...args: string[]): string {
    const r = spawnSync('tmux', [...(this.socket ? ['-L', this.socket] : []), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** Named keys (`Enter`, `Escape`, `C-c`) or single characters. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }

  /** Literal text, typed as is. */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /**
   * Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. The deadlines are
   * generous on purpose: the tests must pass on a loaded 2-core machine.
   */
  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
  }

  /** Waits for the app to exit and returns the screen with the exit mark. */
  waitForExit(timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => s.includes(EXIT_MARK), 'the process to exit', timeoutMs);
  }

  /** Ends the session (or the test's own server); never throws, so it is safe in afterAll. */
  kill(): void {
    spawnSync('tmux', this.socket ? ['-L', this.socket, 'kill-server'] : ['kill-session', '-t', this.session]);
  }
}

/** The list line under the cursor (it starts with ›). */
export const cursorLine = (screen: string): string => screen.split('\n').find((l) => l.startsWith('›')) ?? '';
/** The first cell of the cursor line. */
export const cursorName = (screen: string): string => cursorLine(screen).slice(2).trim().split(/\s{2,}/)[0] ?? '';
