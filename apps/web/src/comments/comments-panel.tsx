import {
  type CommentAnchor,
  type CommentMessage,
  type CommentThread,
  replyToThread,
  setThreadResolved,
} from '@tandem/workflow';
import { type ReactNode, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { Avatar } from '../ui/avatar';
import { relativeTime } from '../ui/relative-time';
import { CommentComposer, type Mentionable } from './comment-composer';
import { type ReadState, unreadIn } from './read-state';

export type CommentsFilter = 'open' | 'resolved';

type CommentsPanelProps = {
  doc: Y.Doc;
  threads: readonly CommentThread[];
  members: readonly Mentionable[];
  userId: string;
  read: ReadState;
  onRead: (thread: CommentThread) => void;
  selectedId: string | null;
  onSelect: (threadId: string | null) => void;
  /** What a thread is pinned to, in words ("LLM · Classify", "Run 3f2a · Classify", "Canvas"). */
  describeAnchor: (anchor: CommentAnchor) => string;
  /** Shows what the thread is about (pans to the node or point, opens the run). */
  onReveal: (thread: CommentThread) => void;
  onClose: () => void;
  onError: (message: string) => void;
  /** A thread being started from outside the canvas (a run's node): its anchor in words and its composer. */
  draft?: { label: string; composer: ReactNode } | null;
};

/** The comment threads of the workflow: open or resolved, each with its replies. */
export function CommentsPanel(props: CommentsPanelProps) {
  const { threads, selectedId } = props;
  const [filter, setFilter] = useState<CommentsFilter>('open');
  const selected = threads.find((thread) => thread.id === selectedId) ?? null;
  // Opening a thread (here or from a pin) shows its filter, so it is never selected and hidden.
  useEffect(() => {
    if (selected) setFilter(selected.resolved ? 'resolved' : 'open');
  }, [selected?.id, selected?.resolved]);
  const shown = threads.filter((thread) => thread.resolved === (filter === 'resolved'));
  const counts = {
    open: threads.filter((thread) => !thread.resolved).length,
    resolved: threads.filter((thread) => thread.resolved).length,
  };
  return (
    <aside className="side-panel comments-panel" aria-label="Comments">
      <header className="side-panel__head">
        <h2>Comments</h2>
        <button type="button" className="icon-button" aria-label="Close comments" onClick={props.onClose}>
          ×
        </button>
      </header>
      <div className="segmented" role="tablist" aria-label="Filter threads">
        {(['open', 'resolved'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            aria-selected={filter === value}
            className={filter === value ? 'is-active' : undefined}
            onClick={() => setFilter(value)}
          >
            {value === 'open' ? 'Open' : 'Resolved'} <span className="segmented__count">{counts[value]}</span>
          </button>
        ))}
      </div>
      <div className="side-panel__scroll">
        {props.draft && (
          <div className="thread thread--draft is-open">
            <span className="thread__anchor">{props.draft.label}</span>
            {props.draft.composer}
          </div>
        )}
        {shown.length === 0 && !props.draft && (
          <p className="side-panel__empty">
            {filter === 'open'
              ? 'No open threads. Press C, then click a node or the canvas to start one.'
              : 'No resolved threads yet.'}
          </p>
        )}
        <ul className="thread-list">
          {shown.map((thread) => (
            <ThreadItem key={thread.id} thread={thread} open={thread.id === selectedId} {...props} />
          ))}
        </ul>
      </div>
    </aside>
  );
}

function ThreadItem({
  thread,
  open,
  doc,
  members,
  userId,
  read,
  onRead,
  onSelect,
  describeAnchor,
  onReveal,
  onError,
}: CommentsPanelProps & { thread: CommentThread; open: boolean }) {
  const unread = unreadIn(thread, read, userId);
  useEffect(() => {
    if (open && unread > 0) onRead(thread);
  }, [open, unread, thread, onRead]);
  const first = thread.messages[0];
  const replies = thread.messages.length - 1;
  const write = (action: () => void) => {
    try {
      action();
    } catch (error) {
      onError(error instanceof Error ? error.message : 'The comment could not be saved.');
    }
  };
  return (
    <li className={`thread${open ? ' is-open' : ''}${thread.resolved ? ' is-resolved' : ''}`}>
      <button
        type="button"
        className="thread__summary"
        aria-expanded={open}
        onClick={() => {
          onSelect(open ? null : thread.id);
          if (!open) onReveal(thread);
        }}
      >
        <span className="thread__anchor">{describeAnchor(thread.anchor)}</span>
        {first && <MessageView message={first} members={members} compact={!open} />}
        {!open && (
          <span className="thread__meta">
            {replies > 0 ? `${replies} ${replies === 1 ? 'reply' : 'replies'}` : 'No replies'}
            {unread > 0 && <span className="badge badge--unread">{unread} new</span>}
          </span>
        )}
      </button>
      {open && (
        <div className="thread__body">
          {thread.messages.slice(1).map((message) => (
            <MessageView key={message.id} message={message} members={members} />
          ))}
          <CommentComposer
            members={members}
            placeholder="Reply… (@ to mention)"
            submitLabel="Reply"
            onSubmit={(body, mentions) =>
              write(() => replyToThread(doc, thread.id, { authorId: userId, body, mentions }))
            }
          />
          <div className="thread__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => write(() => setThreadResolved(doc, thread.id, !thread.resolved))}
            >
              {thread.resolved ? 'Reopen' : 'Resolve'}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function MessageView({
  message,
  members,
  compact = false,
}: {
  message: CommentMessage;
  members: readonly Mentionable[];
  compact?: boolean;
}) {
  const author = members.find((member) => member.userId === message.authorId);
  const name = author?.name ?? 'Former member';
  return (
    <div className={`message${compact ? ' message--compact' : ''}`}>
      <Avatar name={name} color={author?.color ?? '#6b7280'} size={22} />
      <div className="message__main">
        <div className="message__head">
          <span className="message__author">{name}</span>
          <time className="message__time" dateTime={message.createdAt}>
            {relativeTime(message.createdAt)}
          </time>
        </div>
        <p className="message__body">{withMentions(message, members)}</p>
      </div>
    </div>
  );
}

/** The body with each mentioned member's `@Name` highlighted. */
function withMentions(message: CommentMessage, members: readonly Mentionable[]): ReactNode[] {
  const names = members
    .filter((member) => message.mentions.includes(member.userId))
    .map((member) => `@${member.name}`)
    .sort((a, b) => b.length - a.length);
  if (names.length === 0) return [message.body];
  const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = message.body.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  return parts.map((part, index) =>
    names.includes(part) ? (
      <mark key={index} className="mention">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}
