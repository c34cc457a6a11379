import { useEffect, useRef } from 'react';

/** Calls `tick` every `everyMs` while `active` (the experiment page's live progress while a run is under way). */
export function usePolling(tick: () => unknown, active: boolean, everyMs = 1500): void {
  const ref = useRef(tick);
  ref.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void ref.current(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
