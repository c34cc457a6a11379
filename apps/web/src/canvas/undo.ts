import { undoScope } from '@tandem/workflow';
import * as Y from 'yjs';

/** How long consecutive local edits merge into one undo step (typing bursts, a drag's throttled writes). */
export const UNDO_CAPTURE_MS = 500;

export type UndoState = { canUndo: boolean; canRedo: boolean };

export type WorkflowUndo = {
  undo(): void;
  redo(): void;
  /** Ends the current undo step, so the next edit starts a new one (drag start/stop, paste, layout). */
  stopCapturing(): void;
  /**
   * Merges every local edit until {@link WorkflowUndo.endGroup} into one step, however long it takes: a drag
   * where the pointer rests longer than the capture timeout is still one step.
   */
  beginGroup(): void;
  endGroup(): void;
  getState(): UndoState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
};

/**
 * Per-user undo over the workflow's graph (`undoScope`: nodes and edges; never meta, whose schema version a
 * migration writes). Only transactions with origin `null` — this client's own accessor calls — are tracked: a
 * provider applies remote updates with itself as origin, so my undo never reverts a collaborator's edit.
 */
export function createWorkflowUndo(doc: Y.Doc): WorkflowUndo {
  // Scoped to types (not the whole doc), Yjs records only transactions that changed them: an empty
  // transaction adds no no-op step and leaves the redo stack alone.
  const manager = new Y.UndoManager(undoScope(doc), {
    captureTimeout: UNDO_CAPTURE_MS,
    trackedOrigins: new Set([null]),
  });
  const listeners = new Set<() => void>();
  // Cached so useSyncExternalStore sees one object per state, not a new one per read.
  let state: UndoState = { canUndo: false, canRedo: false };
  const refresh = () => {
    const next = { canUndo: manager.canUndo(), canRedo: manager.canRedo() };
    if (next.canUndo === state.canUndo && next.canRedo === state.canRedo) return;
    state = next;
    for (const listener of listeners) listener();
  };
  manager.on('stack-item-added', refresh);
  manager.on('stack-item-popped', refresh);
  manager.on('stack-cleared', refresh);
  return {
    undo: () => {
      manager.undo();
    },
    redo: () => {
      manager.redo();
    },
    stopCapturing: () => manager.stopCapturing(),
    beginGroup() {
      manager.stopCapturing();
      manager.captureTimeout = Number.POSITIVE_INFINITY;
    },
    endGroup() {
      manager.captureTimeout = UNDO_CAPTURE_MS;
      manager.stopCapturing();
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    destroy: () => manager.destroy(),
  };
}
