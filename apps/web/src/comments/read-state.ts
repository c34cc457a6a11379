import type { CommentThread } from '@tandem/workflow';
import { useCallback, useEffect, useState } from 'react';

/** Per thread, the ids of the messages this user has seen. Messages are append-only, so ids are enough. */
export type ReadState = Readonly<Record<string, readonly string[]>>;

const key = (userId: string, workflowId: string) => `tandem:comments-read:${userId}:${workflowId}`;

function load(userId: string, workflowId: string): ReadState {
  try {
    const raw = globalThis.localStorage?.getItem(key(userId, workflowId));
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const out: Record<string, string[]> = {};
    for (const [thread, ids] of Object.entries(value)) {
      if (Array.isArray(ids)) out[thread] = ids.filter((id): id is string => typeof id === 'string');
    }
    return out;
  } catch {
    return {};
  }
}

/** Messages of a thread written by someone else that this user has not seen. */
export function unreadIn(thread: CommentThread, read: ReadState, userId: string): number {
  const seen = new Set(read[thread.id] ?? []);
  return thread.messages.filter((message) => message.authorId !== userId && !seen.has(message.id)).length;
}

/** Unread messages across the open threads (resolved ones do not call for attention). */
export function totalUnread(threads: readonly CommentThread[], read: ReadState, userId: string): number {
  return threads.reduce((sum, thread) => sum + (thread.resolved ? 0 : unreadIn(thread, read, userId)), 0);
}

/** Which comments this user has read, kept in this browser per user and workflow. */
export function useReadState(userId: string, workflowId: string) {
  const [read, setRead] = useState<ReadState>(() => load(userId, workflowId));
  useEffect(() => setRead(load(userId, workflowId)), [userId, workflowId]);
  const markRead = useCallback(
    (thread: CommentThread) => {
      setRead((current) => {
        const seen = current[thread.id] ?? [];
        if (thread.messages.every((message) => seen.includes(message.id))) return current;
        const next = { ...current, [thread.id]: thread.messages.map((message) => message.id) };
        try {
          globalThis.localStorage?.setItem(key(userId, workflowId), JSON.stringify(next));
        } catch {
          // Storage full or disabled: unread badges then last only as long as the tab.
        }
        return next;
      });
    },
    [userId, workflowId],
  );
  return { read, markRead };
}
