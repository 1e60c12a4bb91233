/**
 * The terminal's size, following resizes.
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
