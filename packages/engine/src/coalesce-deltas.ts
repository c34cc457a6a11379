import type { RunEvent } from './run-events';

type DeltaEvent = Extract<RunEvent, { type: 'node.delta' }>;

type Pending = { first: DeltaEvent; text: string; last: DeltaEvent };

/** See `coalesceDeltas`. */
export type DeltaCoalescer = {
  push(event: RunEvent, now: number): RunEvent[];
  poll(now: number): RunEvent[];
  nextDueAt(): number | null;
  flushAll(now: number): RunEvent[];
};

/**
 * Merges `node.delta` events for the live runs document so each node flushes at most
 * `maxFlushesPerSecond` times a second. It owns no timer and does no I/O: the caller passes the time to
 * `push` and `poll`, and schedules a `poll` at `nextDueAt()`. Postgres still receives every event; only the
 * document gets the merged ones.
 */
class Coalescer implements DeltaCoalescer {
  private readonly intervalMs: number;
  private readonly pending = new Map<string, Pending>();
  private readonly lastFlush = new Map<string, number>();

  constructor(maxFlushesPerSecond: number) {
    this.intervalMs = 1000 / Math.max(1, maxFlushesPerSecond);
  }

  /**
   * Takes the next event in `seq` order; returns what to write now, in order. A delta is held until its node
   * may flush again; any other event of that node (or the end of the run) first flushes the held text, so the
   * document never shows `node.completed` before the last of its text.
   */
  push(event: RunEvent, now: number): RunEvent[] {
    if (event.type === 'node.delta') {
      const key = `${event.runId}\u0000${event.nodeId}`;
      const held = this.pending.get(key);
      if (held) {
        held.text += event.text;
        held.last = event;
      } else {
        this.pending.set(key, { first: event, text: event.text, last: event });
      }
      return this.dueNow(key, now) ? this.flush(key, now) : [];
    }
    const flushed =
      event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled'
        ? [...this.pending.keys()]
            .filter((key) => key.startsWith(`${event.runId}\u0000`))
            .flatMap((key) => this.flush(key, now))
        : 'nodeId' in event && event.nodeId !== undefined
          ? this.flush(`${event.runId}\u0000${event.nodeId}`, now)
          : [];
    return [...flushed, event];
  }

  /** Flushes every node whose interval has passed. */
  poll(now: number): RunEvent[] {
    const out: RunEvent[] = [];
    for (const key of [...this.pending.keys()]) if (this.dueNow(key, now)) out.push(...this.flush(key, now));
    return out;
  }

  /** When the earliest held delta may flush, or null when nothing is held. */
  nextDueAt(): number | null {
    let due: number | null = null;
    for (const key of this.pending.keys()) {
      const at = (this.lastFlush.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs;
      due = due === null ? at : Math.min(due, at);
    }
    return due;
  }

  /** Flushes everything held, e.g. when the caller shuts down. */
  flushAll(now: number): RunEvent[] {
    return [...this.pending.keys()].flatMap((key) => this.flush(key, now));
  }

  private dueNow(key: string, now: number): boolean {
    const last = this.lastFlush.get(key);
    return last === undefined || now - last >= this.intervalMs;
  }

  /** One merged delta carrying the last merged event's `seq` and `at`. */
  private flush(key: string, now: number): RunEvent[] {
    const held = this.pending.get(key);
    if (!held) return [];
    this.pending.delete(key);
    this.lastFlush.set(key, now);
    return [{ ...held.last, text: held.text }];
  }
}

/** A coalescer allowing each node at most `maxFlushesPerSecond` merged deltas per second. */
export function coalesceDeltas(maxFlushesPerSecond: number): DeltaCoalescer {
  return new Coalescer(maxFlushesPerSecond);
}
