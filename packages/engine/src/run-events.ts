import { z } from 'zod';

/** Token usage and price of one model call; `costUsd` is null when the model has no known price. */
const usage = z.object({
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
});

const failure = z.object({
  message: z.string(),
  kind: z.enum(['user', 'operational', 'timeout', 'cancelled', 'internal']),
});

const base = {
  runId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime(),
};
const nodeBase = { ...base, nodeId: z.string().min(1) };

/**
 * Everything a run reports, in order (`seq` is gapless per run). Postgres keeps every event; the runs
 * document shows a coalesced live view of the same events.
 */
export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run.started'),
    versionId: z.string(),
    inputs: z.record(z.string(), z.unknown()),
  }),
  z.object({ ...nodeBase, type: z.literal('node.started'), attempt: z.number().int().positive() }),
  z.object({ ...nodeBase, type: z.literal('node.delta'), text: z.string() }),
  z.object({
    ...nodeBase,
    type: z.literal('node.completed'),
    output: z.unknown(),
    /** Which attempt produced the output (absent in events written before retries existed). */
    attempt: z.number().int().positive().optional(),
    latencyMs: z.number().nonnegative(),
    usage: usage.optional(),
  }),
  z.object({
    ...nodeBase,
    type: z.literal('node.failed'),
    error: failure,
    attempt: z.number().int().positive(),
  }),
  z.object({
    ...nodeBase,
    type: z.literal('node.retrying'),
    error: failure,
    attempt: z.number().int().positive(),
    delayMs: z.number().nonnegative(),
  }),
  z.object({ ...nodeBase, type: z.literal('node.skipped'), reason: z.string() }),
  z.object({
    ...base,
    type: z.literal('run.completed'),
    outputs: z.record(z.string(), z.unknown()),
    latencyMs: z.number().nonnegative(),
    usage,
  }),
  z.object({
    ...base,
    type: z.literal('run.failed'),
    error: failure,
    /** The node whose failure failed the run, when one did. */
    nodeId: z.string().min(1).optional(),
    /** The input field at fault when the run inputs were refused. */
    field: z.string().optional(),
  }),
  z.object({ ...base, type: z.literal('run.cancelled'), reason: z.string() }),
]);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent['type'];
export const RUN_EVENT_TYPES = runEventSchema.options.map((option) => option.shape.type.value);
