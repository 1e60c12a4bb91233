/**
 * Small hooks the shell needs from the terminal: its size (following resizes) and a ticking clock for ages.
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

/** Terminal size; 80×24 when the stream does not say. */
export function useTerminalSize(): { cols: number; rows: number } {
  const { stdout } = useStdout();
  const read = (): { cols: number; rows: number } => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => {
      const next = read();
      setSize((prev) => (prev.cols === next.cols && prev.rows === next.rows ? prev : next));
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // `read` only reads `stdout`, so `stdout` is the whole dependency.
  }, [stdout]);
  return size;
}

/** The time, re-read every `everyMs` (so "captured 12s ago" counts up). */
export function useNow(clock: () => number, everyMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (everyMs <= 0) return;
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
