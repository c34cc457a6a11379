import { observeRuns, type RunView, readRuns } from '@tandem/workflow';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The live runs of `workflow:<id>:runs`, newest first; every collaborator sees every run as it happens. */
export function useLiveRuns(doc: Y.Doc): RunView[] {
  const [runs, setRuns] = useState(() => readRuns(doc));
  useEffect(() => {
    setRuns(readRuns(doc));
    return observeRuns(doc, () => setRuns(readRuns(doc)));
  }, [doc]);
  return runs;
}

/** A clock that ticks while something runs, so live bars grow; idle otherwise. */
export function useNow(active: boolean, everyMs = 200): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
