import type { NodeType } from '@tandem/workflow';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type OnEdgesChange,
  type OnNodesChange,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { FlowEdge, FlowNode } from './flow-types';
import { createGraphCommands, localEdgeChanges, localNodeChanges } from './graph-commands';
import { toFlowEdges, toFlowNodes } from './graph-mapping';
import { type WorkflowSnapshot, workflowStore } from './workflow-snapshot';

export type WorkflowGraphBinding = {
  snapshot: WorkflowSnapshot;
  nodes: FlowNode[];
  edges: FlowEdge[];
  onNodesChange: OnNodesChange<FlowNode>;
  onEdgesChange: OnEdgesChange<FlowEdge>;
  onConnect: (connection: Connection) => void;
  addNode: (type: NodeType, position: XYPosition) => void;
  /** Selects exactly these nodes (and no edges). */
  selectNodes: (ids: readonly string[]) => void;
  /** Selects exactly these nodes once they arrive from the doc (call before writing them: paste, duplicate). */
  selectWhenArrived: (ids: readonly string[]) => void;
};

/**
 * Binds React Flow to a workflow doc. The doc is the source of truth: graph edits go to it through the
 * `@tandem/workflow` accessors and come back through `observeWorkflowChanges`; React Flow keeps only view state
 * (selection, measured sizes, the position of a node while it is being dragged).
 */
export function useWorkflowGraph(doc: Y.Doc): WorkflowGraphBinding {
  const store = workflowStore(doc);
  const commands = useMemo(() => createGraphCommands(doc), [doc]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);

  const [nodes, setNodes] = useState<FlowNode[]>(() =>
    toFlowNodes(snapshot.graph, [], snapshot.problemsByNode),
  );
  const [edges, setEdges] = useState<FlowEdge[]>(() => toFlowEdges(snapshot.graph));

  // Nodes this user just added or pasted arrive through the doc; they are selected on arrival (which also
  // raises them above the others).
  const selectOnArrival = useRef<ReadonlySet<string> | null>(null);

  // A layout effect: the doc's change reaches React Flow in the same commit that saw it, before the browser
  // paints, so a remote move is drawn in the next frame instead of waiting for a passive effect's render.
  useLayoutEffect(() => {
    const pending = selectOnArrival.current;
    const arriving =
      pending !== null && snapshot.graph.nodes.some((node) => pending.has(node.id)) ? pending : null;
    if (arriving !== null) selectOnArrival.current = null;
    // When no item changed (the echo of this user's own drag write, a config edit of nothing on screen) the
    // previous array is kept, so React bails out and React Flow does not re-adopt every node.
    setNodes((previous) => {
      const next = toFlowNodes(snapshot.graph, previous, snapshot.problemsByNode);
      return arriving === null ? sameItems(next, previous) : withSelection(next, arriving);
    });
    setEdges((previous) => {
      const next = toFlowEdges(snapshot.graph, previous);
      return arriving === null
        ? sameItems(next, previous)
        : next.map((edge) => (edge.selected ? { ...edge, selected: false } : edge));
    });
  }, [snapshot]);

  const selectNodes = useCallback((ids: readonly string[]) => {
    const wanted = new Set(ids);
    setNodes((previous) => withSelection(previous, wanted));
    setEdges((previous) => previous.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
  }, []);

  const onNodesChange = useCallback<OnNodesChange<FlowNode>>(
    (changes) => {
      const local = localNodeChanges(changes);
      if (local.length > 0) setNodes((previous) => applyNodeChanges(local, previous));
      commands.nodesChanged(changes);
    },
    [commands],
  );

  const onEdgesChange = useCallback<OnEdgesChange<FlowEdge>>(
    (changes) => {
      const local = localEdgeChanges(changes);
      if (local.length > 0) setEdges((previous) => applyEdgeChanges(local, previous));
      commands.edgesChanged(changes);
    },
    [commands],
  );

  const onConnect = useCallback((connection: Connection) => void commands.connected(connection), [commands]);

  const addNode = useCallback(
    (type: NodeType, position: XYPosition) => {
      selectOnArrival.current = new Set([commands.added(type, position)]);
    },
    [commands],
  );

  const selectWhenArrived = useCallback((ids: readonly string[]) => {
    selectOnArrival.current = new Set(ids);
  }, []);

  return {
    snapshot,
    nodes,
    edges,
    onNodesChange,
    onEdgesChange,
    onConnect,
    addNode,
    selectNodes,
    selectWhenArrived,
  };
}

/** `previous` when `next` holds the very same objects in the same order, else `next`. */
function sameItems<T>(next: T[], previous: T[]): T[] {
  return next.length === previous.length && next.every((item, index) => item === previous[index])
    ? previous
    : next;
}

/** Sets selection, touching only the nodes whose selection changes (the others keep their identity). */
function withSelection(nodes: FlowNode[], selected: ReadonlySet<string>): FlowNode[] {
  return nodes.map((node) =>
    Boolean(node.selected) === selected.has(node.id) ? node : { ...node, selected: selected.has(node.id) },
  );
}
