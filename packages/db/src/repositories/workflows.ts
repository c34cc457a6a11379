import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { versions, workflows } from '../schema/index';

export type Workflow = typeof workflows.$inferSelect;

/** Workflow rows. Soft-deleted workflows are invisible to every read here except `get(id, { includeDeleted })`. */
export function createWorkflowRepository(db: TandemDb) {
  const live = (id: string) => and(eq(workflows.id, id), isNull(workflows.deletedAt));

  return {
    async create(input: { workspaceId: string; name: string; createdBy: string }): Promise<Workflow> {
      const [row] = await db.insert(workflows).values(input).returning();
      if (!row) throw new Error('insert into workflows returned no row');
      return row;
    },

    async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<Workflow | null> {
      const [row] = await db
        .select()
        .from(workflows)
        .where(options.includeDeleted ? eq(workflows.id, id) : live(id));
      return row ?? null;
    },

    /** Live workflows of a workspace, most recently updated first. */
    async listForWorkspace(workspaceId: string): Promise<Workflow[]> {
      return db
        .select()
        .from(workflows)
        .where(and(eq(workflows.workspaceId, workspaceId), isNull(workflows.deletedAt)))
        .orderBy(desc(workflows.updatedAt), desc(workflows.id));
    },

    /** Returns the renamed workflow, or null when it does not exist or is deleted. */
    async rename(id: string, name: string): Promise<Workflow | null> {
      const [row] = await db
        .update(workflows)
        .set({ name, updatedAt: sql`now()` })
        .where(live(id))
        .returning();
      return row ?? null;
    },

    /** Marks the workflow deleted; returns false when it was already deleted or never existed. */
    async softDelete(id: string): Promise<boolean> {
      const rows = await db
        .update(workflows)
        .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
        .where(live(id))
        .returning({ id: workflows.id });
      return rows.length > 0;
    },

    /**
     * Pins `versionId` (or unpins with null). Returns false when the workflow is missing/deleted or
     * the version belongs to another workflow, so a pin can never cross workflows.
     */
    async setPinnedVersion(id: string, versionId: string | null): Promise<boolean> {
      const belongs =
        versionId === null
          ? sql`true`
          : sql`exists (select 1 from ${versions} where ${versions.id} = ${versionId} and ${versions.workflowId} = ${id})`;
      const rows = await db
        .update(workflows)
        .set({ pinnedVersionId: versionId, updatedAt: sql`now()` })
        .where(and(live(id), belongs))
        .returning({ id: workflows.id });
      return rows.length > 0;
    },
  };
}

export type WorkflowRepository = ReturnType<typeof createWorkflowRepository>;
