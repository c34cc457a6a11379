import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/** The current string of a Y.Text as React state (re-renders on every change, local or remote). */
export function useYTextValue(text: Y.Text | null): string {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!text) return () => {};
      text.observe(listener);
      return () => text.unobserve(listener);
    },
    [text],
  );
  return useSyncExternalStore(subscribe, () => text?.toString() ?? '');
}
