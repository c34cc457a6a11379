import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createWorkflowUndo, type UndoState, type WorkflowUndo } from './undo';

const NOTHING: UndoState = { canUndo: false, canRedo: false };
const noSubscribe = () => () => {};

/** This user's undo history for the doc (none in read-only mode), with its state as React state. */
export function useWorkflowUndo(
  doc: Y.Doc,
  readOnly: boolean,
): { undo: WorkflowUndo | null; state: UndoState } {
  const [undo, setUndo] = useState<WorkflowUndo | null>(null);
  useEffect(() => {
    if (readOnly) return;
    // Created in an effect (not during render) so StrictMode's double mount never leaves a destroyed manager.
    const created = createWorkflowUndo(doc);
    setUndo(created);
    return () => {
      created.destroy();
      setUndo(null);
    };
  }, [doc, readOnly]);
  const state = useSyncExternalStore(undo?.subscribe ?? noSubscribe, () => undo?.getState() ?? NOTHING);
  return { undo, state };
}
