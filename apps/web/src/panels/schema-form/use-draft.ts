import { useEffect, useState } from 'react';

/**
 * Local draft of a field. The doc value flows in while the draft is valid; while the user holds an invalid
 * draft (shown with its error) a remote change does not overwrite what they are typing.
 */
export function useDraft<T>(docValue: T, key: string) {
  const [draft, setDraft] = useState<T>(docValue);
  const [error, setError] = useState<string | null>(null);
  // `key` is a stable serialisation of docValue: snapshots hand out new objects for unchanged values.
  useEffect(() => {
    if (error === null) setDraft(docValue);
  }, [key]);
  return { draft, setDraft, error, setError };
}
