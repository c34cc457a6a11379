import * as Y from 'yjs';
import { z } from 'zod';
import { CollabError } from './close-codes';
import { COMMENTS_ROOT, messagesAdded, readMessages } from './comments-doc';
import type { CollabUser, Role } from './ports';

// Only what the rules need; the web app owns the rest of the message's shape.
const messageSchema = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string(),
  body: z.string().max(10_000),
});

/**
 * Yjs cannot refuse part of an update, so the update is tried on a copy first: every message it adds (or
 * rewrites) must be a well-formed message by `user`, every message it removes must be `user`'s own unless
 * `user` owns the workspace, and it may not create other roots. Returns the refusal, or null.
 */
export function checkCommentsUpdate(
  current: Y.Doc,
  update: Uint8Array,
  user: CollabUser,
  role: Role,
): CollabError | null {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
    const before = readMessages(copy);
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return new CollabError('malformed-message', 'comment update does not apply');
    }
    for (const root of copy.share.keys()) {
      if (root !== COMMENTS_ROOT)
        return new CollabError('forbidden', `comments document has no root "${root}"`);
    }
    const after = readMessages(copy);
    if (!before || !after) return new CollabError('forbidden', 'comments document has a malformed root');
    for (const message of messagesAdded(before, after)) {
      const parsed = messageSchema.safeParse(message.value);
      if (!parsed.success) return new CollabError('forbidden', 'malformed comment');
      if (parsed.data.authorId !== user.id) return new CollabError('forbidden', 'comment by another author');
    }
    if (role !== 'owner') {
      for (const message of messagesAdded(after, before)) {
        if (message.authorId !== user.id)
          return new CollabError('forbidden', "removing another author's comment");
      }
    }
    return null;
  } finally {
    copy.destroy();
  }
}
