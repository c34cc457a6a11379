import { moveNode, type NodeType, removeNode } from '@tandem/workflow';
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import type { Notify } from '../chrome/toasts';
import { layoutGraph } from './auto-layout';
import { copySelection, insertPayload, parseClipboard, rekeyPayload, serializeClipboard } from './clipboard';
import { fitViewOptions } from './fit-view';
import { freeSpot } from './free-spot';
import type { WorkflowUndo } from './undo';
import type { WorkflowGraphBinding } from './use-workflow-graph';

/** Roughly half a card: a node added "at" a point is centred on it. */
export const HALF_CARD = { x: 120, y: 40 };
const PASTE_STEP = 32;
const DEFAULT_SIZE = { width: 240, height: 120 };
const ZOOM_MS = 160;

export type EditorActions = {
  undo(): void;
  redo(): void;
  /** The selection as clipboard text, or null when nothing is selected. */
  copyText(): string | null;
  /** Pastes clipboard text; returns false when it is not a Tandem selection (foreign text is ignored). */
  pasteText(text: string): boolean;
  deleteSelection(): void;
  duplicate(): void;
  selectAll(): void;
  clearSelection(): void;
  autoLayout(): void;
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Adds a node centred on a flow position, or on the view when none is given. */
  addNode(type: NodeType, at?: XYPosition): void;
};

/**
 * The editor's commands, shared by the toolbar, the shortcuts and the clipboard events. Reads the latest
 * binding through a ref so the returned object is stable (listeners are attached once).
 */
export function useEditorActions(
  doc: Y.Doc,
  binding: WorkflowGraphBinding,
  undo: WorkflowUndo | null,
  readOnly: boolean,
  notify: Notify,
): EditorActions {
  const flow = useReactFlow();
  const latest = useRef({ binding, undo, readOnly });
  latest.current = { binding, undo, readOnly };
  const pastes = useRef({ text: '', count: 0 });

  return useMemo<EditorActions>(() => {
    const selectedIds = () =>
      new Set(latest.current.binding.nodes.filter((node) => node.selected).map((node) => node.id));
    const editable = () => !latest.current.readOnly;

    const paste = (text: string, step: number) => {
      const payload = parseClipboard(text);
      if (!payload) return false;
      const copy = rekeyPayload(payload, { x: step, y: step });
      latest.current.undo?.stopCapturing();
      latest.current.binding.selectWhenArrived(copy.nodes.map((node) => node.id));
      insertPayload(doc, copy);
      latest.current.undo?.stopCapturing();
      return true;
    };

    return {
      undo: () => latest.current.undo?.undo(),
      redo: () => latest.current.undo?.redo(),
      copyText() {
        const selected = selectedIds();
        if (selected.size === 0) return null;
        const text = serializeClipboard(copySelection(latest.current.binding.snapshot.graph, selected));
        pastes.current = { text, count: 0 };
        return text;
      },
      pasteText(text) {
        if (!editable()) return false;
        // Each paste of the same copy lands one step further, so repeated pastes fan out instead of stacking.
        if (pastes.current.text !== text) pastes.current = { text, count: 0 };
        pastes.current.count += 1;
        const pasted = paste(text, PASTE_STEP * pastes.current.count);
        if (!pasted) notify('The clipboard does not hold Tandem nodes.', 'warn');
        return pasted;
      },
      deleteSelection() {
        if (!editable()) return;
        const selected = selectedIds();
        if (selected.size === 0) return;
        latest.current.undo?.stopCapturing();
        doc.transact(() => {
          for (const id of selected) removeNode(doc, id);
        });
      },
      duplicate() {
        if (!editable()) return;
        const selected = selectedIds();
        if (selected.size === 0) return;
        paste(serializeClipboard(copySelection(latest.current.binding.snapshot.graph, selected)), PASTE_STEP);
      },
      selectAll() {
        latest.current.binding.selectNodes(latest.current.binding.nodes.map((node) => node.id));
      },
      clearSelection() {
        latest.current.binding.selectNodes([]);
      },
      autoLayout() {
        if (!editable()) return;
        const { nodes, edges } = latest.current.binding;
        if (nodes.length === 0) return;
        const positions = layoutGraph(
          nodes.map((node) => ({
            id: node.id,
            width: node.measured?.width ?? DEFAULT_SIZE.width,
            height: node.measured?.height ?? DEFAULT_SIZE.height,
          })),
          edges,
        );
        latest.current.undo?.stopCapturing();
        // One transaction: one update for collaborators and one undo step.
        doc.transact(() => {
          for (const [id, position] of positions) moveNode(doc, id, position);
        });
        latest.current.undo?.stopCapturing();
        notify('Tidied up. Undo with Ctrl Z.');
        // The new positions reach React Flow on the next render; fit once they have.
        setTimeout(
          () => void flow.fitView({ ...fitViewOptions(latest.current.readOnly), duration: 300 }),
          50,
        );
      },
      fitView: () => void flow.fitView({ ...fitViewOptions(latest.current.readOnly), duration: 300 }),
      zoomIn: () => void flow.zoomIn({ duration: ZOOM_MS }),
      zoomOut: () => void flow.zoomOut({ duration: ZOOM_MS }),
      addNode(type, at) {
        if (!editable()) return;
        let point = at;
        if (!point) {
          const element = document.querySelector('.react-flow');
          const rect = element?.getBoundingClientRect();
          const centre = rect
            ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
            : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
          point = flow.screenToFlowPosition(centre);
        }
        const taken = flow.getNodes().map((node) => ({
          ...node.position,
          width: node.measured?.width ?? DEFAULT_SIZE.width,
          height: node.measured?.height ?? DEFAULT_SIZE.height,
        }));
        const corner = freeSpot({ x: point.x - HALF_CARD.x, y: point.y - HALF_CARD.y }, DEFAULT_SIZE, taken);
        latest.current.undo?.stopCapturing();
        latest.current.binding.addNode(type, corner);
      },
    };
  }, [doc, flow, notify]);
}
