import { addThread, replyToThread } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCommentsUpdate } from './comment-rules';

const bob = { id: 'u-bob', name: 'Bob', color: '#000' };

/** The update a replica makes on top of `base` by running `edit`. */
function updateOf(base: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

describe('checkCommentsUpdate', () => {
  it('accepts threads and replies written through the workflow accessors by the connection user', () => {
    const base = new Y.Doc();
    const threadId = addThread(base, { anchor: { nodeId: 'n1' }, authorId: 'u-alice', body: 'hi' });
    const update = updateOf(base, (doc) => {
      addThread(doc, { anchor: { x: 1, y: 2 }, authorId: bob.id, body: 'new', mentions: ['u-alice'] });
      replyToThread(doc, threadId, { authorId: bob.id, body: 'reply' });
    });
    expect(checkCommentsUpdate(base, update, bob, 'viewer')).toBeNull();
  });

  it('refuses a message that is not in the workflow layout, or by someone else', () => {
    const base = new Y.Doc();
    const threadId = addThread(base, { anchor: { nodeId: 'n1' }, authorId: bob.id, body: 'hi' });
    const incomplete = updateOf(base, (doc) => {
      const messages = doc.getMap<Y.Map<unknown>>('threads').get(threadId)?.get('messages');
      if (!(messages instanceof Y.Array)) throw new Error('the thread has no messages');
      messages.push([{ id: 'm1', authorId: bob.id, body: 'no date' }]);
    });
    expect(checkCommentsUpdate(base, incomplete, bob, 'owner')?.message).toBe('malformed comment');
    const forged = updateOf(base, (doc) => replyToThread(doc, threadId, { authorId: 'u-alice', body: 'x' }));
    expect(checkCommentsUpdate(base, forged, bob, 'owner')?.message).toBe('comment by another author');
    const otherRoot = updateOf(base, (doc) => doc.getMap('nodes').set('x', 1));
    expect(checkCommentsUpdate(base, otherRoot, bob, 'owner')?.reason).toBe('forbidden');
  });
});
