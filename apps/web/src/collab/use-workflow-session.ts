import type { HocuspocusProvider } from '@hocuspocus/provider';
import { type Problem, parseNotice, readGraph } from '@tandem/workflow';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { acquireCollabSocket, releaseCollabSocket } from './collab-socket';
import { type ConnectionState, connectionState, type SocketStatus } from './connection-state';
import { openWorkflow } from './open-workflow';
import { type Refusal, refusalForClose, refusalForReason } from './refusals';
import { useOnline } from './use-online';

/** How long to wait for the server before showing the offline copy instead of a spinner. */
const OFFLINE_COPY_AFTER_MS = 3500;

/** The graph provider's awareness (y-protocols' class, typed through the provider). */
export type Awareness = NonNullable<HocuspocusProvider['awareness']>;

export type WorkflowSession = {
  doc: Y.Doc;
  /** `workflow:<id>:comments`: every member writes it, viewers included. */
  commentsDoc: Y.Doc;
  /** `workflow:<id>:runs`: written only by the server; read-only here. */
  runsDoc: Y.Doc;
  awareness: Awareness | null;
  provider: HocuspocusProvider;
  /** The canvas may be shown: synced with the server, or an offline copy while it cannot be reached. */
  ready: boolean;
  /** Showing what this browser kept, not yet merged with the server. */
  offlineCopy: boolean;
  connection: ConnectionState;
  readOnly: boolean;
  refusal: Refusal | null;
  problems: Problem[];
  /** Local changes the server has not acknowledged yet. */
  unsyncedChanges: number;
};

type Live = {
  socket: SocketStatus;
  synced: boolean;
  everSynced: boolean;
  localHasContent: boolean;
  waitedLong: boolean;
  serverReadOnly: boolean | null;
  refusal: Refusal | null;
  problems: Problem[];
  unsyncedChanges: number;
};

const INITIAL: Live = {
  socket: 'connecting',
  synced: false,
  everSynced: false,
  localHasContent: false,
  waitedLong: false,
  serverReadOnly: null,
  refusal: null,
  problems: [],
  unsyncedChanges: 0,
};

/**
 * Opens `workflow:<id>` (and its comments and runs documents) for the signed-in user and reports everything
 * the canvas shows about it: sync, connection, role changes, refusals and the server's problem notices.
 */
export function useWorkflowSession(options: {
  workflowId: string;
  userId: string;
  /** From the api (`workflows.get`): viewers open read-only before the server says so. */
  initialReadOnly: boolean;
}): WorkflowSession | null {
  const { workflowId, userId, initialReadOnly } = options;
  const online = useOnline();
  const [opened, setOpened] = useState<ReturnType<typeof openWorkflow> | null>(null);
  const [live, setLive] = useState<Live>(INITIAL);

  useEffect(() => {
    const socket = acquireCollabSocket();
    const open = openWorkflow(socket, workflowId, userId);
    const { graph } = open;
    const update = (patch: Partial<Live>) => setLive((current) => ({ ...current, ...patch }));
    setLive({ ...INITIAL, socket: socket.status as SocketStatus });
    setOpened(open);

    let stopped = false;
    const refuse = (refusal: Refusal) => {
      update({ refusal });
      if (refusal.terminal && !stopped) {
        stopped = true;
        socket.disconnect();
      }
    };

    graph.on('status', ({ status }: { status: SocketStatus }) => update({ socket: status }));
    graph.on('synced', ({ state }: { state: boolean }) =>
      setLive((current) => ({
        ...current,
        synced: state,
        everSynced: current.everSynced || state,
        refusal: state && current.refusal && !current.refusal.terminal ? null : current.refusal,
      })),
    );
    graph.on('unsyncedChanges', ({ number }: { number: number }) => update({ unsyncedChanges: number }));
    graph.on('authenticated', ({ scope }: { scope: string }) =>
      update({ serverReadOnly: scope === 'readonly' }),
    );
    for (const each of [graph, open.comments, open.runs]) {
      each.on('authenticationFailed', ({ reason }: { reason: string }) => {
        // Only the graph decides whether the canvas can be used; the others follow the same session anyway.
        if (each !== graph) return;
        refuse(refusalForReason(reason) ?? UNKNOWN_REFUSAL);
      });
    }
    graph.on('close', ({ event }: { event: { code: number; reason: string } }) => {
      const refusal = refusalForClose(event.code, event.reason);
      if (refusal) refuse(refusal);
    });
    graph.on('stateless', ({ payload }: { payload: string }) => {
      const notice = parseNotice(payload);
      if (!notice) return;
      if (notice.type === 'tandem/problems') update({ problems: notice.problems });
      else update({ serverReadOnly: notice.readOnly });
    });
    void open.localLoaded.then((loaded) => {
      if (loaded) update({ localHasContent: readGraph(graph.document).nodes.length > 0 });
    });
    const waited = setTimeout(() => update({ waitedLong: true }), OFFLINE_COPY_AFTER_MS);

    return () => {
      clearTimeout(waited);
      open.close();
      releaseCollabSocket();
      setOpened(null);
    };
  }, [workflowId, userId]);

  if (!opened) return null;
  const offlineCopy = !live.everSynced && live.localHasContent && (live.waitedLong || !online);
  return {
    doc: opened.graph.document,
    commentsDoc: opened.comments.document,
    runsDoc: opened.runs.document,
    awareness: opened.graph.awareness,
    provider: opened.graph,
    ready: live.everSynced || offlineCopy,
    offlineCopy: offlineCopy && !live.synced,
    connection: connectionState({
      socket: live.socket,
      synced: live.synced,
      everSynced: live.everSynced,
      online,
      stopped: live.refusal?.terminal === true,
    }),
    readOnly: live.serverReadOnly ?? initialReadOnly,
    refusal: live.refusal,
    problems: live.problems,
    unsyncedChanges: live.unsyncedChanges,
  };
}

const UNKNOWN_REFUSAL: Refusal = {
  reason: 'forbidden',
  title: 'You no longer have access',
  message: 'The server refused this workflow.',
  action: 'leave',
  terminal: true,
};
