import type { connectedPayload, Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { CURRENT_SCHEMA_VERSION, parseDocumentName } from '@tandem/workflow';
import { accessFor } from './access';
import { CollabError } from './close-codes';
import type { CollabLimits } from './options';
import { readCookie } from './origin';
import type { CollabAuth, CollabLogger } from './ports';
import type { CollabContext } from './session';

/** The cookie the web app's session lives in; used when the provider sends an empty token. */
export const SESSION_COOKIE = 'tandem_session';

/** Query parameter of the socket URL carrying the client's document schema version. */
export const SCHEMA_VERSION_PARAM = 'schemaVersion';

/**
 * `onAuthenticate`: document name → workflow, credential → user, role → read-write or read-only. Every
 * refusal throws before Hocuspocus creates or loads the document, so a refused client gets a
 * permission-denied message with the reason slug and not a byte of the document.
 */
export function createAuthExtension(options: {
  auth: CollabAuth;
  limits: CollabLimits;
  logger: CollabLogger;
}): Extension<CollabContext> {
  const { auth, limits, logger } = options;

  async function authenticate(payload: onAuthenticatePayload<CollabContext>) {
    const socket = payload.context.socket;
    if (!socket) throw new CollabError('unauthorized', 'no socket session');
    const document = parseDocumentName(payload.documentName);
    if (!document) throw new CollabError('unknown-document');
    const clientVersion = Number(payload.requestParameters.get(SCHEMA_VERSION_PARAM));
    if (!Number.isInteger(clientVersion) || clientVersion < CURRENT_SCHEMA_VERSION)
      throw new CollabError('client-too-old');
    // A newer client (web app deployed before collab) would write a layout this server cannot check.
    if (clientVersion > CURRENT_SCHEMA_VERSION) throw new CollabError('server-too-old');
    if (socket.documents.size >= limits.maxDocumentsPerSocket) throw new CollabError('rate-limited');

    const credential = payload.token || readCookie(payload.requestHeaders.get('cookie'), SESSION_COOKIE);
    if (!credential) throw new CollabError('unauthorized');
    const user = await auth.authenticate(credential);
    if (!user) throw new CollabError('unauthorized');
    // One socket speaks for one person: presence and revocation are per socket.
    if (socket.user && socket.user.id !== user.id)
      throw new CollabError('forbidden', 'socket has another user');

    const role = await auth.roleFor(user.id, document.workflowId);
    const access = accessFor(document.kind, role);
    if (!access.allowed || role === null) throw new CollabError('forbidden');
    payload.connectionConfig.readOnly = access.readOnly;
    socket.user = user;
    socket.everAuthenticated = true;
    const additions: CollabContext = { user, role, document, credential };
    return additions;
  }

  return {
    extensionName: 'tandem-auth',
    async onAuthenticate(payload) {
      try {
        return await authenticate(payload);
      } catch (error) {
        const socket = payload.context.socket;
        if (socket) {
          socket.authFailures++;
          if (socket.authFailures > limits.maxAuthFailures) socket.close('rate-limited');
        }
        if (error instanceof CollabError) throw error;
        // The auth port failed (database down): the client may retry; nothing about the user is known.
        logger.warn('collab authentication failed', { error: String(error) });
        throw new CollabError('unavailable', 'authentication unavailable', { cause: error });
      }
    },
    async connected({ connection, context }: connectedPayload<CollabContext>) {
      const socket = context.socket;
      if (!socket) return;
      if (socket.closed) {
        connection.close({ code: 1001, reason: 'going-away' });
        return;
      }
      socket.documents.add(connection);
      const address = connection.messageAddress;
      connection.onClose(() => {
        socket.documents.delete(connection);
        socket.handshake?.closed(address);
      });
      // Hocuspocus has the connection now: the client's SyncStep1, held until here, goes on.
      socket.handshake?.established(address);
    },
  };
}
