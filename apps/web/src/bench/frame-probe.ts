import { seededRandom } from './bench-graph';

/** What one measured window saw, read by `bench/src/drag.bench.ts`. */
export type ProbeResult = {
  /** requestAnimationFrame deltas (ms) while the window was open. */
  frames: number[];
  /** For each remote move: the number of frames until its node's transform showed the new position (1 = the next frame). */
  paintFrames: number[];
  /** Remote moves whose node never showed the new position before the window closed. */
  unpainted: number;
  /** Render counts of node components during the window, by node id. */
  renders: Record<string, number>;
  /** Nodes the remote client moved during the window (they re-render legitimately). */
  remoteMoved: string[];
  remoteMoves: number;
};

export type MoveNode = (id: string, position: { x: number; y: number }) => void;

type Pending = { id: string; x: number; y: number; frames: number };

const REMOTE_MOVES_PER_SECOND = 20;
const TRANSLATE = /translate\(\s*(-?[\d.e+-]+)px,\s*(-?[\d.e+-]+)px\)/;

function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

const MARGIN_PX = 48;

function wellInside(box: DOMRect): boolean {
  return (
    box.left >= MARGIN_PX &&
    box.top >= MARGIN_PX &&
    box.right <= innerWidth - MARGIN_PX &&
    box.bottom <= innerHeight - MARGIN_PX
  );
}

function showsPosition(element: HTMLElement | null, x: number, y: number): boolean {
  const match = element ? TRANSLATE.exec(element.style.transform) : null;
  return match !== null && Math.abs(Number(match[1]) - x) < 0.5 && Math.abs(Number(match[2]) - y) < 0.5;
}

/**
 * Frame times, remote-move paint latency and per-node render counts over a window opened by `start` and
 * closed by `stop`. While open, a "second client" moves a random on-screen node (never `exclude`) 20 times a
 * second through `move`; every animation frame checks whether pending moves have reached the node's transform.
 */
export function createFrameProbe(
  move: MoveNode,
  positions: Map<string, { x: number; y: number }>,
  renders: Map<string, number>,
) {
  let frames: number[] = [];
  let paintFrames: number[] = [];
  let pending = new Map<string, Pending>();
  let moved = new Set<string>();
  let remoteMoves = 0;
  let last = 0;
  let raf = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const onFrame = (now: number) => {
    if (last > 0) frames.push(now - last);
    last = now;
    for (const entry of pending.values()) {
      entry.frames += 1;
      if (showsPosition(nodeElement(entry.id), entry.x, entry.y)) {
        paintFrames.push(entry.frames);
        pending.delete(entry.id);
      }
    }
    raf = requestAnimationFrame(onFrame);
  };

  return {
    start(exclude: string, seed: number) {
      frames = [];
      paintFrames = [];
      pending = new Map();
      moved = new Set();
      remoteMoves = 0;
      renders.clear();
      // Nodes well inside the window: a move must not take its node off screen, where the canvas (which renders
      // only visible nodes of a large graph) would rightly stop drawing it.
      const onScreen = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
        .filter((element) => wellInside(element.getBoundingClientRect()))
        .map((element) => element.dataset.id ?? '')
        .filter((id) => id !== '' && id !== exclude && positions.has(id));
      const random = seededRandom(seed);
      last = 0;
      raf = requestAnimationFrame(onFrame);
      timer = setInterval(() => {
        // A node whose last move is not painted yet is not moved again: a second move in the same frame would
        // hide the first, and a move that was never on screen says nothing about paint latency.
        const candidates = onScreen.filter((candidate) => !pending.has(candidate));
        const id = candidates[Math.floor(random() * candidates.length)];
        const at = id === undefined ? undefined : positions.get(id);
        if (id === undefined || at === undefined) return;
        const next = { x: at.x + (random() < 0.5 ? -24 : 24), y: at.y + (random() < 0.5 ? -16 : 16) };
        positions.set(id, next);
        pending.set(id, { id, ...next, frames: 0 });
        moved.add(id);
        remoteMoves += 1;
        move(id, next);
      }, 1000 / REMOTE_MOVES_PER_SECOND);
    },
    /** Stops the remote client, gives pending moves a few frames to land, and returns the window's figures. */
    async stop(): Promise<ProbeResult> {
      clearInterval(timer);
      const windowFrames = frames;
      frames = [];
      for (let i = 0; i < 5 && pending.size > 0; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      cancelAnimationFrame(raf);
      return {
        frames: windowFrames,
        paintFrames,
        unpainted: pending.size,
        renders: Object.fromEntries(renders),
        remoteMoved: [...moved],
        remoteMoves,
      };
    },
  };
}
