import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addThread, observeComments, readThreads, replyToThread, setThreadResolved } from './comments';
import { commentMessagesAdded, readCommentMessages } from './comments-doc';
import { UserError } from './errors';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const T0 = '2025-01-01T10:00:00.000Z';
const T1 = '2025-01-01T10:01:00.000Z';
const T2 = '2025-01-01T10:02:00.000Z';

describe('comment accessors', () => {
  it('add a thread with its first message and read it back typed', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, {
      anchor: { nodeId: 'n1' },
      authorId: 'u-bob',
      body: 'Why a retry here?',
      mentions: ['u-alice'],
      createdAt: T0,
    });
    const [thread] = readThreads(doc);
    expect(thread).toEqual({
      id,
      anchor: { nodeId: 'n1' },
      resolved: false,
      createdAt: T0,
      messages: [
        {
          id: thread?.messages[0]?.id,
          authorId: 'u-bob',
          body: 'Why a retry here?',
          mentions: ['u-alice'],
          createdAt: T0,
        },
      ],
    });
    expect(thread?.messages[0]?.id).toMatch(/^m_/);
  });

  it('stamp a message id and an ISO createdAt when none is given', () => {
    const doc = new Y.Doc();
    const threadId = addThread(doc, { id: 'thread-1', anchor: { x: 10, y: -5 }, authorId: 'u', body: 'hi' });
    const messageId = replyToThread(doc, threadId, { authorId: 'u', body: 'again' });
    const [thread] = readThreads(doc);
    expect(threadId).toBe('thread-1');
    expect(thread?.anchor).toEqual({ x: 10, y: -5 });
    expect(thread?.messages.map((message) => message.mentions)).toEqual([[], []]);
    expect(thread?.messages.some((message) => message.id === messageId)).toBe(true);
    for (const message of thread?.messages ?? [])
      expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
  });

  it('keep a run anchor whole', () => {
    const doc = new Y.Doc();
    addThread(doc, { anchor: { runId: 'r1', nodeId: 'n1' }, authorId: 'u', body: 'slow', createdAt: T0 });
    expect(readThreads(doc)[0]?.anchor).toEqual({ runId: 'r1', nodeId: 'n1' });
  });

  it('resolve and reopen a thread', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, { anchor: { nodeId: 'n1' }, authorId: 'u', body: 'x' });
    setThreadResolved(doc, id, true);
    expect(readThreads(doc)[0]?.resolved).toBe(true);
    setThreadResolved(doc, id, false);
    expect(readThreads(doc)[0]?.resolved).toBe(false);
  });

  it('refuse bad input and unknown threads without changing the doc', () => {
    const doc = new Y.Doc();
    const bad = [
      () => addThread(doc, { anchor: { x: Number.NaN, y: 0 }, authorId: 'u', body: 'x' }),
      () => addThread(doc, { anchor: { nodeId: 'has space' }, authorId: 'u', body: 'x' }),
      () => addThread(doc, { id: 'a:b', anchor: { nodeId: 'n' }, authorId: 'u', body: 'x' }),
      () => addThread(doc, { anchor: { nodeId: 'n' }, authorId: '', body: 'x' }),
      () => addThread(doc, { anchor: { nodeId: 'n' }, authorId: 'u', body: 'x'.repeat(10_001) }),
      () => addThread(doc, { anchor: { nodeId: 'n' }, authorId: 'u', body: 'x', createdAt: 'yesterday' }),
      () => replyToThread(doc, 'missing', { authorId: 'u', body: 'x' }),
      () => setThreadResolved(doc, 'missing', true),
    ];
    for (const call of bad) expect(call).toThrow(UserError);
    expect(doc.share.size === 0 || readThreads(doc).length === 0).toBe(true);
    const id = addThread(doc, { id: 'taken', anchor: { nodeId: 'n' }, authorId: 'u', body: 'x' });
    expect(() => addThread(doc, { id, anchor: { nodeId: 'n' }, authorId: 'u', body: 'y' })).toThrow(
      /already exists/,
    );
    expect(readThreads(doc)[0]?.messages.map((message) => message.body)).toEqual(['x']);
  });

  it('keep both of two concurrent replies, ordered by createdAt then id, on both replicas', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addThread(a, { anchor: { nodeId: 'n1' }, authorId: 'u-a', body: 'first', createdAt: T0 });
    sync(a, b);
    // b's clock is ahead, a replies later in real time but with an earlier stamp; ties fall back to id.
    replyToThread(b, id, { id: 'm-b', authorId: 'u-b', body: 'from b', createdAt: T2 });
    replyToThread(a, id, { id: 'm-z', authorId: 'u-a', body: 'from a', createdAt: T1 });
    replyToThread(b, id, { id: 'm-a', authorId: 'u-b', body: 'tie', createdAt: T1 });
    sync(a, b);
    const bodies = (doc: Y.Doc) => readThreads(doc)[0]?.messages.map((message) => message.body);
    expect(bodies(a)).toEqual(['first', 'tie', 'from a', 'from b']);
    expect(readThreads(b)).toEqual(readThreads(a));
  });

  it('order threads by their first message, then id', () => {
    const doc = new Y.Doc();
    addThread(doc, { id: 'late', anchor: { nodeId: 'n' }, authorId: 'u', body: 'x', createdAt: T2 });
    addThread(doc, { id: 'b', anchor: { nodeId: 'n' }, authorId: 'u', body: 'x', createdAt: T0 });
    addThread(doc, { id: 'a', anchor: { nodeId: 'n' }, authorId: 'u', body: 'x', createdAt: T0 });
    expect(readThreads(doc).map((thread) => thread.id)).toEqual(['a', 'b', 'late']);
  });

  it('notify observers of local and remote changes until unsubscribed', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    let calls = 0;
    const stop = observeComments(b, () => calls++);
    const id = addThread(a, { anchor: { nodeId: 'n' }, authorId: 'u', body: 'x' });
    sync(a, b);
    expect(calls).toBe(1);
    setThreadResolved(b, id, true);
    expect(calls).toBe(2);
    stop();
    replyToThread(b, id, { authorId: 'u', body: 'y' });
    expect(calls).toBe(2);
  });
});

describe('readThreads', () => {
  it('skips malformed threads and messages and never throws', () => {
    const doc = new Y.Doc();
    const threads = doc.getMap<unknown>('threads');
    const good = { id: 'm1', authorId: 'u', body: 'ok', mentions: [], createdAt: T0 };
    const thread = (anchor: unknown, messages: unknown[], resolved: unknown = false) => {
      const map = new Y.Map<unknown>();
      map.set('anchor', anchor);
      map.set('resolved', resolved);
      const list = new Y.Array<unknown>();
      list.push(messages);
      map.set('messages', list);
      return map;
    };
    doc.transact(() => {
      threads.set('not-a-map', { anchor: { nodeId: 'n' } });
      threads.set('bad-anchor', thread({ nodeId: 42 }, [good]));
      threads.set('string-anchor', thread('n1', [good]));
      const noMessages = new Y.Map<unknown>();
      noMessages.set('anchor', { nodeId: 'n' });
      noMessages.set('messages', 'nope');
      threads.set('messages-not-array', noMessages);
      threads.set(
        'all-malformed',
        thread({ nodeId: 'n' }, [null, 3, { id: 'x' }, { ...good, createdAt: 5 }]),
      );
      threads.set('mixed', thread({ x: 1, y: 2 }, [{ ...good, body: 7 }, good, 'text'], 'yes'));
    });
    expect(readThreads(doc)).toEqual([
      { id: 'mixed', anchor: { x: 1, y: 2 }, resolved: false, createdAt: T0, messages: [good] },
    ]);
  });

  it('reads nothing from a doc whose threads root has another Yjs type', () => {
    const doc = new Y.Doc();
    doc.getArray('threads').push([1]);
    expect(readThreads(doc)).toEqual([]);
    expect(readCommentMessages(doc)).toBeNull();
    expect(observeComments(doc, () => {})).toBeTypeOf('function');
  });
});

describe('comment message sets', () => {
  it('count duplicates, so adding a copy of a message is an addition', () => {
    const doc = new Y.Doc();
    const id = addThread(doc, { anchor: { nodeId: 'n' }, authorId: 'u', body: 'x', createdAt: T0 });
    const before = readCommentMessages(doc);
    const [message] = readThreads(doc)[0]?.messages ?? [];
    replyToThread(doc, id, { ...message, authorId: 'u', body: 'x' });
    const after = readCommentMessages(doc);
    if (!before || !after) throw new Error('sets');
    expect(commentMessagesAdded(before, after).map((entry) => entry.authorId)).toEqual(['u']);
    expect(commentMessagesAdded(after, before)).toEqual([]);
  });
});
