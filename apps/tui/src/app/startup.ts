/**
 * The first moments of the app, before Ink is loaded: the alternate screen with a loading line drawn at once,
 * and the keyboard held so that keys typed meanwhile are dropped rather than replayed into the app when it
 * starts (a `q` typed while waiting must not quit it later). Imports nothing heavy.
 */
const ENTER_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_SCREEN = '\u001B[?25h\u001B[?1049l';

let entered = false;

/** Leaves the alternate screen if it was entered (idempotent). */
export function leaveScreen(): void {
  if (entered) process.stdout.write(LEAVE_SCREEN);
  entered = false;
}

/** Enters the alternate screen and draws the loading line; the app draws over it. */
export function showLoading(source: string): void {
  process.stdout.write(`${ENTER_SCREEN} vaultscope › loading ${source.replace(/[\u0000-\u001F\u007F-\u009F]/g, '')}…\u001B[H`);
  entered = true;
  process.on('exit', leaveScreen);
}

/**
 * Reads and drops keys until the returned function is called; Ctrl-C quits. The returned function hands the
 * keyboard over (Ink takes it from there).
 */
export function holdInput(): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY) return () => undefined;
  stdin.setRawMode(true);
  const drop = (chunk: Buffer): void => {
    if (chunk.includes(3)) {
      leaveScreen();
      process.exit(0);
    }
  };
  stdin.on('data', drop);
  // Not paused on release: until Ink adds its own listener, keys still flow here and are dropped.
  return () => {
    stdin.off('data', drop);
  };
}
