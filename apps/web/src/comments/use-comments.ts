import { type CommentThread, observeComments, readThreads } from '@tandem/workflow';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The comment threads of `workflow:<id>:comments`, re-read on every local or remote change. */
export function useCommentThreads(doc: Y.Doc): CommentThread[] {
  const [threads, setThreads] = useState(() => readThreads(doc));
  useEffect(() => {
    setThreads(readThreads(doc));
    return observeComments(doc, () => setThreads(readThreads(doc)));
  }, [doc]);
  return threads;
}
