import type { CommentAnchor } from '@tandem/workflow';
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
import {
  type DragEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useMemo,
  useRef,
} from 'react';
import type { Notify } from '../chrome/toasts';
import { useTheme } from '../ui/theme';
import { ConnectionLine } from './connection-line';
import { connectionProblem } from './connection-rules';
import { type NodeDecorations, NodeDecorationsContext } from './decorations';
import type { CanvasTool } from './editor-toolbar';
import { EmptyState } from './empty-state';
import { fitViewOptions } from './fit-view';
import type { FlowEdge, FlowNode, GhostFlowNode } from './flow-types';
import { NODE_DRAG_TYPE, NodePalette } from './node-palette';
import { NODE_COMPONENTS } from './nodes/node-types';
import type { WorkflowUndo } from './undo';
import type { EditorActions } from './use-editor-actions';
import type { WorkflowGraphBinding } from './use-workflow-graph';
import { useFarZoom } from './zoom-detail';

const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
/** With the selection tool, the middle and right buttons still pan. */
const PAN_BUTTONS_WITH_SELECT = [1, 2];

function canvasClass(mode: { commenting: boolean; selecting: boolean; far: boolean }): string | undefined {
  const classes = [];
  if (mode.commenting) classes.push('is-commenting');
  else if (mode.selecting) classes.push('is-selecting');
  if (mode.far) classes.push('is-far');
  return classes.length > 0 ? classes.join(' ') : undefined;
}

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
  overlay?: CanvasOverlay;
  /** With the comment tool: a click on a node or the pane starts a thread there. */
  onComment?: (anchor: CommentAnchor) => void;
};

/** What the canvas draws over the doc's graph: run status and diff decorations, ghosts of removed items. */
export type CanvasOverlay = {
  decorations: NodeDecorations;
  ghostNodes: readonly GhostFlowNode[];
  ghostEdges: readonly FlowEdge[];
  edgeClasses: ReadonlyMap<string, string>;
};

const NO_OVERLAY: CanvasOverlay = {
  decorations: new Map(),
  ghostNodes: [],
  ghostEdges: [],
  edgeClasses: new Map(),
};

type ViewNode = FlowNode | GhostFlowNode;

export function Canvas({
  binding,
  actions,
  undo,
  readOnly,
  tool,
  notify,
  paletteSearchRef,
  children,
  overlay = NO_OVERLAY,
  onComment,
}: CanvasProps) {
  const { nodes, edges, onEdgesChange, onConnect } = binding;
  const flow = useReactFlow();
  const commenting = tool === 'comment' && onComment !== undefined;
  const viewNodes = useMemo<ViewNode[]>(
    () => (overlay.ghostNodes.length === 0 ? nodes : [...overlay.ghostNodes, ...nodes]),
    [nodes, overlay.ghostNodes],
  );
  const viewEdges = useMemo<FlowEdge[]>(() => {
    if (overlay.edgeClasses.size === 0 && overlay.ghostEdges.length === 0) return edges;
    const classed = edges.map((edge) => {
      const extra = overlay.edgeClasses.get(edge.id);
      return extra ? { ...edge, className: [edge.className, extra].filter(Boolean).join(' ') } : edge;
    });
    return [...overlay.ghostEdges, ...classed];
  }, [edges, overlay.edgeClasses, overlay.ghostEdges]);
  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      if (!commenting) return;
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onComment?.({ x: Math.round(at.x), y: Math.round(at.y) });
    },
    [commenting, flow, onComment],
  );
  const onNodeClick = useCallback(
    (_event: MouseEvent, node: ViewNode) => {
      if (commenting && node.type !== 'ghost') onComment?.({ nodeId: node.id });
    },
    [commenting, onComment],
  );
  const dragging = useRef(false);

  // A drag is one undo step however long it lasts: grouping starts with the first dragging position change
  // and ends after the final (dragging: false) position is written.
  const onNodesChange = useCallback<OnNodesChange<ViewNode>>(
    (changes) => {
      const own = changes.filter((change) => !('id' in change) || !change.id.startsWith('ghost:'));
      const moves = own.filter((change) => change.type === 'position');
      if (!dragging.current && moves.some((change) => change.dragging)) {
        dragging.current = true;
        undo?.beginGroup();
      }
      binding.onNodesChange(own as Parameters<typeof binding.onNodesChange>[0]);
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
  const far = useFarZoom();
  const theme = useTheme();

  return (
    <NodeDecorationsContext.Provider value={overlay.decorations}>
      <ReactFlow<ViewNode, FlowEdge>
        nodes={viewNodes}
        edges={viewEdges}
        onPaneClick={onPaneClick}
        onNodeClick={onNodeClick}
        elementsSelectable={!commenting}
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
        nodesDraggable={!readOnly && !commenting}
        nodesConnectable={!readOnly}
        edgesFocusable={!readOnly}
        onDragOver={onDragOver}
        onDrop={onDrop}
        className={canvasClass({ commenting, selecting, far })}
        colorMode={theme}
        fitView
        fitViewOptions={fitViewOptions(readOnly)}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 300}
      >
        {!readOnly && <NodePalette onAdd={(type) => actions.addNode(type)} searchRef={paletteSearchRef} />}
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="var(--canvas-dot)" />
        <MiniMap
          pannable
          zoomable
          nodeClassName={minimapClass}
          nodeBorderRadius={6}
          position="bottom-right"
        />
        {nodes.length === 0 && <EmptyState readOnly={readOnly} onAdd={(type) => actions.addNode(type)} />}
        {children}
      </ReactFlow>
    </NodeDecorationsContext.Provider>
  );
}
