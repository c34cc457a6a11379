import type { WorkflowDefinition } from '@tandem/workflow';
import { and, desc, eq, max } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { WorkflowNotFoundError } from '../errors';
import { versions, workflows } from '../schema/index';

export type Version = typeof versions.$inferSelect;
/** A version without its (large) definition and Y.Doc state, for lists. */
export type VersionSummary = Omit<Version, 'definition' | 'ydocState'>;

export interface NewVersion {
  workflowId: string;
  name: string;
  definition: WorkflowDefinition;
  ydocState: Uint8Array;
  contentHash: string;
  createdBy: string;
}

const summaryColumns = {
  id: versions.id,
  workflowId: versions.workflowId,
  number: versions.number,
  name: versions.name,
  contentHash: versions.contentHash,
  createdBy: versions.createdBy,
  createdAt: versions.createdAt,
};

/** Versions are immutable: there is no update or delete here. */
export function createVersionRepository(db: TandemDb) {
  return {
    /**
     * Saves a version with the next number of its workflow. Concurrent creators are serialised by
     * locking the workflow row, so numbers are gap-free and unique. Throws
     * {@link WorkflowNotFoundError} when the workflow does not exist or is deleted.
     */
    async create(input: NewVersion): Promise<Version> {
      return db.transaction(async (tx) => {
        const [workflow] = await tx
          .select({ id: workflows.id, deletedAt: workflows.deletedAt })
          .from(workflows)
          .where(eq(workflows.id, input.workflowId))
          .for('update');
        if (!workflow || workflow.deletedAt) throw new WorkflowNotFoundError(input.workflowId);
        const [last] = await tx
          .select({ number: max(versions.number) })
          .from(versions)
          .where(eq(versions.workflowId, input.workflowId));
        const [row] = await tx
          .insert(versions)
          .values({ ...input, number: (last?.number ?? 0) + 1 })
          .returning();
        if (!row) throw new Error('insert into versions returned no row');
        return row;
      });
    },

    /**
     * The newest version with `input.contentHash`, or a new one when there is none, decided under the
     * workflow's row lock so two people saving the same draft at once get one version.
     */
    async findOrCreate(input: NewVersion): Promise<{ version: Version; created: boolean }> {
      return db.transaction(async (tx) => {
        const [workflow] = await tx
          .select({ id: workflows.id, deletedAt: workflows.deletedAt })
          .from(workflows)
          .where(eq(workflows.id, input.workflowId))
          .for('update');
        if (!workflow || workflow.deletedAt) throw new WorkflowNotFoundError(input.workflowId);
        const [existing] = await tx
          .select()
          .from(versions)
          .where(and(eq(versions.workflowId, input.workflowId), eq(versions.contentHash, input.contentHash)))
          .orderBy(desc(versions.number))
          .limit(1);
        if (existing) return { version: existing, created: false };
        const [last] = await tx
          .select({ number: max(versions.number) })
          .from(versions)
          .where(eq(versions.workflowId, input.workflowId));
        const number = (last?.number ?? 0) + 1;
        const [row] = await tx
          .insert(versions)
          .values({ ...input, name: input.name === '' ? `Version ${number}` : input.name, number })
          .returning();
        if (!row) throw new Error('insert into versions returned no row');
        return { version: row, created: true };
      });
    },

    /** Newest first. */
    async list(workflowId: string): Promise<VersionSummary[]> {
      return db
        .select(summaryColumns)
        .from(versions)
        .where(eq(versions.workflowId, workflowId))
        .orderBy(desc(versions.number));
    },

    async get(id: string): Promise<Version | null> {
      const [row] = await db.select().from(versions).where(eq(versions.id, id));
      return row ?? null;
    },

    /**
     * Only what executes: the run worker's read. Leaves out the Y.Doc state, which for a large workflow is
     * most of the row's bytes.
     */
    async getDefinition(id: string): Promise<WorkflowDefinition | null> {
      const [row] = await db
        .select({ definition: versions.definition })
        .from(versions)
        .where(eq(versions.id, id));
      return row?.definition ?? null;
    },

    async getByNumber(workflowId: string, number: number): Promise<Version | null> {
      const [row] = await db
        .select()
        .from(versions)
        .where(and(eq(versions.workflowId, workflowId), eq(versions.number, number)));
      return row ?? null;
    },

    /** The newest version of the workflow with this content hash (to reuse instead of saving a duplicate). */
    async findLatestByHash(workflowId: string, contentHash: string): Promise<Version | null> {
      const [row] = await db
        .select()
        .from(versions)
        .where(and(eq(versions.workflowId, workflowId), eq(versions.contentHash, contentHash)))
        .orderBy(desc(versions.number))
        .limit(1);
      return row ?? null;
    },
  };
}

export type VersionRepository = ReturnType<typeof createVersionRepository>;
