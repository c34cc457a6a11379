import type { NewRunEvent, Repositories } from '@tandem/db';
import { coalesceDeltas, type RunEvent } from '@tandem/engine';

/** The part of collab's `RunsWriter` the sink writes through (absent when collab does not run here). */
export type RunsDocWriter = {
  appendEvents(workflowId: string, runId: string, events: readonly RunEvent[]): Promise<void>;
};

/**
 * Node types with effects outside the run (a model call, a request, tenant code). Their events are durability
 * barriers: the buffer is stored before such a node starts, and each of its events (deltas aside) is stored
 * before the engine goes on. Every other type is side-effect free and deterministic given its inputs.
 */
export const SIDE_EFFECT_NODE_TYPES: ReadonlySet<string> = new Set(['llm', 'http', 'code']);

export type EventSinkOptions = {
  runEvents: Pick<Repositories['runEvents'], 'appendMany'>;
  runsDoc: RunsDocWriter | null;
  workflowId: string;
  runId: string;
  /** The run's nodes (the version's definition): which ones are barriers. An unknown node id is one too. */
  nodes: readonly { id: string; type: string }[];
  now: () => number;
  /** Doc updates per node per second for streamed text (the runs document's coalescing). */
  maxDeltaFlushesPerSecond?: number;
  /** Buffered events wait at most this long (or for `maxBatch` of them) before they are stored. */
  flushMs?: number;
  maxBatch?: number;
  onDocError: (error: unknown) => void;
};

export type EventSink = {
  /**
   * The engine's `emit`. Resolves once the event is stored when it is a barrier (a terminal event, or a
   * non-delta event of a side-effect node, which stores everything buffered before it first); otherwise once
   * buffered (stored within `flushMs`, at `maxBatch` events, at the next barrier, or by `close`).
   */
  emit(event: RunEvent): Promise<void>;
  /** Stores what is buffered and waits for the runs document to catch up. */
  close(): Promise<void>;
  /** Refuses further events and drops the buffer (the lease was lost: another worker owns the run now). */
  fence(reason: string): void;
};

/** Stored columns of an event: the envelope in columns, the rest as the payload. */
export function toStoredEvent(event: RunEvent): NewRunEvent {
  const { type, runId, seq, at, ...rest } = event;
  const { nodeId, ...payload } = rest as { nodeId?: string } & Record<string, unknown>;
  return { runId, seq, type, nodeId: nodeId ?? null, at: new Date(at), payload };
}

const TERMINAL = new Set<RunEvent['type']>(['run.completed', 'run.failed', 'run.cancelled']);

/**
 * Where a run's events go: Postgres first (the source of truth), then the live runs document.
 *
 * Events are buffered and stored as ONE multi-row insert per flush (in `seq` order, flushes one after another,
 * none after a failed one, so stored `seq` stays gapless), followed by ONE runs-document append of the same
 * events (deltas coalesced to at most `maxDeltaFlushesPerSecond` updates per node). A flush happens:
 * - before a side-effect node (llm, http, code) starts, and after each of its non-delta events (a barrier:
 *   a resumed run never repeats an effect whose start or completion the engine saw acknowledged);
 * - when the buffer holds `maxBatch` events (the engine goes on while it is inserted, waiting only for the
 *   previous batch) or its oldest event is `flushMs` old;
 * - on a terminal event (stored before `emit` resolves, so before the run is reported finished) and `close`.
 * A crash therefore loses only buffered events of side-effect-free nodes (input, template, condition, merge,
 * output) and deltas; the resumed run re-executes those nodes deterministically. A failed document write is
 * reported, never fatal: the document is a view that the next write or a reload repairs.
 */
export function createEventSink(options: EventSinkOptions): EventSink {
  const flushMs = options.flushMs ?? 20;
  const maxBatch = options.maxBatch ?? 256;
  const coalescer = coalesceDeltas(options.maxDeltaFlushesPerSecond ?? 10);
  const nodeTypes = new Map(options.nodes.map((node) => [node.id, node.type]));
  const isBarrierNode = (nodeId: string) => {
    const type = nodeTypes.get(nodeId);
    return type === undefined || SIDE_EFFECT_NODE_TYPES.has(type);
  };

  let pending: NewRunEvent[] = [];
  let docPending: RunEvent[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  let dbFailure: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  let docChain: Promise<void> = Promise.resolve();
  let fenced: string | null = null;
  let docTimer: NodeJS.Timeout | null = null;

  function clearFlushTimer(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
  }

  /** Stores the buffer (one insert), then appends the same events to the runs document (one append). */
  function flush(): Promise<void> {
    clearFlushTimer();
    const batch = pending;
    const docBatch = docPending;
    pending = [];
    docPending = [];
    if (batch.length > 0 || docBatch.length > 0) {
      chain = chain.then(async () => {
        // Nothing after a failed insert or a lost lease: a later batch would leave a gap in `seq`.
        if (dbFailure || fenced) return;
        if (batch.length > 0) {
          try {
            await options.runEvents.appendMany(batch);
          } catch (error) {
            dbFailure ??= error;
            return;
          }
        }
        // After the insert, so the document never shows an event the database could still lose; on its own
        // chain, so the engine waits for the database only.
        const writer = options.runsDoc;
        if (writer && docBatch.length > 0) {
          docChain = docChain.then(() =>
            writer.appendEvents(options.workflowId, options.runId, docBatch).catch(options.onDocError),
          );
        }
      });
    }
    return chain.then(() => {
      if (dbFailure) throw dbFailure;
    });
  }

  function scheduleFlush(): void {
    if ((pending.length === 0 && docPending.length === 0) || flushTimer) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      void flush().catch(() => {});
    }, flushMs);
    flushTimer.unref?.();
  }

  function scheduleDocPoll(): void {
    if (docTimer) clearTimeout(docTimer);
    docTimer = null;
    if (!options.runsDoc) return;
    const due = coalescer.nextDueAt();
    if (due === null) return;
    docTimer = setTimeout(
      () => {
        docTimer = null;
        const due = coalescer.poll(options.now());
        if (due.length > 0) {
          docPending.push(...due);
          scheduleFlush();
        }
        scheduleDocPoll();
      },
      Math.max(0, due - options.now()),
    );
    docTimer.unref?.();
  }

  return {
    async emit(event) {
      if (fenced) throw new Error(`run ${options.runId} is no longer ours: ${fenced}`);
      if (dbFailure) throw dbFailure;
      const barrier =
        TERMINAL.has(event.type) ||
        (event.type !== 'node.delta' &&
          'nodeId' in event &&
          typeof event.nodeId === 'string' &&
          isBarrierNode(event.nodeId));
      pending.push(toStoredEvent(event));
      // A terminal event first flushes the held text of every node (the coalescer's rule).
      if (options.runsDoc) docPending.push(...coalescer.push(event, options.now()));
      // A barrier's insert holds everything buffered before it too: a side-effect node's `node.started` is
      // acknowledged, and the engine starts the effect, only once the run up to it is durable.
      if (barrier) await flush();
      else if (pending.length >= maxBatch) {
        // Not a durability point: the engine goes on while this batch is inserted, and waits only for the
        // one before it (at most two batches in memory, inserts still one after another).
        const previous = chain;
        void flush().catch(() => {});
        await previous;
        if (dbFailure) throw dbFailure;
      } else scheduleFlush();
      scheduleDocPoll();
    },
    async close() {
      if (docTimer) clearTimeout(docTimer);
      docTimer = null;
      if (options.runsDoc) docPending.push(...coalescer.flushAll(options.now()));
      if (fenced) {
        clearFlushTimer();
        pending = [];
        docPending = [];
        await chain;
        await docChain;
        return;
      }
      try {
        await flush();
      } finally {
        await docChain;
      }
    },
    fence(reason) {
      fenced ??= reason;
      clearFlushTimer();
    },
  };
}
