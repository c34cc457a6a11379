// @vitest-environment jsdom
import { addThread, readThreads, replyToThread, setThreadResolved } from '@tandem/workflow';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Mentionable } from './comment-composer';
import { mentionQuery, mentionsIn } from './comment-composer';
import { CommentsPanel } from './comments-panel';
import { type ReadState, totalUnread } from './read-state';
import { useCommentThreads } from './use-comments';

afterEach(cleanup);

const members: Mentionable[] = [
  { userId: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com', color: '#7c6cff' },
  { userId: 'u-bob', name: 'Bob Builder', email: 'bob@example.com', color: '#34d399' },
];

function Harness({ doc, userId }: { doc: Y.Doc; userId: string }) {
  const threads = useCommentThreads(doc);
  const [selected, setSelected] = useState<string | null>(null);
  const [read, setRead] = useState<ReadState>({});
  return (
    <CommentsPanel
      doc={doc}
      threads={threads}
      members={members}
      userId={userId}
      read={read}
      onRead={(thread) => setRead((r) => ({ ...r, [thread.id]: thread.messages.map((m) => m.id) }))}
      selectedId={selected}
      onSelect={setSelected}
      describeAnchor={(anchor) => ('nodeId' in anchor ? `node ${anchor.nodeId}` : 'On the canvas')}
      onReveal={() => {}}
      onClose={() => {}}
      onError={(message) => {
        throw new Error(message);
      }}
    />
  );
}

describe('comments panel bound to the comments document', () => {
  it('shows threads added through the accessors, their replies, and resolve/reopen', () => {
    const doc = new Y.Doc();
    render(<Harness doc={doc} userId="u-ada" />);
    expect(screen.getByText(/No open threads/)).toBeTruthy();

    let threadId = '';
    act(() => {
      threadId = addThread(doc, {
        anchor: { nodeId: 'llm1' },
        authorId: 'u-bob',
        body: 'Is this prompt final?',
      });
    });
    expect(screen.getByText('node llm1')).toBeTruthy();
    expect(screen.getByText('Is this prompt final?')).toBeTruthy();
    expect(screen.getByText('Bob Builder')).toBeTruthy();
    expect(screen.getByText('1 new')).toBeTruthy();

    // A remote reply arrives: counted on the closed thread, shown once it is opened (which marks it read).
    act(() => {
      replyToThread(doc, threadId, { authorId: 'u-bob', body: 'Ping @Ada Lovelace', mentions: ['u-ada'] });
    });
    expect(screen.getByText('1 reply')).toBeTruthy();
    expect(screen.getByText('2 new')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Is this prompt final/ }));
    expect(screen.getByText('@Ada Lovelace').tagName).toBe('MARK');
    expect(screen.queryByText(/new$/)).toBeNull();

    // Replying through the panel writes through the accessor.
    const box = screen.getByLabelText('Reply… (@ to mention)');
    fireEvent.change(box, { target: { value: 'Yes, ship it', selectionStart: 12 } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(readThreads(doc)[0]?.messages.map((m) => m.body)).toEqual([
      'Is this prompt final?',
      'Ping @Ada Lovelace',
      'Yes, ship it',
    ]);
    expect(readThreads(doc)[0]?.messages[2]?.authorId).toBe('u-ada');
    expect(screen.getByText('Yes, ship it')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(readThreads(doc)[0]?.resolved).toBe(true);
    // The open thread follows itself into the resolved filter.
    expect(screen.getByRole('tab', { name: /Resolved/ }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(readThreads(doc)[0]?.resolved).toBe(false);

    // A collaborator resolving it elsewhere moves it out of the open list.
    act(() => setThreadResolved(doc, threadId, true));
    fireEvent.click(screen.getByRole('button', { name: /Is this prompt final/ }));
    fireEvent.click(screen.getByRole('tab', { name: /Open/ }));
    expect(within(screen.getByRole('tab', { name: /Open/ })).getByText('0')).toBeTruthy();
  });

  it('offers workspace members after @ and records the mention', () => {
    const doc = new Y.Doc();
    const threadId = addThread(doc, { anchor: { x: 10, y: 20 }, authorId: 'u-ada', body: 'Start' });
    render(<Harness doc={doc} userId="u-ada" />);
    fireEvent.click(screen.getByRole('button', { name: /Start/ }));
    const box = screen.getByLabelText('Reply… (@ to mention)');
    fireEvent.change(box, { target: { value: 'cc @bo', selectionStart: 6 } });
    const option = screen.getByRole('option', { name: /Bob Builder/ });
    fireEvent.pointerDown(option);
    expect((box as HTMLTextAreaElement).value).toBe('cc @Bob Builder ');
    fireEvent.keyDown(box, { key: 'Enter' });
    const reply = readThreads(doc).find((t) => t.id === threadId)?.messages[1];
    expect(reply?.body).toBe('cc @Bob Builder');
    expect(reply?.mentions).toEqual(['u-bob']);
  });

  it('parses mention queries and counts unread messages of open threads only', () => {
    expect(mentionQuery('hi @ad', 6)).toEqual({ start: 3, query: 'ad' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
    expect(mentionsIn('hey @Bob Builder', members)).toEqual(['u-bob']);
    const doc = new Y.Doc();
    const open = addThread(doc, { anchor: { nodeId: 'a' }, authorId: 'u-bob', body: 'one' });
    const done = addThread(doc, { anchor: { nodeId: 'b' }, authorId: 'u-bob', body: 'two' });
    addThread(doc, { anchor: { nodeId: 'c' }, authorId: 'u-ada', body: 'mine' });
    setThreadResolved(doc, done, true);
    replyToThread(doc, open, { authorId: 'u-bob', body: 'more' });
    expect(totalUnread(readThreads(doc), {}, 'u-ada')).toBe(2);
  });
});
