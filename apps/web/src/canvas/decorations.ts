import { useNodeId } from '@xyflow/react';
import { createContext, useContext } from 'react';
import type { NodeRunStatus } from '../runs/run-timeline';

export type NodeDiffKind = 'added' | 'removed' | 'changed';

/** What the canvas draws on a node besides its config: a run's status and a version comparison. */
export type NodeDecoration = {
  run?: { status: NodeRunStatus; preview: string; attempts: number; error: string | null };
  diff?: { kind: NodeDiffKind; fields: readonly string[] };
};

export type NodeDecorations = ReadonlyMap<string, NodeDecoration>;

const NONE: NodeDecorations = new Map();

/** Provided by the editor around React Flow; keyed by node id (ghosts of removed nodes by their flow id). */
export const NodeDecorationsContext = createContext<NodeDecorations>(NONE);

/** The decoration of the node being rendered (React Flow's node id context). */
export function useNodeDecoration(): NodeDecoration | undefined {
  const id = useNodeId();
  const decorations = useContext(NodeDecorationsContext);
  return id === null ? undefined : decorations.get(id);
}
