import type { CommentAnchor } from '@tandem/workflow';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { Canvas, type CanvasOverlay } from '../canvas/canvas';
import { type CanvasTool, EditorToolbar } from '../canvas/editor-toolbar';
import { useClipboardEvents } from '../canvas/use-clipboard-events';
import { useEditorActions } from '../canvas/use-editor-actions';
import { useShortcuts } from '../canvas/use-shortcuts';
import { useWorkflowGraph } from '../canvas/use-workflow-graph';
import { useWorkflowUndo } from '../canvas/use-workflow-undo';
import type { WorkflowSnapshot } from '../canvas/workflow-snapshot';
import { ShortcutHelp } from '../chrome/shortcut-help';
import { type Notify, ToastRegion, useToasts } from '../chrome/toasts';
import { TopBar, type TopBarSlots } from '../chrome/top-bar';
import { NodePanel } from '../panels/node-panel';

export type WorkflowEditorProps = {
  /** Any workflow Y.Doc: the local sample today, a Hocuspocus provider's doc once collaboration lands. */
  doc: Y.Doc;
  /** The viewer role: everything visible, nothing editable. */
  readOnly?: boolean;
  /** The doc has not synced yet (a provider connecting): show a loading state instead of an empty canvas. */
  loading?: boolean;
  /** What the loading state says (e.g. "Connecting…"). */
  loadingLabel?: string;
  /** Extra content of the top bar (presence, connection status, a way back). */
  topBar?: TopBarSlots;
  /** Rendered inside React Flow, above the graph (live cursors, remote selections). */
  canvasChildren?: ReactNode;
  /** A strip above the canvas (server notices, connection trouble). */
  banner?: ReactNode;
  /** Run status and version-diff decorations drawn over the graph. */
  overlay?: CanvasOverlay;
  /** Enables the comment tool (C): a click on a node or the canvas calls this with the anchor. */
  onComment?: (anchor: CommentAnchor) => void;
  /** A panel on the right; while it renders something it takes the node panel's place. */
  sidePanel?: (editor: EditorApi) => ReactNode;
  /** A panel under the canvas (the run timeline). */
  bottomPanel?: (editor: EditorApi) => ReactNode;
};

/** What panels outside the canvas may ask of the editor. */
export type EditorApi = {
  snapshot: WorkflowSnapshot;
  /** Selects a node and centres the view on it. */
  focusNode: (nodeId: string) => void;
  /** Centres the view on a flow position. */
  focusPoint: (point: { x: number; y: number }) => void;
  /** Ends the current undo step so the next local write (a restore) is undone on its own. */
  stopCapturing: () => void;
  notify: Notify;
};

export function WorkflowEditor(props: WorkflowEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorBody {...props} />
    </ReactFlowProvider>
  );
}

function EditorBody({
  doc,
  readOnly = false,
  loading = false,
  loadingLabel = 'Opening workflow…',
  topBar,
  canvasChildren,
  banner,
  overlay,
  onComment,
  sidePanel,
  bottomPanel,
}: WorkflowEditorProps) {
  const flow = useReactFlow();
  const binding = useWorkflowGraph(doc);
  const { undo, state: undoState } = useWorkflowUndo(doc, readOnly);
  const { toast, notify } = useToasts();
  const actions = useEditorActions(doc, binding, undo, readOnly, notify);
  const [tool, setTool] = useState<CanvasTool>('pan');
  const [helpOpen, setHelpOpen] = useState(false);
  const paletteSearch = useRef<HTMLInputElement>(null);

  const selectedIds = useMemo(
    () => binding.nodes.filter((node) => node.selected).map((node) => node.id),
    [binding.nodes],
  );
  const panelNodeId = selectedIds.length === 1 ? selectedIds[0] : undefined;

  useShortcuts({
    undo: actions.undo,
    redo: actions.redo,
    duplicate: actions.duplicate,
    selectAll: actions.selectAll,
    autoLayout: actions.autoLayout,
    fitView: actions.fitView,
    zoomIn: actions.zoomIn,
    zoomOut: actions.zoomOut,
    help: () => setHelpOpen((open) => !open),
    findNode: () => paletteSearch.current?.focus(),
    selectMode: () => setTool('select'),
    panMode: () => setTool('pan'),
    commentMode: onComment
      ? () => setTool((current) => (current === 'comment' ? 'pan' : 'comment'))
      : undefined,
    escape: () =>
      helpOpen ? setHelpOpen(false) : tool === 'comment' ? setTool('pan') : actions.clearSelection(),
  });

  const selectNodes = binding.selectNodes;
  const focusNode = useCallback(
    (nodeId: string) => {
      const node = flow.getInternalNode(nodeId);
      if (!node) return;
      selectNodes([nodeId]);
      const width = node.measured.width ?? 240;
      const height = node.measured.height ?? 120;
      const { x, y } = node.internals.positionAbsolute;
      void flow.setCenter(x + width / 2, y + height / 2, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
    },
    [flow, selectNodes],
  );
  const focusPoint = useCallback(
    (point: { x: number; y: number }) =>
      void flow.setCenter(point.x, point.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 }),
    [flow],
  );
  const editorApi: EditorApi = {
    snapshot: binding.snapshot,
    focusNode,
    focusPoint,
    stopCapturing: () => undo?.stopCapturing(),
    notify,
  };
  const side = sidePanel?.(editorApi);
  const bottom = bottomPanel?.(editorApi);
  useClipboardEvents(actions, readOnly);

  return (
    <div className={`app${readOnly ? ' is-read-only' : ''}`}>
      <TopBar snapshot={binding.snapshot} readOnly={readOnly} {...topBar} />
      {banner}
      <div className="app__body">
        <div className="app__main">
          <main className="app__canvas" aria-busy={loading}>
            {loading ? (
              <div className="loading" role="status">
                <span className="loading__spinner" aria-hidden="true" />
                {loadingLabel}
              </div>
            ) : (
              <Canvas
                binding={binding}
                actions={actions}
                undo={undo}
                readOnly={readOnly}
                tool={tool}
                notify={notify}
                paletteSearchRef={paletteSearch}
                overlay={overlay}
                onComment={onComment}
              >
                <EditorToolbar
                  readOnly={readOnly}
                  tool={tool}
                  onTool={setTool}
                  undoState={undoState}
                  onUndo={actions.undo}
                  onRedo={actions.redo}
                  onLayout={actions.autoLayout}
                  onZoomIn={actions.zoomIn}
                  onZoomOut={actions.zoomOut}
                  onFit={actions.fitView}
                  onHelp={() => setHelpOpen(true)}
                  canLayout={binding.nodes.length > 1}
                  canComment={onComment !== undefined}
                />
                {canvasChildren}
                {selectedIds.length > 1 && (
                  <div className="selection-pill" role="status">
                    {selectedIds.length} nodes selected
                  </div>
                )}
              </Canvas>
            )}
            <ToastRegion toast={toast} />
          </main>
          {!loading && bottom}
        </div>
        {!loading && side}
        {!side && panelNodeId !== undefined && !loading && (
          <NodePanel
            key={panelNodeId}
            doc={doc}
            snapshot={binding.snapshot}
            nodeId={panelNodeId}
            readOnly={readOnly}
            onClose={actions.clearSelection}
          />
        )}
      </div>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
