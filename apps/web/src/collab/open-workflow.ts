import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { TandemProvider } from '@tandem/collab-client';
import { type DocumentKind, documentName } from '@tandem/workflow';
import * as Y from 'yjs';
import { localStoreName, persistLocally } from './local-store';

export type OpenWorkflow = {
  /** The graph document `workflow:<id>`, the one the canvas edits. */
  graph: HocuspocusProvider;
  comments: HocuspocusProvider;
  runs: HocuspocusProvider;
  /** Resolves once the offline copy is loaded into the graph doc (immediately where IndexedDB is missing). */
  localLoaded: Promise<boolean>;
  close: () => void;
};

function provider(
  socket: HocuspocusProviderWebsocket,
  workflowId: string,
  kind: DocumentKind,
  withAwareness: boolean,
): HocuspocusProvider {
  // Spares Yjs re-encoding what the server sends for this provider and the offline copy (collab-client).
  const created = new TandemProvider({
    websocketProvider: socket,
    name: documentName(workflowId, kind),
    document: new Y.Doc(),
    // Empty token: the server reads the HttpOnly `tandem_session` cookie of the upgrade request. A function,
    // so the provider asks again on every reconnect instead of giving up after a refusal.
    token: () => '',
    // One awareness per socket is enough for its keep-alive; presence lives on the graph.
    ...(withAwareness ? {} : { awareness: null }),
  });
  created.attach();
  return created;
}

/**
 * Opens a workflow's three documents over the tab's one socket; the graph also lives in IndexedDB, so edits
 * made offline survive a reload and merge when the socket is back.
 */
export function openWorkflow(
  socket: HocuspocusProviderWebsocket,
  workflowId: string,
  userId: string,
): OpenWorkflow {
  const graph = provider(socket, workflowId, 'graph', true);
  const comments = provider(socket, workflowId, 'comments', false);
  const runs = provider(socket, workflowId, 'runs', false);
  const local = persistLocally(localStoreName(userId, documentName(workflowId, 'graph')), graph.document);
  const localLoaded = local
    ? local.whenSynced.then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
  return {
    graph,
    comments,
    runs,
    localLoaded,
    close: () => {
      for (const open of [graph, comments, runs]) open.destroy();
      void local?.destroy();
      graph.document.destroy();
      comments.document.destroy();
      runs.document.destroy();
    },
  };
}
