import { and, asc, count, eq, sql } from 'drizzle-orm';
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

/** Outcome of {@link WorkspaceRepository.updateMember}. */
export type MemberUpdate = 'updated' | 'removed' | 'not-member' | 'last-owner';

/**
 * Workspaces and their memberships. Who may change what is the api layer's policy; the one rule kept
 * here is an integrity rule: a workspace never loses its last owner (`updateMember` checks it under a
 * lock, so two owners demoting each other at once cannot both succeed).
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

    /** Returns the renamed workspace, or null when it does not exist. */
    async rename(id: string, name: string): Promise<Workspace | null> {
      const [row] = await db
        .update(workspaces)
        .set({ name, updatedAt: sql`now()` })
        .where(eq(workspaces.id, id))
        .returning();
      return row ?? null;
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

    /**
     * Changes a member's role, or removes the member, unless that would leave the workspace without an
     * owner. Serialised per workspace by locking its row for the length of the transaction.
     */
    async updateMember(
      workspaceId: string,
      userId: string,
      change: { role: Role } | { remove: true },
    ): Promise<MemberUpdate> {
      return db.transaction(async (tx) => {
        await tx
          .select({ id: workspaces.id })
          .from(workspaces)
          .where(eq(workspaces.id, workspaceId))
          .for('update');
        const where = and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId));
        const [current] = await tx.select({ role: memberships.role }).from(memberships).where(where);
        if (!current) return 'not-member';
        const staysOwner = 'role' in change && change.role === 'owner';
        if (current.role === 'owner' && !staysOwner) {
          const [owners] = await tx
            .select({ n: count() })
            .from(memberships)
            .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
          if ((owners?.n ?? 0) <= 1) return 'last-owner';
        }
        if ('remove' in change) {
          await tx.delete(memberships).where(where);
          return 'removed';
        }
        await tx.update(memberships).set({ role: change.role }).where(where);
        return 'updated';
      });
    },

    /** Returns the updated membership, or null when the user is not a member. No owner check: see `updateMember`. */
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
