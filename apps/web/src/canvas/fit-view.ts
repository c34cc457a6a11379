import type { FitViewOptions } from '@xyflow/react';

/**
 * Fit-to-view keeps the graph clear of the floating chrome: the palette on the left (editors only) and the
 * tool bar at the bottom. Module constants, so React Flow sees the same object on every render.
 */
const EDITOR_FIT: FitViewOptions = {
  padding: { top: '48px', right: '48px', bottom: '96px', left: '240px' },
  maxZoom: 1,
};
const VIEWER_FIT: FitViewOptions = {
  padding: { top: '48px', right: '48px', bottom: '96px', left: '48px' },
  maxZoom: 1,
};

export function fitViewOptions(readOnly: boolean): FitViewOptions {
  return readOnly ? VIEWER_FIT : EDITOR_FIT;
}
