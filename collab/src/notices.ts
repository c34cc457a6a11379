import type { Problem } from '@tandem/workflow';
import { z } from 'zod';
import type { Role } from './ports';

/**
 * Stateless messages the server sends on a document (`provider.on('stateless', ({ payload }) => …)`).
 * Clients send none that the server acts on.
 */
export type CollabNotice =
  /** Schema problems in the graph (unknown node types, malformed config): shown, and the draft cannot run. */
  | { type: 'tandem/problems'; problems: Problem[] }
  /** The connection's role changed while it was open; `readOnly` is now in force. */
  | { type: 'tandem/access'; role: Role; readOnly: boolean };

const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});

const noticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tandem/problems'), problems: z.array(problemSchema) }),
  z.object({
    type: z.literal('tandem/access'),
    role: z.enum(['owner', 'editor', 'viewer']),
    readOnly: z.boolean(),
  }),
]);

export function encodeNotice(notice: CollabNotice): string {
  return JSON.stringify(notice);
}

/** Parses a stateless payload; null for anything that is not a notice. */
export function parseNotice(payload: string): CollabNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = noticeSchema.safeParse(value);
  return parsed.success ? (parsed.data as CollabNotice) : null;
}
