import { describe, expect, it, vi } from 'vitest';
import { createFollowController } from './follow-controller';
import { followViewport } from './geometry';

describe('follow mode', () => {
  it('moves with the leader and ignores the echo of its own moves', () => {
    const setViewport = vi.fn();
    const onManualMove = vi.fn();
    const follow = createFollowController({ setViewport, onManualMove });
    follow.apply({ x: 10, y: 20, zoom: 1.5 });
    follow.viewportChanged({ x: 10, y: 20, zoom: 1.5 });
    follow.apply({ x: 30, y: 20, zoom: 1.5 });
    follow.viewportChanged({ x: 30.2, y: 20, zoom: 1.5 });
    expect(setViewport).toHaveBeenCalledTimes(2);
    expect(onManualMove).not.toHaveBeenCalled();
  });

  it('stops on a manual pan, once', () => {
    const onManualMove = vi.fn();
    const follow = createFollowController({ setViewport: () => {}, onManualMove });
    follow.apply({ x: 0, y: 0, zoom: 1 });
    follow.viewportChanged({ x: 0, y: 0, zoom: 1 });
    follow.viewportChanged({ x: 45, y: -12, zoom: 1 });
    follow.viewportChanged({ x: 60, y: -12, zoom: 1 });
    expect(onManualMove).toHaveBeenCalledTimes(1);
  });

  it('stops on a manual zoom', () => {
    const onManualMove = vi.fn();
    const follow = createFollowController({ setViewport: () => {}, onManualMove });
    follow.apply({ x: 0, y: 0, zoom: 1 });
    follow.viewportChanged({ x: 0, y: 0, zoom: 1.2 });
    expect(onManualMove).toHaveBeenCalledTimes(1);
  });

  it('centres the leader’s view in a pane of another size', () => {
    // The leader sees flow point (500, 300) at the centre of an 800×600 pane at zoom 1.
    const target = followViewport(
      { x: -100, y: 0, zoom: 1, width: 800, height: 600 },
      { width: 1200, height: 800 },
    );
    expect(target).toEqual({ x: 100, y: 100, zoom: 1 });
  });
});
