import { describe, expect, it } from 'vitest';
import { RUN_EVENT_TYPES, runEventSchema } from './run-events';

const at = '2026-11-21T10:00:00.000Z';

describe('runEventSchema', () => {
  it('lists the event types DESIGN.md names', () => {
    expect(RUN_EVENT_TYPES).toEqual([
      'run.started',
      'node.started',
      'node.delta',
      'node.completed',
      'node.failed',
      'node.retrying',
      'node.skipped',
      'run.completed',
      'run.failed',
      'run.cancelled',
    ]);
  });

  it('accepts a completed node with usage and an unknown price', () => {
    const event = runEventSchema.parse({
      type: 'node.completed',
      runId: 'r1',
      seq: 3,
      at,
      nodeId: 'llm-1',
      output: { text: 'hi' },
      latencyMs: 812,
      usage: { tokensIn: 120, tokensOut: 40, costUsd: null },
    });
    expect(event.type).toBe('node.completed');
  });

  it('refuses a node event without its node, naming the field', () => {
    const result = runEventSchema.safeParse({ type: 'node.started', runId: 'r1', seq: 1, at, attempt: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('nodeId');
  });

  it('refuses a negative sequence number and an unknown type', () => {
    expect(
      runEventSchema.safeParse({ type: 'run.cancelled', runId: 'r', seq: -1, at, reason: 'x' }).success,
    ).toBe(false);
    expect(runEventSchema.safeParse({ type: 'run.paused', runId: 'r', seq: 1, at }).success).toBe(false);
  });
});
