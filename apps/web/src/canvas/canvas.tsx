import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  ReactFlow,
} from '@xyflow/react';
import { useCallback } from 'react';
import { wouldCreateCycle } from './connection-rules';
import type { FlowEdge, FlowNode } from './flow-types';
import { NodePalette } from './node-palette';
import { NODE_COMPONENTS } from './nodes/node-types';
import type { WorkflowGraphBinding } from './use-workflow-graph';

const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const DELETE_KEYS = ['Backspace', 'Delete'];

function minimapClass(node: Node): string {
  return `minimap-node minimap-node--${node.type ?? 'unknown'}`;
}

export function Canvas({ binding }: { binding: WorkflowGraphBinding }) {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode } = binding;

  // Workflows are DAGs: refuse a connection that would close a loop while it is being drawn.
  const isValidConnection = useCallback(
    (connection: Connection | Edge) => !wouldCreateCycle(edges, connection.source, connection.target),
    [edges],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_COMPONENTS}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      deleteKeyCode={DELETE_KEYS}
      colorMode="dark"
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.2}
      maxZoom={2}
    >
      <NodePalette onAdd={addNode} />
      <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="var(--canvas-dot)" />
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap pannable zoomable nodeClassName={minimapClass} nodeBorderRadius={6} position="bottom-right" />
    </ReactFlow>
  );
}
