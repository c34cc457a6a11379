import {
  type Viewport as FlowViewport,
  type OnSelectionChangeParams,
  useOnSelectionChange,
  useOnViewportChange,
  useReactFlow,
  useStore,
  useViewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Awareness } from '../collab/use-workflow-session';
import { CursorLayer } from './cursor-layer';
import { createFollowController } from './follow-controller';
import { followViewport } from './geometry';
import type { Collaborator } from './presence-state';
import { RemoteSelectionStyle } from './remote-selection-style';
import { throttle } from './throttle';

/** ~30 updates a second: smooth for others, light on the socket. */
const CURSOR_MS = 33;
const VIEWPORT_MS = 50;

/**
 * Lives inside React Flow: publishes this user's cursor (flow coordinates), selection and viewport to
 * awareness; draws the others' cursors and selections; moves the view along while following someone.
 */
export function PresenceLayer({
  awareness,
  collaborators,
  following,
  onFollowChange,
}: {
  awareness: Awareness;
  collaborators: readonly Collaborator[];
  following: string | null;
  onFollowChange: (userId: string | null) => void;
}) {
  const flow = useReactFlow();
  const viewport = useViewport();
  const domNode = useStore((state) => state.domNode);
  const paneWidth = useStore((state) => state.width);
  const paneHeight = useStore((state) => state.height);
  const pane = useRef({ width: paneWidth, height: paneHeight });
  pane.current = { width: paneWidth, height: paneHeight };

  const publishCursor = useMemo(
    () =>
      throttle(
        (cursor: { x: number; y: number } | null) => awareness.setLocalStateField('cursor', cursor),
        CURSOR_MS,
      ),
    [awareness],
  );
  const publishViewport = useMemo(
    () =>
      throttle(
        (vp: FlowViewport) => awareness.setLocalStateField('viewport', { ...vp, ...pane.current }),
        VIEWPORT_MS,
      ),
    [awareness],
  );
  useEffect(
    () => () => {
      publishCursor.cancel();
      publishViewport.cancel();
    },
    [publishCursor, publishViewport],
  );

  // Pointer anywhere over the flow (pane or nodes), converted to flow coordinates.
  useEffect(() => {
    if (!domNode) return;
    const move = (event: PointerEvent) =>
      publishCursor.call(
        flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false }),
      );
    const leave = () => {
      publishCursor.cancel();
      awareness.setLocalStateField('cursor', null);
    };
    domNode.addEventListener('pointermove', move);
    domNode.addEventListener('pointerleave', leave);
    return () => {
      domNode.removeEventListener('pointermove', move);
      domNode.removeEventListener('pointerleave', leave);
    };
  }, [domNode, flow, publishCursor, awareness]);

  const onSelectionChange = useCallback(
    ({ nodes }: OnSelectionChangeParams) =>
      awareness.setLocalStateField(
        'selection',
        nodes.map((node) => node.id),
      ),
    [awareness],
  );
  useOnSelectionChange({ onChange: onSelectionChange });

  const followingRef = useRef(following);
  followingRef.current = following;
  const controller = useMemo(
    () =>
      createFollowController({
        setViewport: (target) => void flow.setViewport(target),
        onManualMove: () => {
          if (followingRef.current !== null) onFollowChange(null);
        },
      }),
    [flow, onFollowChange],
  );

  useOnViewportChange({
    onChange: useCallback(
      (vp: FlowViewport) => {
        publishViewport.call(vp);
        controller.viewportChanged(vp);
      },
      [publishViewport, controller],
    ),
  });

  useEffect(() => {
    awareness.setLocalStateField('following', following);
  }, [awareness, following]);

  const leader =
    following === null
      ? undefined
      : (collaborators.find((c) => c.user.id === following && c.viewport) ??
        collaborators.find((c) => c.user.id === following));
  const leaderViewport = leader?.viewport ?? null;
  const leaderGone = following !== null && leader === undefined;
  useEffect(() => {
    if (leaderGone) onFollowChange(null);
  }, [leaderGone, onFollowChange]);
  useEffect(() => {
    if (following === null || !leaderViewport) return;
    controller.apply(followViewport(leaderViewport, { width: paneWidth, height: paneHeight }));
  }, [following, leaderViewport, paneWidth, paneHeight, controller]);

  return (
    <>
      <RemoteSelectionStyle collaborators={collaborators} />
      <CursorLayer collaborators={collaborators} viewport={viewport} />
      {leader && (
        <div className="follow-frame" style={{ borderColor: leader.user.color }} role="status">
          <span className="follow-frame__label" style={{ background: leader.user.color }}>
            Following {leader.user.name} · move the canvas to stop
          </span>
        </div>
      )}
    </>
  );
}
