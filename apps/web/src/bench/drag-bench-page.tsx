import { moveNode, readGraph } from '@tandem/workflow';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type OnEdgesChange,
  type OnNodesChange,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { Canvas } from '../canvas/canvas';
import type { FlowEdge, FlowNode } from '../canvas/flow-types';
import { toFlowEdges, toFlowNodes } from '../canvas/graph-mapping';
import { enableRenderCounts } from '../canvas/nodes/render-count';
import type { EditorActions } from '../canvas/use-editor-actions';
import { useEditorActions } from '../canvas/use-editor-actions';
import { useWorkflowGraph, type WorkflowGraphBinding } from '../canvas/use-workflow-graph';
import { useWorkflowUndo } from '../canvas/use-workflow-undo';
import { workflowStore } from '../canvas/workflow-snapshot';
import { useToasts } from '../chrome/toasts';
import { benchWorkflowDoc } from './bench-graph';
import { createFrameProbe, type MoveNode, type ProbeResult } from './frame-probe';

export type DragBenchMode = 'yjs' | 'plain';

/** What the page exposes on `window.__dragBench` for `bench/src/drag.bench.ts`. */
export type DragBenchApi = {
  mode: DragBenchMode;
  nodes: number;
  start(exclude: string, seed: number): void;
  stop(): Promise<ProbeResult>;
  /** Zooms around the middle of the canvas (fit view is where the page opens). */
  zoomTo(zoom: number): Promise<boolean>;
};

const REMOTE = Symbol('bench remote client');

/**
 * `/bench/drag?mode=yjs|plain&nodes=500`: the drag benchmark's canvas. `yjs` is the app's canvas bound to a
 * local Y.Doc, with a second Y.Doc (the "remote client") synced to it by exchanging updates in the page;
 * `plain` is the same canvas and node components over plain React state. Nothing is saved or sent anywhere.
 */
export function DragBenchPage({ mode, nodes }: { mode: DragBenchMode; nodes: number }) {
  const [doc] = useState(() => benchWorkflowDoc(nodes));
  const content =
    mode === 'yjs' ? <YjsCanvas doc={doc} nodes={nodes} /> : <PlainCanvas doc={doc} nodes={nodes} />;
  return (
    <div style={{ position: 'fixed', inset: 0 }} data-testid="drag-bench" data-mode={mode}>
      <ReactFlowProvider>{content}</ReactFlowProvider>
    </div>
  );
}

function initialPositions(doc: Y.Doc): Map<string, { x: number; y: number }> {
  return new Map(readGraph(doc).nodes.map((node) => [node.id, { ...node.position }]));
}

/** Publishes the probe on `window` once the page has mounted. */
function useBenchApi(mode: DragBenchMode, nodes: number, doc: Y.Doc, move: MoveNode) {
  const flow = useReactFlow();
  useEffect(() => {
    const probe = createFrameProbe(move, initialPositions(doc), enableRenderCounts());
    const zoomTo = (zoom: number) => flow.zoomTo(zoom, { duration: 0 });
    const api: DragBenchApi = { mode, nodes, start: probe.start, stop: probe.stop, zoomTo };
    (window as unknown as { __dragBench?: DragBenchApi }).__dragBench = api;
    return () => {
      probe.stop();
      (window as unknown as { __dragBench?: DragBenchApi }).__dragBench = undefined;
    };
  }, [mode, nodes, doc, move, flow]);
}

function YjsCanvas({ doc, nodes }: { doc: Y.Doc; nodes: number }) {
  // The second client: its own doc, kept in sync by exchanging updates directly (what a provider would relay).
  const [remote] = useState(() => {
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), REMOTE);
    return other;
  });
  useEffect(() => {
    const toRemote = (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(remote, update, REMOTE);
    };
    const toLocal = (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) Y.applyUpdate(doc, update, REMOTE);
    };
    doc.on('update', toRemote);
    remote.on('update', toLocal);
    return () => {
      doc.off('update', toRemote);
      remote.off('update', toLocal);
    };
  }, [doc, remote]);
  const move = useCallback<MoveNode>((id, position) => moveNode(remote, id, position), [remote]);
  useBenchApi('yjs', nodes, doc, move);

  const binding = useWorkflowGraph(doc);
  const { undo } = useWorkflowUndo(doc, false);
  const { notify } = useToasts();
  const actions = useEditorActions(doc, binding, undo, false, notify);
  const paletteSearch = useRef<HTMLInputElement>(null);
  return (
    <Canvas
      binding={binding}
      actions={actions}
      undo={undo}
      readOnly={false}
      tool="pan"
      notify={notify}
      paletteSearchRef={paletteSearch}
    />
  );
}

const NO_ACTIONS: EditorActions = {
  undo() {},
  redo() {},
  copyText: () => null,
  pasteText: () => false,
  deleteSelection() {},
  duplicate() {},
  selectAll() {},
  clearSelection() {},
  autoLayout() {},
  fitView() {},
  zoomIn() {},
  zoomOut() {},
  addNode() {},
};

/** The baseline: the same canvas over plain React state (no Yjs once mounted), moves applied to that state. */
function PlainCanvas({ doc, nodes: count }: { doc: Y.Doc; nodes: number }) {
  const [snapshot] = useState(() => workflowStore(doc).getSnapshot());
  const [nodes, setNodes] = useState<FlowNode[]>(() =>
    toFlowNodes(snapshot.graph, [], snapshot.problemsByNode),
  );
  const [edges, setEdges] = useState<FlowEdge[]>(() => toFlowEdges(snapshot.graph));
  const move = useCallback<MoveNode>((id, position) => {
    setNodes((previous) => previous.map((node) => (node.id === id ? { ...node, position } : node)));
  }, []);
  useBenchApi('plain', count, doc, move);

  const onNodesChange = useCallback<OnNodesChange<FlowNode>>(
    (changes) => setNodes((previous) => applyNodeChanges(changes, previous)),
    [],
  );
  const onEdgesChange = useCallback<OnEdgesChange<FlowEdge>>(
    (changes) => setEdges((previous) => applyEdgeChanges(changes, previous)),
    [],
  );
  const binding = useMemo<WorkflowGraphBinding>(
    () => ({
      snapshot,
      nodes,
      edges,
      onNodesChange,
      onEdgesChange,
      onConnect() {},
      addNode() {},
      selectNodes() {},
      selectWhenArrived() {},
    }),
    [snapshot, nodes, edges, onNodesChange, onEdgesChange],
  );
  const { notify } = useToasts();
  const paletteSearch = useRef<HTMLInputElement>(null);
  return (
    <Canvas
      binding={binding}
      actions={NO_ACTIONS}
      undo={null}
      readOnly={false}
      tool="pan"
      notify={notify}
      paletteSearchRef={paletteSearch}
    />
  );
}
