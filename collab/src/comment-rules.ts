import {
  COMMENTS_ROOTS,
  commentMessageSchema,
  commentMessagesAdded,
  readCommentMessages,
} from '@tandem/workflow';
import * as Y from 'yjs';
import { CollabError } from './close-codes';
import type { CollabUser, Role } from './ports';

/**
 * Yjs cannot refuse part of an update, so the update is tried on a copy first: every message it adds (or
 * rewrites) must be a well-formed message (`commentMessageSchema`) by `user`, every message it removes
 * must be `user`'s own unless `user` owns the workspace, and it may not create other roots. Returns the
 * refusal, or null. The document's layout is `@tandem/workflow`'s (`comments-doc.ts`).
 */
export function checkCommentsUpdate(
  current: Y.Doc,
  update: Uint8Array,
  user: CollabUser,
  role: Role,
): CollabError | null {
  // A fixed guid: Yjs makes a random one from ~30 getRandomValues calls (~160 µs), on every comments update.
  const copy = new Y.Doc({ guid: 'comments-check' });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
    const before = readCommentMessages(copy);
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return new CollabError('malformed-message', 'comment update does not apply');
    }
    for (const root of copy.share.keys()) {
      if (!COMMENTS_ROOTS.includes(root))
        return new CollabError('forbidden', `comments document has no root "${root}"`);
    }
    const after = readCommentMessages(copy);
    if (!before || !after) return new CollabError('forbidden', 'comments document has a malformed root');
    for (const message of commentMessagesAdded(before, after)) {
      const parsed = commentMessageSchema.safeParse(message.value);
      if (!parsed.success) return new CollabError('forbidden', 'malformed comment');
      if (parsed.data.authorId !== user.id) return new CollabError('forbidden', 'comment by another author');
    }
    if (role !== 'owner') {
      for (const message of commentMessagesAdded(after, before)) {
        if (message.authorId !== user.id)
          return new CollabError('forbidden', "removing another author's comment");
      }
    }
    return null;
  } finally {
    copy.destroy();
  }
}
