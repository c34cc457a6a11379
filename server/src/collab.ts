import type { Server } from 'node:http';
import { type ApiServices, type LiveDocuments, workflowRole } from '@tandem/api';
import { type CollabAuth, type CollabServer, createCollabServer } from '@tandem/collab';
import { createDocRepository, type TandemDb } from '@tandem/db';
import { documentName } from '@tandem/workflow';
import type { Logger } from './logger';

/** Sessions and memberships, as the collab server asks for them (the same checks `/trpc` makes). */
export function collabAuth(services: Pick<ApiServices, 'sessions' | 'repos'>, clock: () => Date): CollabAuth {
  return {
    async authenticate(token) {
      const auth = await services.sessions.validateSessionToken(token, clock());
      return auth ? { id: auth.user.id, name: auth.user.name, color: auth.user.color } : null;
    },
    roleFor: (userId, workflowId) => workflowRole(services.repos, userId, workflowId),
  };
}

/**
 * The origins a browser page may open `/collab` from: this server's own (`HOST:PORT`, and localhost /
 * 127.0.0.1 when listening on every interface) and `TANDEM_PUBLIC_URL` when set (behind a proxy).
 */
export function collabOrigins(options: { host: string; port: number; publicUrl?: string }): string[] {
  const { host, port } = options;
  const hosts =
    host === '0.0.0.0' || host === '::'
      ? ['localhost', '127.0.0.1', '[::1]']
      : [host.includes(':') ? `[${host}]` : host];
  const origins = hosts.map((name) => `http://${name}:${port}`);
  if (options.publicUrl) origins.push(new URL(options.publicUrl).origin);
  return origins;
}

/** Builds the collab server over the database's doc store and mounts it on `server`'s `/collab` upgrades. */
export function mountCollab(options: {
  server: Server;
  db: TandemDb;
  services: Pick<ApiServices, 'sessions' | 'repos'>;
  allowedOrigins: string[];
  redisUrl?: string;
  logger: Logger;
}): CollabServer {
  const collab = createCollabServer({
    auth: collabAuth(options.services, () => new Date()),
    store: createDocRepository(options.db),
    allowedOrigins: options.allowedOrigins,
    ...(options.redisUrl ? { redis: { url: options.redisUrl } } : {}),
    logger: options.logger,
  });
  options.server.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });
  return collab;
}

/**
 * The api's live documents: through the collab server once it runs, so a read sees every acknowledged edit
 * and a write reaches every open editor; the stored documents before that (nobody can be editing yet).
 */
export function liveDocumentsVia(current: () => CollabServer | null, fallback: LiveDocuments): LiveDocuments {
  return {
    withGraph(workflowId, fn) {
      const collab = current();
      return collab
        ? collab.withDocument(documentName(workflowId, 'graph'), fn)
        : fallback.withGraph(workflowId, fn);
    },
  };
}
