import { type ReactFlowState, useStore } from '@xyflow/react';

/**
 * Below this zoom a card's 13 px label is under 5 px on screen, too small to read. The canvas then draws each
 * card as a plain block in its type's colour (`.is-far` in styles.css): no text, icons, handles or shadows.
 * That is what a zoomed-out view of a large graph needs, and it cuts the work of every frame: with 500 cards
 * on screen, Chromium spends most of a drag frame re-layering the cards' text and shadows.
 */
export const FAR_ZOOM = 0.35;

const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

/** True while the viewport is zoomed out past `FAR_ZOOM`; re-renders only when that flips. */
export function useFarZoom(): boolean {
  return useStore(isFar);
}
