import type { FlowPoint, PresenceViewport } from './presence-state';

export type Viewport = { x: number; y: number; zoom: number };

/** Where a flow-coordinate point appears on this screen's pane (React Flow's transform: scale, then translate). */
export function flowToScreen(point: FlowPoint, viewport: Viewport): FlowPoint {
  return { x: point.x * viewport.zoom + viewport.x, y: point.y * viewport.zoom + viewport.y };
}

/**
 * The viewport that shows what a followed person sees, centred in this pane: same zoom, same flow point at
 * the centre (panes differ in size, so copying x/y would shift the view).
 */
export function followViewport(leader: PresenceViewport, pane: { width: number; height: number }): Viewport {
  if (leader.width <= 0 || leader.height <= 0) return { x: leader.x, y: leader.y, zoom: leader.zoom };
  const centre = {
    x: (leader.width / 2 - leader.x) / leader.zoom,
    y: (leader.height / 2 - leader.y) / leader.zoom,
  };
  return {
    x: pane.width / 2 - centre.x * leader.zoom,
    y: pane.height / 2 - centre.y * leader.zoom,
    zoom: leader.zoom,
  };
}

/** Equal within what a person could notice (half a pixel, a thousandth of zoom). */
export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 0.001;
}
