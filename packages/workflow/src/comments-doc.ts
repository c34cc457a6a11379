import * as Y from 'yjs';
import { z } from 'zod';
import { idSchema, positionSchema } from './schemas';

/**
 * The only place that knows the keys of `workflow:<id>:comments` (layout in shared/DESIGN.md):
 * `threads` Y.Map<threadId, Y.Map { anchor, resolved, messages: Y.Array<{ id, authorId, body, mentions,
 * createdAt }> }>. Anchors and messages are plain values (a message is never edited in place: Yjs would
 * have to merge two edits of one body, and the server's author check compares whole messages).
 */
export const COMMENTS_ROOT = 'threads';
export const THREAD = { anchor: 'anchor', resolved: 'resolved', messages: 'messages' } as const;

/** The only roots a comments document may have; the collab server refuses an update that adds another. */
export const COMMENTS_ROOTS: readonly string[] = [COMMENTS_ROOT];

/** Where a thread is pinned: a node, a free point on the canvas (flow coordinates), or a node of one run. */
export const commentAnchorSchema = z.union([
  z.object({ runId: idSchema, nodeId: idSchema }),
  z.object({ nodeId: idSchema }),
  positionSchema,
]);
export type CommentAnchor = { nodeId: string } | { x: number; y: number } | { runId: string; nodeId: string };

export const MAX_COMMENT_BODY = 10_000;
export const MAX_COMMENT_MENTIONS = 50;

/**
 * A stored message. The collab server refuses an added message that does not parse (or whose `authorId`
 * is not the connection's user), so every message a current client wrote has this shape.
 */
export const commentMessageSchema = z.object({
  id: idSchema,
  authorId: z.string().min(1).max(64),
  body: z.string().max(MAX_COMMENT_BODY),
  mentions: z.array(z.string().min(1).max(64)).max(MAX_COMMENT_MENTIONS),
  createdAt: z.iso.datetime(),
});
export type CommentMessage = z.infer<typeof commentMessageSchema>;

/** The threads root; null when `threads` was defined with another Yjs type (a malformed document). */
export function safeThreadsRoot(doc: Y.Doc): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>(COMMENTS_ROOT);
  } catch {
    return null;
  }
}

/** One message as it sits in the document, whatever its shape, with its author if it names one. */
export type StoredCommentMessage = { threadId: string; authorId: string | null; value: unknown };

/** Every message, keyed by thread and exact content, counted (a multiset, so duplicates compare right). */
export type CommentMessageSet = Map<string, { message: StoredCommentMessage; count: number }>;

/**
 * Every message of every thread as stored, for comparing a document before and after an update (the
 * server's author checks). Tolerant: threads and message lists of the wrong shape are skipped; null only
 * when the `threads` root itself has the wrong Yjs type.
 */
export function readCommentMessages(doc: Y.Doc): CommentMessageSet | null {
  const threads = safeThreadsRoot(doc);
  if (!threads) return null;
  const set: CommentMessageSet = new Map();
  for (const [threadId, thread] of threads.entries()) {
    if (!(thread instanceof Y.Map)) continue;
    const messages: unknown = thread.get(THREAD.messages);
    if (!(messages instanceof Y.Array)) continue;
    for (const raw of messages.toArray() as unknown[]) {
      const value = raw instanceof Y.AbstractType ? (raw.toJSON() as unknown) : raw;
      const authorId =
        typeof value === 'object' &&
        value !== null &&
        'authorId' in value &&
        typeof value.authorId === 'string'
          ? value.authorId
          : null;
      const key = `${threadId}\u0000${JSON.stringify(value)}`;
      const existing = set.get(key);
      if (existing) existing.count++;
      else set.set(key, { message: { threadId, authorId, value }, count: 1 });
    }
  }
  return set;
}

/** Messages in `after` and not in `before`, counting duplicates (swap the arguments for the removed ones). */
export function commentMessagesAdded(
  before: CommentMessageSet,
  after: CommentMessageSet,
): StoredCommentMessage[] {
  const added: StoredCommentMessage[] = [];
  for (const [key, entry] of after) {
    const extra = entry.count - (before.get(key)?.count ?? 0);
    for (let i = 0; i < extra; i++) added.push(entry.message);
  }
  return added;
}
