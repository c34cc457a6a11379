import type { NodeUsage } from './nodes/types';
import type { RunEvent } from './run-events';

/** What a run already did, so another worker can continue it without repeating completed nodes. */
export type ResumeState = {
  /** Output (and usage) of every node that completed. */
  completed: Record<string, { output: unknown; usage?: NodeUsage }>;
  /** Nodes already reported as skipped; they are not reported again. */
  skipped: string[];
  /** The `seq` of the next event (one past the last stored one), keeping `seq` gapless across workers. */
  nextSeq: number;
  /** When `run.started` was stamped, so `run.completed.latencyMs` covers the whole run. */
  startedAtMs?: number;
};

export type ResumeFromEventsResult =
  | { status: 'resumable'; resume: ResumeState }
  /** The run already ended; there is nothing to continue. */
  | { status: 'finished'; terminal: RunEvent };

/**
 * Folds a run's stored events (any order; they are sorted by `seq`) into a `ResumeState`. A node that started
 * but did not complete runs again from attempt 1, reusing the idempotency key of its interrupted call.
 */
export function resumeFromEvents(events: readonly RunEvent[]): ResumeFromEventsResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const resume: ResumeState = { completed: {}, skipped: [], nextSeq: 0 };
  for (const event of sorted) {
    resume.nextSeq = event.seq + 1;
    switch (event.type) {
      case 'run.started':
        resume.startedAtMs = Date.parse(event.at);
        break;
      case 'node.completed':
        resume.completed[event.nodeId] = {
          output: event.output,
          ...(event.usage ? { usage: event.usage } : {}),
        };
        break;
      case 'node.skipped':
        resume.skipped.push(event.nodeId);
        break;
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
        return { status: 'finished', terminal: event };
      default:
        break;
    }
  }
  return { status: 'resumable', resume };
}
