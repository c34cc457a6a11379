import * as Y from 'yjs';
import type { z } from 'zod';
import {
  COMMENTS_ROOT,
  type CommentAnchor,
  type CommentMessage,
  commentAnchorSchema,
  commentMessageSchema,
  safeThreadsRoot,
  THREAD,
} from './comments-doc';
import { newId } from './doc-layout';
import { UserError } from './errors';
import { idSchema } from './schemas';

/** A thread as readers see it: messages in creation order, `createdAt` that of its first message. */
export type CommentThread = {
  id: string;
  anchor: CommentAnchor;
  resolved: boolean;
  createdAt: string;
  messages: CommentMessage[];
};

export type CommentInput = {
  /** Generated when absent. */
  id?: string;
  authorId: string;
  body: string;
  mentions?: string[];
  /** ISO time; now when absent. */
  createdAt?: string;
};

export type AddThreadInput = Omit<CommentInput, 'id'> & {
  /** The thread's id; generated when absent (the first message's id always is). */
  id?: string;
  anchor: CommentAnchor;
};

function issuesOf(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function parseMessage(input: CommentInput): CommentMessage {
  const parsed = commentMessageSchema.safeParse({
    id: input.id ?? newId('m'),
    authorId: input.authorId,
    body: input.body,
    mentions: input.mentions ?? [],
    createdAt: input.createdAt ?? new Date().toISOString(),
  });
  if (!parsed.success) throw new UserError('BAD_REQUEST', 'Invalid comment.', issuesOf(parsed.error, ''));
  return parsed.data;
}

function threadsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COMMENTS_ROOT);
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = threadsRoot(doc).get(threadId);
  if (!(thread instanceof Y.Map) || !(thread.get(THREAD.messages) instanceof Y.Array))
    throw new UserError('NOT_FOUND', `No comment thread "${threadId}".`);
  return thread as Y.Map<unknown>;
}

/**
 * Opens a thread with its first message; returns the thread id. The message's `authorId` must be the
 * signed-in user (the collab server refuses the update otherwise). Throws `UserError` for bad input or an
 * id already taken, and changes nothing.
 */
export function addThread(doc: Y.Doc, input: AddThreadInput): string {
  const anchor = commentAnchorSchema.safeParse(input.anchor);
  if (!anchor.success)
    throw new UserError('BAD_REQUEST', 'Invalid comment anchor.', issuesOf(anchor.error, 'anchor'));
  const id = idSchema.safeParse(input.id ?? newId('t'));
  if (!id.success) throw new UserError('BAD_REQUEST', 'Invalid thread id.', issuesOf(id.error, 'id'));
  const threadId = id.data;
  const message = parseMessage({ ...input, id: undefined });
  if (threadsRoot(doc).has(threadId))
    throw new UserError('CONFLICT', `Comment thread "${threadId}" already exists.`);
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set(THREAD.anchor, anchor.data);
    thread.set(THREAD.resolved, false);
    thread.set(THREAD.messages, Y.Array.from<CommentMessage>([message]));
    threadsRoot(doc).set(threadId, thread);
  });
  return threadId;
}

/**
 * Appends a reply to a thread; returns the message id. Replies from several people at once are all kept
 * (readers order them by `createdAt`, then id). Throws `UserError` for bad input or an unknown thread.
 */
export function replyToThread(doc: Y.Doc, threadId: string, input: CommentInput): string {
  const message = parseMessage(input);
  const messages = threadMap(doc, threadId).get(THREAD.messages) as Y.Array<CommentMessage>;
  messages.push([message]);
  return message.id;
}

/** Marks a thread resolved (or reopens it). Throws `UserError` for an unknown thread. */
export function setThreadResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  const thread = threadMap(doc, threadId);
  if (thread.get(THREAD.resolved) !== resolved) thread.set(THREAD.resolved, resolved);
}

function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readMessage(raw: unknown): CommentMessage | null {
  const value = raw instanceof Y.AbstractType ? (raw.toJSON() as unknown) : raw;
  const parsed = commentMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Every thread, oldest first (by its first message's `createdAt`, then id), each with its messages in the
 * same order, so converged replicas read identically. Never throws: a thread with an unreadable anchor, a
 * malformed message and a thread left without messages are skipped; a non-boolean `resolved` reads false.
 */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads = safeThreadsRoot(doc);
  if (!threads) return [];
  const out: CommentThread[] = [];
  for (const [id, thread] of threads.entries()) {
    if (!(thread instanceof Y.Map)) continue;
    const anchor = commentAnchorSchema.safeParse(thread.get(THREAD.anchor));
    const list: unknown = thread.get(THREAD.messages);
    if (!anchor.success || !(list instanceof Y.Array)) continue;
    const messages = (list.toArray() as unknown[])
      .map(readMessage)
      .filter((message): message is CommentMessage => message !== null)
      .sort(byCreation);
    const first = messages[0];
    if (!first) continue;
    out.push({
      id,
      anchor: anchor.data,
      resolved: thread.get(THREAD.resolved) === true,
      createdAt: first.createdAt,
      messages,
    });
  }
  return out.sort(byCreation);
}

/** Calls `listener` after every change to the comments (local or remote); returns the unsubscribe. */
export function observeComments(doc: Y.Doc, listener: () => void): () => void {
  const threads = safeThreadsRoot(doc);
  if (!threads) return () => {};
  const observer = (): void => listener();
  threads.observeDeep(observer);
  return () => threads.unobserveDeep(observer);
}
