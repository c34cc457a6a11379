import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { type ApiProblem, describeApiError } from '../trpc/errors';

export type QueryState<T> = {
  data: T | undefined;
  error: ApiProblem | null;
  loading: boolean;
  /** Runs the query again, keeping the current data on screen until the answer arrives. */
  reload: () => Promise<void>;
  /** Replaces the data locally (after a mutation whose answer already says what changed). */
  setData: (update: (current: T | undefined) => T | undefined) => void;
};

/** Runs `load` when `deps` change; answers that arrive after a newer request started are dropped. */
export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): QueryState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return;
      setDataState(value);
      setError(null);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(describeApiError(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setDataState(undefined);
    void run();
  }, deps);

  const setData = useCallback((update: (current: T | undefined) => T | undefined) => {
    setDataState(update);
  }, []);

  return { data, error, loading, reload: run, setData };
}
