import { sameViewport, type Viewport } from './geometry';

export type FollowController = {
  /** Moves this view to `target` because the followed person moved. */
  apply: (target: Viewport) => void;
  /** Every viewport change of this pane: a change that is not the one just applied is a manual pan. */
  viewportChanged: (current: Viewport) => void;
};

/**
 * Follow mode's one rule: the view moves with the leader until the user moves it themselves. Applied
 * changes are remembered so the echo of our own `setViewport` is not mistaken for a manual pan.
 */
export function createFollowController(options: {
  setViewport: (viewport: Viewport) => void;
  onManualMove: () => void;
}): FollowController {
  let applied: Viewport | null = null;
  return {
    apply(target) {
      applied = target;
      options.setViewport(target);
    },
    viewportChanged(current) {
      if (applied === null) return;
      if (sameViewport(current, applied)) return;
      applied = null;
      options.onManualMove();
    },
  };
}
