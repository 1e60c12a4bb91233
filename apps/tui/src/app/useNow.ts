/**
 * A ticking clock, so ages on screen ("captured 12s ago") count up between refreshes.
 */
import { useEffect, useState } from 'react';

/** The time, re-read every `everyMs` (0: never). */
export function useNow(clock: () => number, everyMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (everyMs <= 0) return;
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
