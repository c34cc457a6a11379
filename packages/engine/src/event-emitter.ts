import type { Clock } from './ports';
import type { RunEvent } from './run-events';

/** A run event before the engine stamps it: the caller names the type and payload only. */
export type UnstampedEvent = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'runId' | 'seq' | 'at'>
    : never
  : never;

/**
 * Stamps events with the run id, the next `seq` and the clock's time, and hands them to the port one at a
 * time. `seq` is taken synchronously at the call, and delivery is chained, so the port sees seq order even
 * when parallel nodes emit at once (a streamed delta is emitted from a synchronous callback).
 */
export class EventEmitter {
  private nextSeq: number;
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
    private readonly port: (event: RunEvent) => Promise<void>,
    firstSeq: number,
  ) {
    this.nextSeq = firstSeq;
  }

  /** Resolves once this event (and every earlier one) reached the port; rejects if the port failed. */
  emit(event: UnstampedEvent): Promise<void> {
    const stamped = {
      ...event,
      runId: this.runId,
      seq: this.nextSeq++,
      at: new Date(this.clock.now()).toISOString(),
    } as RunEvent;
    this.tail = this.tail.then(async () => {
      // Once the store failed, later events would leave a gap; drop them and surface the first error.
      if (this.failure) throw this.failure.error;
      try {
        await this.port(stamped);
      } catch (error) {
        this.failure = { error };
        throw error;
      }
    });
    return this.tail;
  }

  /** The error the port threw, if it ever did. */
  portFailure(): { error: unknown } | null {
    return this.failure;
  }

  /** Waits for every queued event; never rejects. */
  async drain(): Promise<void> {
    await this.tail.catch(() => undefined);
  }
}
