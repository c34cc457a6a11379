import type { Connection, Document, Extension } from '@hocuspocus/server';
import type { CollabLimits } from './options';
import { type CollabContext, identityOf } from './session';

/** Another person's connection already speaks for this client id (the same person reconnecting may take it over). */
function ownedBySomeoneElse(
  document: Document,
  connection: Connection,
  userId: string,
  clientId: number,
): boolean {
  for (const [other, entry] of document.connections) {
    if (other === connection || !entry.clients.has(clientId)) continue;
    if (identityOf(other.context)?.user.id !== userId) return true;
  }
  return false;
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/**
 * Awareness is relayed as clients send it, so the server rewrites it first: `user` always comes from the
 * session (nobody can appear as someone else), a connection can only speak for awareness client ids it
 * introduced itself (and only a few of them), and oversized states — read-only connections get the small
 * cap, since they cannot write the document but can still send awareness — are cut to `user` + `cursor`.
 */
export function createPresence(limits: CollabLimits): Extension<CollabContext> {
  return {
    extensionName: 'tandem-presence',
    async beforeHandleAwareness({ states, connection, document }) {
      if (!connection) return;
      const identity = identityOf(connection.context);
      if (!identity) {
        states.clear();
        return;
      }
      const owned = document.getClients(connection);
      let introduced = owned.size;
      const cap = connection.readOnly ? limits.maxReadOnlyAwarenessBytes : limits.maxAwarenessBytes;
      for (const [clientId, state] of states) {
        if (!owned.has(clientId)) {
          if (
            ownedBySomeoneElse(document, connection, identity.user.id, clientId) ||
            introduced >= limits.maxAwarenessClientsPerConnection
          ) {
            states.delete(clientId);
            continue;
          }
          introduced++;
        }
        const { id, name, color } = identity.user;
        state.user = { id, name, color };
        if (byteLength(state) > cap) {
          const cursor: unknown = state.cursor;
          const trimmed: Record<string, unknown> = { user: state.user };
          if (byteLength(cursor) <= 128) trimmed.cursor = cursor;
          states.set(clientId, trimmed);
        }
      }
    },
  };
}
