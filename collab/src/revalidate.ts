import { encodeNotice } from '@tandem/workflow';
import { accessFor } from './access';
import { closeCodeFor } from './close-codes';
import type { CollabAuth, CollabLogger, Role } from './ports';
import { identityOf, type SocketSession } from './session';

export type Revalidator = {
  /** Re-checks sessions and roles of open connections (only `userId`'s when given). */
  revalidate(userId?: string): Promise<void>;
  stop(): void;
};

/**
 * Hocuspocus checks auth only at the handshake. This re-checks every open socket's session and every
 * open document's role on a timer (and on demand, e.g. right after the api changes a role): a revoked
 * session closes the socket (4401), a lost membership closes the document and then the socket if nothing
 * is left on it (4403), a changed role flips the connection's read-only flag in place and tells the client.
 * Auth failures (database down) change nothing: a blip must not cut everyone off.
 */
export function createRevalidator(options: {
  auth: CollabAuth;
  sessions: Set<SocketSession>;
  intervalMs: number;
  logger: CollabLogger;
}): Revalidator {
  const { auth, sessions, logger } = options;
  let running: Promise<void> | null = null;

  async function checkSessions(targets: SocketSession[]): Promise<void> {
    const byCredential = new Map<string, SocketSession[]>();
    for (const session of targets) {
      for (const connection of session.documents) {
        const credential = connection.context.credential;
        if (!credential) continue;
        const list = byCredential.get(credential) ?? [];
        if (!list.includes(session)) list.push(session);
        byCredential.set(credential, list);
      }
    }
    await Promise.all(
      [...byCredential].map(async ([credential, owners]) => {
        const user = await auth.authenticate(credential);
        for (const session of owners) {
          if (!user || user.id !== session.user?.id) session.close('unauthorized');
        }
      }),
    );
  }

  async function checkRoles(targets: SocketSession[]): Promise<void> {
    const pairs = new Map<string, { userId: string; workflowId: string }>();
    for (const session of targets) {
      for (const connection of session.documents) {
        const identity = identityOf(connection.context);
        if (!identity) continue;
        const key = `${identity.user.id}\u0000${identity.document.workflowId}`;
        pairs.set(key, { userId: identity.user.id, workflowId: identity.document.workflowId });
      }
    }
    const roles = new Map<string, Role | null>();
    await Promise.all(
      [...pairs].map(async ([key, pair]) => {
        roles.set(key, await auth.roleFor(pair.userId, pair.workflowId));
      }),
    );
    for (const session of targets) {
      if (session.closed) continue;
      let revoked = false;
      for (const connection of [...session.documents]) {
        const identity = identityOf(connection.context);
        if (!identity) continue;
        const key = `${identity.user.id}\u0000${identity.document.workflowId}`;
        if (!roles.has(key)) continue;
        const role = roles.get(key) ?? null;
        const access = accessFor(identity.document.kind, role);
        if (!access.allowed || role === null) {
          connection.close({ code: closeCodeFor('forbidden'), reason: 'forbidden' });
          revoked = true;
          continue;
        }
        const changed = role !== identity.role || access.readOnly !== connection.readOnly;
        connection.context.role = role;
        if (!changed) continue;
        connection.readOnly = access.readOnly;
        connection.sendStateless(encodeNotice({ type: 'tandem/access', role, readOnly: access.readOnly }));
      }
      if (revoked && session.documents.size === 0) session.close('forbidden');
    }
  }

  async function run(userId: string | undefined): Promise<void> {
    const targets = [...sessions].filter(
      (session) => !session.closed && session.user && (userId === undefined || session.user.id === userId),
    );
    if (targets.length === 0) return;
    try {
      await checkSessions(targets);
      await checkRoles(targets.filter((session) => !session.closed));
    } catch (error) {
      logger.warn('collab revalidation skipped: auth unavailable', { error: String(error) });
    }
  }

  const timer = setInterval(() => {
    if (running) return;
    running = run(undefined).finally(() => {
      running = null;
    });
  }, options.intervalMs);
  timer.unref();

  return {
    revalidate: (userId) => run(userId),
    stop: () => clearInterval(timer),
  };
}
