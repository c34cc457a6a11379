import { ReactFlowProvider } from '@xyflow/react';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { Canvas } from '../canvas/canvas';
import { type CanvasTool, EditorToolbar } from '../canvas/editor-toolbar';
import { useClipboardEvents } from '../canvas/use-clipboard-events';
import { useEditorActions } from '../canvas/use-editor-actions';
import { useShortcuts } from '../canvas/use-shortcuts';
import { useWorkflowGraph } from '../canvas/use-workflow-graph';
import { useWorkflowUndo } from '../canvas/use-workflow-undo';
import { ShortcutHelp } from '../chrome/shortcut-help';
import { ToastRegion, useToasts } from '../chrome/toasts';
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
}: WorkflowEditorProps) {
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
    escape: () => (helpOpen ? setHelpOpen(false) : actions.clearSelection()),
  });
  useClipboardEvents(actions, readOnly);

  return (
    <div className={`app${readOnly ? ' is-read-only' : ''}`}>
      <TopBar snapshot={binding.snapshot} readOnly={readOnly} {...topBar} />
      {banner}
      <div className="app__body">
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
        {panelNodeId !== undefined && !loading && (
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
