import type { NodeType } from '@tandem/workflow';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type OnEdgesChange,
  type OnNodesChange,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
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
};

/**
 * Binds React Flow to a workflow doc. The doc is the source of truth: graph edits go to it through the
 * `@tandem/workflow` accessors and come back through `observeWorkflow`; React Flow keeps only view state
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

  // A node this user just added arrives through the doc; it is selected on arrival (which also raises it).
  const selectOnArrival = useRef<string | null>(null);

  useEffect(() => {
    const pending = selectOnArrival.current;
    const arriving =
      pending !== null && snapshot.graph.nodes.some((node) => node.id === pending) ? pending : null;
    if (arriving !== null) selectOnArrival.current = null;
    setNodes((previous) => {
      const next = toFlowNodes(snapshot.graph, previous, snapshot.problemsByNode);
      if (arriving === null) return next;
      return next.map((node) =>
        Boolean(node.selected) === (node.id === arriving)
          ? node
          : { ...node, selected: node.id === arriving },
      );
    });
    setEdges((previous) => toFlowEdges(snapshot.graph, previous));
  }, [snapshot]);

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
      selectOnArrival.current = commands.added(type, position);
    },
    [commands],
  );

  return { snapshot, nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode };
}
