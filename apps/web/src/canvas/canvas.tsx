import { isNodeType } from '@tandem/workflow';
import {
  Background,
  BackgroundVariant,
  type Connection,
  type Edge,
  MiniMap,
  type Node,
  type OnNodesChange,
  ReactFlow,
  SelectionMode,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, type ReactNode, type Ref, useCallback, useRef } from 'react';
import type { Notify } from '../chrome/toasts';
import { ConnectionLine } from './connection-line';
import { connectionProblem } from './connection-rules';
import type { CanvasTool } from './editor-toolbar';
import { EmptyState } from './empty-state';
import { fitViewOptions } from './fit-view';
import type { FlowEdge, FlowNode } from './flow-types';
import { NODE_DRAG_TYPE, NodePalette } from './node-palette';
import { NODE_COMPONENTS } from './nodes/node-types';
import type { WorkflowUndo } from './undo';
import type { EditorActions } from './use-editor-actions';
import type { WorkflowGraphBinding } from './use-workflow-graph';

const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** With the selection tool, the middle and right buttons still pan. */
const PAN_BUTTONS_WITH_SELECT = [1, 2];

function minimapClass(node: Node): string {
  return `minimap-node minimap-node--${node.type ?? 'unknown'}`;
}

type CanvasProps = {
  binding: WorkflowGraphBinding;
  actions: EditorActions;
  undo: WorkflowUndo | null;
  readOnly: boolean;
  tool: CanvasTool;
  notify: Notify;
  paletteSearchRef: Ref<HTMLInputElement>;
  children?: ReactNode;
};

export function Canvas({
  binding,
  actions,
  undo,
  readOnly,
  tool,
  notify,
  paletteSearchRef,
  children,
}: CanvasProps) {
  const { nodes, edges, onEdgesChange, onConnect } = binding;
  const flow = useReactFlow();
  const dragging = useRef(false);

  // A drag is one undo step however long it lasts: grouping starts with the first dragging position change
  // and ends after the final (dragging: false) position is written.
  const onNodesChange = useCallback<OnNodesChange<FlowNode>>(
    (changes) => {
      const moves = changes.filter((change) => change.type === 'position');
      if (!dragging.current && moves.some((change) => change.dragging)) {
        dragging.current = true;
        undo?.beginGroup();
      }
      binding.onNodesChange(changes);
      if (dragging.current && moves.length > 0 && moves.every((change) => !change.dragging)) {
        dragging.current = false;
        undo?.endGroup();
      }
    },
    [binding.onNodesChange, undo],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => connectionProblem(edges, connection) === null,
    [edges],
  );

  const connect = useCallback(
    (connection: Connection) => {
      const problem = connectionProblem(edges, connection);
      if (problem) {
        notify(problem, 'warn');
        return;
      }
      onConnect(connection);
    },
    [edges, notify, onConnect],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || !event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (readOnly || !isNodeType(type)) return;
      event.preventDefault();
      actions.addNode(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [actions, flow, readOnly],
  );

  const selecting = tool === 'select';

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_COMPONENTS}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={connect}
      isValidConnection={isValidConnection}
      connectionLineComponent={ConnectionLine}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      selectionKeyCode="Shift"
      selectionOnDrag={selecting}
      selectionMode={SelectionMode.Partial}
      panOnDrag={selecting ? PAN_BUTTONS_WITH_SELECT : true}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesFocusable={!readOnly}
      onDragOver={onDragOver}
      onDrop={onDrop}
      className={selecting ? 'is-selecting' : undefined}
      colorMode="dark"
      fitView
      fitViewOptions={fitViewOptions(readOnly)}
      minZoom={0.1}
      maxZoom={2}
      onlyRenderVisibleElements={nodes.length > 300}
    >
      {!readOnly && <NodePalette onAdd={(type) => actions.addNode(type)} searchRef={paletteSearchRef} />}
      <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="var(--canvas-dot)" />
      <MiniMap pannable zoomable nodeClassName={minimapClass} nodeBorderRadius={6} position="bottom-right" />
      {nodes.length === 0 && <EmptyState readOnly={readOnly} onAdd={(type) => actions.addNode(type)} />}
      {children}
    </ReactFlow>
  );
}
