import type { CommentAnchor, CommentThread } from '@tandem/workflow';
import { useStore, useViewport, ViewportPortal } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { Mentionable } from './comment-composer';
import { type ReadState, unreadIn } from './read-state';

type Point = { x: number; y: number };

/** Where a canvas anchor sits in flow coordinates now: a node's top-right corner (it moves with the node). */
function useAnchorPoints(threads: readonly CommentThread[], pending: CommentAnchor | null) {
  return useStore((state) => {
    const points = new Map<string, Point>();
    const perNode = new Map<string, number>();
    const place = (key: string, anchor: CommentAnchor) => {
      if ('runId' in anchor) return;
      if ('nodeId' in anchor) {
        const node = state.nodeLookup.get(anchor.nodeId);
        if (!node) return;
        const index = perNode.get(anchor.nodeId) ?? 0;
        perNode.set(anchor.nodeId, index + 1);
        const width = node.measured.width ?? 240;
        points.set(key, {
          x: node.internals.positionAbsolute.x + width - 6 - index * 26,
          y: node.internals.positionAbsolute.y - 14,
        });
      } else points.set(key, { x: anchor.x, y: anchor.y });
    };
    for (const thread of threads) place(thread.id, thread.anchor);
    if (pending) place('\u0000pending', pending);
    return points;
  }, samePoints);
}

function samePoints(a: Map<string, Point>, b: Map<string, Point>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, point] of a) {
    const other = b.get(key);
    if (!other || other.x !== point.x || other.y !== point.y) return false;
  }
  return true;
}

/**
 * Thread pins on the canvas, in flow coordinates but drawn at a constant size: open threads only, the
 * selected one highlighted, unread ones badged. Also hosts the composer of a thread being started.
 */
export function CommentPins({
  threads,
  members,
  userId,
  read,
  selectedId,
  onSelect,
  pending,
  composer,
}: {
  threads: readonly CommentThread[];
  members: readonly Mentionable[];
  userId: string;
  read: ReadState;
  selectedId: string | null;
  onSelect: (threadId: string) => void;
  pending: CommentAnchor | null;
  composer: ReactNode;
}) {
  const open = threads.filter((thread) => !thread.resolved || thread.id === selectedId);
  const points = useAnchorPoints(open, pending);
  const { zoom } = useViewport();
  const pendingPoint = points.get('\u0000pending');
  return (
    <ViewportPortal>
      {open.map((thread) => {
        const point = points.get(thread.id);
        if (!point) return null;
        const author = members.find((member) => member.userId === thread.messages[0]?.authorId);
        const unread = unreadIn(thread, read, userId);
        return (
          <button
            key={thread.id}
            type="button"
            className={`comment-pin${thread.id === selectedId ? ' is-selected' : ''}${thread.resolved ? ' is-resolved' : ''}`}
            style={{
              transform: `translate(${point.x}px, ${point.y}px) scale(${1 / zoom}) translateY(-100%)`,
            }}
            aria-label={`Comment thread by ${author?.name ?? 'someone'}${unread > 0 ? `, ${unread} unread` : ''}`}
            title={thread.messages[0]?.body}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(thread.id);
            }}
          >
            <span className="comment-pin__face" style={{ background: author?.color ?? '#6b7280' }}>
              {thread.messages.length > 1 ? thread.messages.length : ''}
            </span>
            {unread > 0 && <span className="comment-pin__unread">{unread}</span>}
          </button>
        );
      })}
      {pendingPoint && (
        <div
          className="comment-draft"
          style={{ transform: `translate(${pendingPoint.x}px, ${pendingPoint.y}px) scale(${1 / zoom})` }}
        >
          {composer}
        </div>
      )}
    </ViewportPortal>
  );
}
