import type { DocRepository } from '@tandem/db';
import type { MemberRole } from '@tandem/workflow';

/** The identity a session token stands for; also what presence shows. */
export type CollabUser = { id: string; name: string; color: string };

/** The same union the collab notices carry (`@tandem/workflow`'s `MemberRole`). */
export type Role = MemberRole;

/** Implemented by the api (sessions + memberships); collab never reads those tables itself. */
export type CollabAuth = {
  /** Session token → user, or null when the token is unknown, expired or revoked. */
  authenticate(token: string): Promise<CollabUser | null>;
  /** The user's role in the workflow's workspace; null when not a member or the workflow does not exist. */
  roleFor(userId: string, workflowId: string): Promise<Role | null>;
};

/** Durable document storage; `createDocRepository(db)` fits it, tests inject failing or slow ones. */
export type DocStore = Pick<DocRepository, 'append' | 'load' | 'compact'>;

type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Structurally the server's logger, so the composition root can pass its own. */
export type CollabLogger = {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};
