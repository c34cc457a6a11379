import { Panel, useStore } from '@xyflow/react';
import { Icon, type IconName } from '../chrome/icons';
import type { UndoState } from './undo';

export type CanvasTool = 'select' | 'pan' | 'comment';

type ToolButtonProps = {
  icon: IconName;
  label: string;
  keys: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
};

function ToolButton({ icon, label, keys, onClick, disabled = false, pressed }: ToolButtonProps) {
  return (
    <button
      type="button"
      className="toolbar__button"
      aria-label={label}
      aria-pressed={pressed}
      title={`${label} (${keys})`}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
  );
}

type EditorToolbarProps = {
  readOnly: boolean;
  tool: CanvasTool;
  onTool: (tool: CanvasTool) => void;
  undoState: UndoState;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onHelp: () => void;
  canLayout: boolean;
  /** Offer the comment tool (viewers comment too). */
  canComment: boolean;
};

/** The floating tool bar at the bottom of the canvas (tools, history, layout, zoom, help). */
export function EditorToolbar(props: EditorToolbarProps) {
  const zoom = useStore((state) => state.transform[2]);
  return (
    <Panel position="bottom-center" className="toolbar" role="toolbar" aria-label="Canvas tools">
      <ToolButton
        icon="pointer"
        label="Selection tool"
        keys="V"
        pressed={props.tool === 'select'}
        onClick={() => props.onTool('select')}
      />
      <ToolButton
        icon="hand"
        label="Hand tool"
        keys="H"
        pressed={props.tool === 'pan'}
        onClick={() => props.onTool('pan')}
      />
      {props.canComment && (
        <ToolButton
          icon="comment"
          label="Comment tool"
          keys="C"
          pressed={props.tool === 'comment'}
          onClick={() => props.onTool(props.tool === 'comment' ? 'pan' : 'comment')}
        />
      )}
      {!props.readOnly && (
        <>
          <span className="toolbar__divider" />
          <ToolButton
            icon="undo"
            label="Undo"
            keys="Ctrl Z"
            disabled={!props.undoState.canUndo}
            onClick={props.onUndo}
          />
          <ToolButton
            icon="redo"
            label="Redo"
            keys="Ctrl Shift Z"
            disabled={!props.undoState.canRedo}
            onClick={props.onRedo}
          />
          <span className="toolbar__divider" />
          <ToolButton
            icon="layout"
            label="Tidy up"
            keys="Shift L"
            disabled={!props.canLayout}
            onClick={props.onLayout}
          />
        </>
      )}
      <span className="toolbar__divider" />
      <ToolButton icon="zoomOut" label="Zoom out" keys="-" onClick={props.onZoomOut} />
      <button type="button" className="toolbar__zoom" title="Zoom to fit (Shift 1)" onClick={props.onFit}>
        {Math.round(zoom * 100)}%
      </button>
      <ToolButton icon="zoomIn" label="Zoom in" keys="+" onClick={props.onZoomIn} />
      <ToolButton icon="fit" label="Zoom to fit" keys="Shift 1" onClick={props.onFit} />
      <span className="toolbar__divider" />
      <ToolButton icon="keyboard" label="Keyboard shortcuts" keys="?" onClick={props.onHelp} />
    </Panel>
  );
}
