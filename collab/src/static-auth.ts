import { z } from 'zod';
import type { CollabAuth, CollabUser, Role } from './ports';

const roleSchema = z.enum(['owner', 'editor', 'viewer']);

export const staticAuthSchema = z.object({
  /** token → user */
  tokens: z.record(
    z.string().min(1),
    z.object({ id: z.string().min(1), name: z.string(), color: z.string() }),
  ),
  /** userId → workflowId (or `*` for every workflow) → role */
  roles: z.record(z.string(), z.record(z.string(), roleSchema)),
});

export type StaticAuthConfig = z.infer<typeof staticAuthSchema>;

export type StaticAuth = CollabAuth & {
  setRole(userId: string, workflowId: string, role: Role | null): void;
  revokeToken(token: string): void;
};

/**
 * A fixed table of tokens and roles. FOR TESTS AND LOCAL EXPERIMENTS ONLY: the real auth (sessions and
 * memberships in the database) comes from the api and is passed to `createCollabServer` by the caller.
 */
export function createStaticAuth(config: StaticAuthConfig): StaticAuth {
  const tokens = new Map<string, CollabUser>(Object.entries(config.tokens));
  const roles = new Map<string, Map<string, Role>>(
    Object.entries(config.roles).map(([userId, byWorkflow]) => [userId, new Map(Object.entries(byWorkflow))]),
  );
  return {
    async authenticate(token) {
      return tokens.get(token) ?? null;
    },
    async roleFor(userId, workflowId) {
      const byWorkflow = roles.get(userId);
      return byWorkflow?.get(workflowId) ?? byWorkflow?.get('*') ?? null;
    },
    setRole(userId, workflowId, role) {
      const byWorkflow = roles.get(userId) ?? new Map<string, Role>();
      if (role === null) byWorkflow.delete(workflowId);
      else byWorkflow.set(workflowId, role);
      roles.set(userId, byWorkflow);
    },
    revokeToken(token) {
      tokens.delete(token);
    },
  };
}
