import { and, asc, count, eq } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { memberships, roleEnum, users, workspaces } from '../schema/index';

export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export const ROLES: readonly Role[] = roleEnum.enumValues;

export interface WorkspaceMember {
  userId: string;
  email: string;
  name: string;
  color: string;
  role: Role;
  joinedAt: Date;
}

/**
 * Workspaces and their memberships. Policy (who may change roles, "the last owner cannot leave")
 * belongs to the api layer; `countOwners` is here so it can enforce that.
 */
export function createWorkspaceRepository(db: TandemDb) {
  return {
    /** Creates a workspace and makes `ownerId` its owner, in one transaction. */
    async create(input: {
      name: string;
      ownerId: string;
    }): Promise<{ workspace: Workspace; membership: Membership }> {
      return db.transaction(async (tx) => {
        const [workspace] = await tx
          .insert(workspaces)
          .values({ name: input.name, createdBy: input.ownerId })
          .returning();
        if (!workspace) throw new Error('insert into workspaces returned no row');
        const [membership] = await tx
          .insert(memberships)
          .values({ workspaceId: workspace.id, userId: input.ownerId, role: 'owner' })
          .returning();
        if (!membership) throw new Error('insert into memberships returned no row');
        return { workspace, membership };
      });
    },

    async get(id: string): Promise<Workspace | null> {
      const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
      return row ?? null;
    },

    /** The workspaces `userId` belongs to, with their role, oldest first. */
    async listForUser(userId: string): Promise<{ workspace: Workspace; role: Role }[]> {
      return db
        .select({ workspace: workspaces, role: memberships.role })
        .from(memberships)
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(workspaces.createdAt), asc(workspaces.id));
    },

    async listMembers(workspaceId: string): Promise<WorkspaceMember[]> {
      return db
        .select({
          userId: users.id,
          email: users.email,
          name: users.name,
          color: users.color,
          role: memberships.role,
          joinedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, workspaceId))
        .orderBy(asc(memberships.createdAt), asc(users.id));
    },

    async getMembership(workspaceId: string, userId: string): Promise<Membership | null> {
      const [row] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
      return row ?? null;
    },

    /** Adds a member, or returns the existing membership unchanged (accepting an invitation twice is harmless). */
    async addMember(workspaceId: string, userId: string, role: Role): Promise<Membership> {
      const [inserted] = await db
        .insert(memberships)
        .values({ workspaceId, userId, role })
        .onConflictDoNothing()
        .returning();
      if (inserted) return inserted;
      const existing = await this.getMembership(workspaceId, userId);
      if (!existing) throw new Error('membership vanished while being added');
      return existing;
    },

    /** Returns the updated membership, or null when the user is not a member. */
    async setRole(workspaceId: string, userId: string, role: Role): Promise<Membership | null> {
      const [row] = await db
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .returning();
      return row ?? null;
    },

    /** Returns whether a membership was removed. */
    async removeMember(workspaceId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .returning({ userId: memberships.userId });
      return rows.length > 0;
    },

    async countOwners(workspaceId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
      return row?.n ?? 0;
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;
