import { describe, expect, it } from 'vitest';
import { freeSpot, type Rect } from './free-spot';

const size = { width: 240, height: 100 };
const overlapping = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot({ x: 10, y: 20 }, size, [{ x: 600, y: 600, ...size }])).toEqual({ x: 10, y: 20 });
  });

  it('moves a card off one that already sits there, to the nearest free spot', () => {
    const spot = freeSpot({ x: 0, y: 0 }, size, [{ x: 0, y: 0, ...size }]);
    expect(overlapping({ ...spot, ...size }, { x: 0, y: 0, ...size })).toBe(false);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThanOrEqual(size.width + 24);
  });

  it('adding many cards at the same point never stacks two', () => {
    const placed: Rect[] = [];
    for (let i = 0; i < 30; i++) placed.push({ ...freeSpot({ x: 100, y: 100 }, size, placed), ...size });
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++)
        expect(overlapping(placed[i] as Rect, placed[j] as Rect)).toBe(false);
  });
});
