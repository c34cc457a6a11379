import type { XYPosition } from '@xyflow/react';

export type Rect = { x: number; y: number; width: number; height: number };

const GAP = 24;

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + GAP &&
    b.x < a.x + a.width + GAP &&
    a.y < b.y + b.height + GAP &&
    b.y < a.y + a.height + GAP
  );
}

/**
 * The top-left corner nearest to `wanted` where a card of `size` overlaps no existing card: a node added
 * "in the middle of the view" must not land on top of the last one, or its handles cannot be reached.
 * Candidates are tried ring by ring on a grid one card apart, nearest first.
 */
export function freeSpot(
  wanted: XYPosition,
  size: { width: number; height: number },
  taken: readonly Rect[],
): XYPosition {
  const fits = (x: number, y: number) => !taken.some((rect) => overlaps({ x, y, ...size }, rect));
  if (fits(wanted.x, wanted.y)) return wanted;
  const stepX = size.width + GAP;
  const stepY = size.height + GAP;
  for (let ring = 1; ring <= 12; ring++) {
    const candidates: XYPosition[] = [];
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: wanted.x + dx * stepX, y: wanted.y + dy * stepY });
      }
    }
    candidates.sort(
      (a, b) => Math.hypot(a.x - wanted.x, a.y - wanted.y) - Math.hypot(b.x - wanted.x, b.y - wanted.y),
    );
    const found = candidates.find((candidate) => fits(candidate.x, candidate.y));
    if (found) return found;
  }
  return wanted;
}
