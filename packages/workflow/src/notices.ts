import { z } from 'zod';
import { PROBLEM_CODES, type Problem } from './problems';

/** A member's role in a workspace, as the collab server reports it. */
export const MEMBER_ROLES = ['owner', 'editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * Stateless messages the collab server sends on a document (`provider.on('stateless', ({ payload }) =>
 * parseNotice(payload))`). Clients send none that the server acts on.
 */
export type CollabNotice =
  /** Schema problems in the graph (unknown node types, malformed config): shown, and the draft cannot run. */
  | { type: 'tandem/problems'; problems: Problem[] }
  /** The connection's role changed while it was open; `readOnly` is now in force. */
  | { type: 'tandem/access'; role: MemberRole; readOnly: boolean };

const problemSchema = z.object({
  code: z.enum(PROBLEM_CODES),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});

export const collabNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tandem/problems'), problems: z.array(problemSchema) }),
  z.object({ type: z.literal('tandem/access'), role: z.enum(MEMBER_ROLES), readOnly: z.boolean() }),
]);

/** The stateless payload of a notice. */
export function encodeNotice(notice: CollabNotice): string {
  return JSON.stringify(notice);
}

/** Parses a stateless payload; null for anything that is not a notice (never throws). */
export function parseNotice(payload: string): CollabNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = collabNoticeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
