import * as Y from 'yjs';

/**
 * The layout of `workflow:<id>:comments` as the server reads it (DESIGN.md): `threads` Y.Map<threadId,
 * Y.Map { anchor, resolved, messages: Y.Array<{ id, authorId, body, mentions, createdAt }> }>.
 * Read tolerantly: anything that is not in this shape is skipped, never thrown on.
 */
export const COMMENTS_ROOT = 'threads';
const MESSAGES = 'messages';

export type StoredMessage = { threadId: string; authorId: string | null; value: unknown };

/** Every message, keyed by thread and exact content, counted (a multiset, so duplicates compare right). */
export type MessageSet = Map<string, { message: StoredMessage; count: number }>;

export function readMessages(doc: Y.Doc): MessageSet | null {
  let threads: Y.Map<unknown>;
  try {
    threads = doc.getMap<unknown>(COMMENTS_ROOT);
  } catch {
    return null;
  }
  const set: MessageSet = new Map();
  for (const [threadId, thread] of threads.entries()) {
    if (!(thread instanceof Y.Map)) continue;
    const messages: unknown = thread.get(MESSAGES);
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

/** Messages in `after` and not in `before`, counting duplicates. */
export function messagesAdded(before: MessageSet, after: MessageSet): StoredMessage[] {
  const added: StoredMessage[] = [];
  for (const [key, entry] of after) {
    const extra = entry.count - (before.get(key)?.count ?? 0);
    for (let i = 0; i < extra; i++) added.push(entry.message);
  }
  return added;
}
