import type { Clock } from '../ports';

type Timer = { at: number; order: number; resolve: () => void };

/** Virtual time: `sleep` waits until a test advances the clock past its deadline. */
export class FakeClock implements Clock {
  private time: number;
  private order = 0;
  private timers: Timer[] = [];

  constructor(start = Date.parse('2026-01-01T00:00:00.000Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        order: this.order++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Number of sleeps still waiting. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Jumps to the earliest deadline and fires it; false when nothing waits. */
  advanceToNext(): boolean {
    const next = [...this.timers].sort((a, b) => a.at - b.at || a.order - b.order)[0];
    if (!next) return false;
    this.timers = this.timers.filter((t) => t !== next);
    this.time = Math.max(this.time, next.at);
    next.resolve();
    return true;
  }
}

/**
 * Runs `work` to completion on virtual time: whenever every microtask and immediate has run (the work is
 * idle), the clock jumps to the next timer. Timing-dependent tests become instant and deterministic.
 */
export async function drive<T>(clock: FakeClock, work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let turns = 0; !settled; turns++) {
    if (turns > 100_000) throw new Error('drive: the work never settled');
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) break;
    if (!clock.advanceToNext()) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return work;
}
