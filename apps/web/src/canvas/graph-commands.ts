import { addNode, connect, disconnect, moveNode, type NodeType, removeNode } from '@tandem/workflow';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type * as Y from 'yjs';
import type { FlowEdge, FlowNode } from './flow-types';

export type GraphCommandOptions = {
  /** Minimum time between two doc writes of one node's position while it is being dragged. */
  dragWriteIntervalMs?: number;
  now?: () => number;
};

/** Translates React Flow's change events into `@tandem/workflow` writes; the doc is the only source of truth. */
export type GraphCommands = {
  nodesChanged(changes: readonly NodeChange<FlowNode>[]): void;
  edgesChanged(changes: readonly EdgeChange<FlowEdge>[]): void;
  /** Returns the new edge id, or null when the doc refused it (missing endpoint, duplicate). */
  connected(connection: Connection): string | null;
  /** Adds a node of `type` with its default config at a flow position; returns its id. */
  added(type: NodeType, position: { x: number; y: number }): string;
};

/** Kinds of change React Flow may keep to itself: view state, not graph state. */
const LOCAL_NODE_CHANGES: ReadonlySet<NodeChange['type']> = new Set(['select', 'dimensions', 'position']);
const LOCAL_EDGE_CHANGES: ReadonlySet<EdgeChange['type']> = new Set(['select']);

/** Changes React Flow should apply to its local copy; removals and additions arrive back through the doc. */
export function localNodeChanges(changes: readonly NodeChange<FlowNode>[]): NodeChange<FlowNode>[] {
  return changes.filter((change) => LOCAL_NODE_CHANGES.has(change.type));
}

export function localEdgeChanges(changes: readonly EdgeChange<FlowEdge>[]): EdgeChange<FlowEdge>[] {
  return changes.filter((change) => LOCAL_EDGE_CHANGES.has(change.type));
}

export function createGraphCommands(doc: Y.Doc, options: GraphCommandOptions = {}): GraphCommands {
  const interval = options.dragWriteIntervalMs ?? 50;
  const now = options.now ?? (() => performance.now());
  const lastDragWrite = new Map<string, number>();

  return {
    nodesChanged(changes) {
      // Selection and measurement changes are view state: no (empty) doc transaction for them.
      if (!changes.some((change) => change.type === 'remove' || change.type === 'position')) return;
      doc.transact(() => {
        for (const change of changes) {
          if (change.type === 'remove') {
            lastDragWrite.delete(change.id);
            removeNode(doc, change.id);
          } else if (change.type === 'position' && change.position) {
            if (change.dragging) {
              // Throttled so collaborators see the node travel without a doc update per pointer event.
              const at = now();
              const last = lastDragWrite.get(change.id);
              if (last !== undefined && at - last < interval) continue;
              lastDragWrite.set(change.id, at);
            } else {
              // Drag stop (or a keyboard nudge): always written, so the final position is never lost.
              lastDragWrite.delete(change.id);
            }
            moveNode(doc, change.id, { x: change.position.x, y: change.position.y });
          }
        }
      });
    },
    edgesChanged(changes) {
      if (!changes.some((change) => change.type === 'remove')) return;
      doc.transact(() => {
        for (const change of changes) {
          if (change.type === 'remove') disconnect(doc, change.id);
        }
      });
    },
    connected(connection) {
      return connect(doc, {
        source: connection.source,
        target: connection.target,
        ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
        ...(connection.targetHandle ? { targetHandle: connection.targetHandle } : {}),
      });
    },
    added(type, position) {
      return addNode(doc, { type, position: { x: Math.round(position.x), y: Math.round(position.y) } });
    },
  };
}
