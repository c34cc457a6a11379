import type { NewRunEvent, Repositories } from '@tandem/db';
import { coalesceDeltas, type RunEvent } from '@tandem/engine';

/** The part of collab's `RunsWriter` the sink writes through (absent when collab does not run here). */
export type RunsDocWriter = {
  appendEvents(workflowId: string, runId: string, events: readonly RunEvent[]): Promise<void>;
};

export type EventSinkOptions = {
  runEvents: Pick<Repositories['runEvents'], 'appendMany'>;
  runsDoc: RunsDocWriter | null;
  workflowId: string;
  runId: string;
  now: () => number;
  /** Doc updates per node per second for streamed text (the runs document's coalescing). */
  maxDeltaFlushesPerSecond?: number;
  /** Streamed deltas wait at most this long (or for `maxBatch` of them) before they are inserted. */
  deltaBatchMs?: number;
  maxBatch?: number;
  onDocError: (error: unknown) => void;
};

export type EventSink = {
  /** The engine's `emit`: resolves once the event is stored (deltas: once queued for the next batch). */
  emit(event: RunEvent): Promise<void>;
  /** Stores what is pending and waits for the runs document to catch up. */
  close(): Promise<void>;
  /** Refuses further events (the lease was lost: another worker owns the run now). */
  fence(reason: string): void;
};

/** Stored columns of an event: the envelope in columns, the rest as the payload. */
export function toStoredEvent(event: RunEvent): NewRunEvent {
  const { type, runId, seq, at, ...rest } = event;
  const { nodeId, ...payload } = rest as { nodeId?: string } & Record<string, unknown>;
  return { runId, seq, type, nodeId: nodeId ?? null, at: new Date(at), payload };
}

/**
 * Where a run's events go: Postgres first (the source of truth; every event except `node.delta` is stored
 * before the engine moves on, deltas are batched), then the live runs document, with deltas coalesced to at
 * most `maxDeltaFlushesPerSecond` updates per node. A failed document write is reported, never fatal: the
 * document is a view that the next write or a reload repairs.
 */
export function createEventSink(options: EventSinkOptions): EventSink {
  const deltaBatchMs = options.deltaBatchMs ?? 50;
  const maxBatch = options.maxBatch ?? 200;
  const coalescer = coalesceDeltas(options.maxDeltaFlushesPerSecond ?? 10);
  let pending: NewRunEvent[] = [];
  let dbTimer: NodeJS.Timeout | null = null;
  let dbFailure: unknown = null;
  let dbChain: Promise<void> = Promise.resolve();
  let fenced: string | null = null;

  let docQueue: RunEvent[] = [];
  let docChain: Promise<void> = Promise.resolve();
  let docTimer: NodeJS.Timeout | null = null;

  function flushDb(): Promise<void> {
    if (dbTimer) clearTimeout(dbTimer);
    dbTimer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) {
      dbChain = dbChain.then(() =>
        options.runEvents.appendMany(batch).catch((error: unknown) => {
          dbFailure ??= error;
        }),
      );
    }
    return dbChain.then(() => {
      if (dbFailure) throw dbFailure;
    });
  }

  function writeDoc(events: RunEvent[]): void {
    if (!options.runsDoc || events.length === 0) return;
    docQueue.push(...events);
    const writer = options.runsDoc;
    docChain = docChain.then(async () => {
      const batch = docQueue;
      docQueue = [];
      if (batch.length === 0) return;
      await writer.appendEvents(options.workflowId, options.runId, batch).catch(options.onDocError);
    });
  }

  function scheduleDocPoll(): void {
    if (docTimer) clearTimeout(docTimer);
    docTimer = null;
    const due = coalescer.nextDueAt();
    if (due === null) return;
    docTimer = setTimeout(
      () => {
        docTimer = null;
        writeDoc(coalescer.poll(options.now()));
        scheduleDocPoll();
      },
      Math.max(0, due - options.now()),
    );
    docTimer.unref();
  }

  return {
    async emit(event) {
      if (fenced) throw new Error(`run ${options.runId} is no longer ours: ${fenced}`);
      if (dbFailure) throw dbFailure;
      pending.push(toStoredEvent(event));
      if (event.type !== 'node.delta' || pending.length >= maxBatch) await flushDb();
      else if (!dbTimer) {
        dbTimer = setTimeout(() => void flushDb().catch(() => {}), deltaBatchMs);
        dbTimer.unref();
      }
      writeDoc(coalescer.push(event, options.now()));
      scheduleDocPoll();
    },
    async close() {
      if (docTimer) clearTimeout(docTimer);
      docTimer = null;
      if (!fenced) await flushDb();
      writeDoc(coalescer.flushAll(options.now()));
      await docChain;
    },
    fence(reason) {
      fenced ??= reason;
    },
  };
}
