import { memo } from 'react';
import { flowToScreen, type Viewport } from './geometry';
import type { Collaborator } from './presence-state';

/**
 * Other people's pointers. Positions arrive in flow coordinates and are placed with this pane's viewport,
 * so a cursor points at the same spot of the graph whatever the zoom or pan; the arrow and the name keep
 * their size.
 */
export const CursorLayer = memo(function CursorLayer({
  collaborators,
  viewport,
}: {
  collaborators: readonly Collaborator[];
  viewport: Viewport;
}) {
  return (
    <div className="cursors" aria-hidden="true">
      {collaborators.map((collaborator) => {
        if (!collaborator.cursor) return null;
        const at = flowToScreen(collaborator.cursor, viewport);
        return (
          <div
            key={collaborator.clientId}
            className="cursor"
            data-testid="remote-cursor"
            data-user={collaborator.user.name}
            style={{ transform: `translate(${at.x}px, ${at.y}px)`, color: collaborator.user.color }}
          >
            <svg aria-hidden="true" className="cursor__arrow" width="18" height="18" viewBox="0 0 18 18">
              <path
                d="M2 1.5l13 6.2-5.6 1.6L6.6 15z"
                fill="currentColor"
                stroke="#0d0f14"
                strokeWidth="1.2"
              />
            </svg>
            <span className="cursor__name" style={{ background: collaborator.user.color }}>
              {collaborator.user.name}
            </span>
          </div>
        );
      })}
    </div>
  );
});
