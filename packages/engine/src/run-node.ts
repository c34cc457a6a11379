import type { NodeDefinition } from '@tandem/workflow';
import { NodeFailure, toNodeFailure } from './errors';
import type { EventEmitter } from './event-emitter';
import type { RunLimits } from './limits';
import { executeNode } from './nodes/index';
import type { NodeContext, NodeResult } from './nodes/types';
import type { Clock } from './ports';
import { backoffDelay } from './retry';

/**
 * The reason given when a finished attempt releases its timer and signal. Without one, `abort()` builds a
 * DOMException with a stack trace: about a third of the engine's time per node on a chain of no-op nodes.
 */
const SETTLED = 'settled';

/** Node types whose work is synchronous and bounded: no timer or abort controller per attempt. */
const INSTANT_TYPES: ReadonlySet<string> = new Set(['input', 'output', 'template', 'merge', 'condition']);

/** Why the whole run is stopping; in-flight nodes report it as their own failure. */
export type RunStop = { kind: 'cancelled' | 'timeout' | 'failed'; message: string };

/** Thrown by `runNode` when the run stopped underneath it (the node already reported `node.failed`). */
export class NodeStopped extends Error {
  override readonly name = 'NodeStopped';
}

export type RunNodeDeps = {
  emitter: EventEmitter;
  clock: Clock;
  limits: RunLimits;
  random: () => number;
  runSignal: AbortSignal;
  runStop: () => RunStop | null;
  /** The attempt-independent part of the executor context. */
  context: Omit<NodeContext, 'attempt' | 'signal' | 'onDelta'>;
  onUnexpectedError: (error: unknown) => void;
};

/** The per-attempt deadline: `http` and `code` carry their own; code timeouts are deterministic, never retried. */
function attemptTimeout(node: NodeDefinition, limits: RunLimits): { ms: number; retryable: boolean } {
  if (node.type === 'http') return { ms: node.config.timeoutMs, retryable: true };
  // The sandbox enforces the code deadline itself; this outer one only catches a stuck module load.
  if (node.type === 'code') return { ms: node.config.timeoutMs + 5_000, retryable: false };
  return { ms: limits.nodeTimeoutMs, retryable: true };
}

/**
 * Settles with `work`, or rejects when the deadline passes or `abort` fires, whichever is first; on the
 * deadline it aborts `abort` so the executor's signal (and the SDK call behind it) stops too.
 */
function withDeadline<T>(
  work: Promise<T>,
  timeout: { ms: number; retryable: boolean },
  clock: Clock,
  abort: AbortController,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = new AbortController();
    const onAbort = () => reject(abort.signal.reason);
    abort.signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      timer.abort(SETTLED);
      abort.signal.removeEventListener('abort', onAbort);
    };
    clock.sleep(timeout.ms, timer.signal).then(
      () => {
        const failure = new NodeFailure('timeout', `The node did not finish within ${timeout.ms} ms.`, {
          retryable: timeout.retryable,
        });
        finish();
        abort.abort(failure);
        reject(failure);
      },
      () => undefined,
    );
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

function errorPayload(failure: NodeFailure): { message: string; kind: NodeFailure['kind'] } {
  return { message: failure.message, kind: failure.kind };
}

/**
 * Runs one node with retries: emits `node.started` per attempt, `node.delta` while streaming, then
 * `node.completed`, `node.retrying` (retryable failure, attempts left) or `node.failed`. Throws the final
 * `NodeFailure`, or `NodeStopped` when the run stopped (cancel, run timeout, another node's failure).
 */
export async function runNode(node: NodeDefinition, deps: RunNodeDeps): Promise<NodeResult> {
  const { emitter, clock, limits, runSignal } = deps;
  const nodeId = node.id;
  const stopped = async (attempt: number): Promise<never> => {
    const stop = deps.runStop() ?? { kind: 'cancelled', message: 'The run was stopped.' };
    const kind = stop.kind === 'timeout' ? 'timeout' : 'cancelled';
    await emitter.emit({ type: 'node.failed', nodeId, attempt, error: { kind, message: stop.message } });
    throw new NodeStopped(stop.message);
  };

  for (let attempt = 1; ; attempt++) {
    if (runSignal.aborted) return stopped(attempt);
    await emitter.emit({ type: 'node.started', nodeId, attempt });
    const startedAt = clock.now();
    // An instant node cannot outlive a deadline (its work finishes before any timer could fire) and has no
    // call to abort: it runs on the run's signal, without the per-attempt controller, listener and timer.
    const instant = INSTANT_TYPES.has(node.type);
    const abort = instant ? null : new AbortController();
    const onRunAbort = () => abort?.abort(runSignal.reason);
    if (abort) runSignal.addEventListener('abort', onRunAbort, { once: true });
    let failure: NodeFailure;
    try {
      const context: NodeContext = {
        ...deps.context,
        attempt,
        signal: abort ? abort.signal : runSignal,
        onDelta: (text) => {
          // Deltas come from a synchronous SDK callback; the emitter keeps their order, and a store failure
          // surfaces through the next awaited event.
          if (!(abort ?? { signal: runSignal }).signal.aborted)
            emitter.emit({ type: 'node.delta', nodeId, text }).catch(() => undefined);
        },
      };
      const result = abort
        ? await withDeadline(executeNode(node, context), attemptTimeout(node, limits), clock, abort)
        : await executeNode(node, context);
      await emitter.emit({
        type: 'node.completed',
        nodeId,
        attempt,
        output: result.output,
        latencyMs: clock.now() - startedAt,
        ...(result.usage ? { usage: result.usage } : {}),
      });
      return result;
    } catch (error) {
      if (runSignal.aborted) return stopped(attempt);
      failure = toNodeFailure(error);
      if (failure.kind === 'internal') deps.onUnexpectedError(error);
    } finally {
      if (abort) {
        runSignal.removeEventListener('abort', onRunAbort);
        abort.abort(SETTLED);
      }
    }

    if (!failure.retryable || attempt >= limits.retry.maxAttempts) {
      await emitter.emit({ type: 'node.failed', nodeId, attempt, error: errorPayload(failure) });
      throw failure;
    }
    const delayMs = backoffDelay(attempt, limits.retry, deps.random, failure.retryAfterMs);
    await emitter.emit({ type: 'node.retrying', nodeId, attempt, delayMs, error: errorPayload(failure) });
    try {
      await clock.sleep(delayMs, runSignal);
    } catch {
      return stopped(attempt);
    }
  }
}
