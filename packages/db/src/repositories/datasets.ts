import { and, asc, count, desc, eq, max, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { datasetRows, datasets } from '../schema/index';

export type Dataset = typeof datasets.$inferSelect;
export type DatasetWithCount = Dataset & { rowCount: number };
export type DatasetRow = typeof datasetRows.$inferSelect;

export interface NewDataset {
  workspaceId: string;
  name: string;
  description?: string;
  createdBy: string;
}

/** A row as callers give it: `expected` undefined means "no expected output" (stored as SQL null). */
export interface DatasetRowInput {
  inputs: Record<string, unknown>;
  expected?: unknown;
}

/** Rows per INSERT statement: well under Postgres' 65,535 bind parameters. */
const INSERT_CHUNK = 1000;

function rowValues(datasetId: string, rows: readonly DatasetRowInput[], firstPosition: number) {
  return rows.map((row, index) => ({
    datasetId,
    position: firstPosition + index,
    inputs: row.inputs,
    // A JSON null expected output is a real value ("the answer is null"); undefined is "none".
    expected: row.expected === undefined ? null : { value: row.expected },
  }));
}

/** The expected output of a stored row: `{ present: false }` when the row has none. */
export function expectedOf(row: Pick<DatasetRow, 'expected'>): { present: boolean; value: unknown } {
  const stored = row.expected;
  if (stored && typeof stored === 'object' && 'value' in stored) {
    return { present: true, value: (stored as { value: unknown }).value };
  }
  return { present: false, value: undefined };
}

export function createDatasetRepository(db: TandemDb) {
  // Spelled out: drizzle renders bare column names inside a raw subquery, which would bind to dataset_rows.
  const rowCount = sql<number>`(select count(*)::int from dataset_rows r where r.dataset_id = "datasets"."id")`;

  async function insertRows(
    tx: TandemDb,
    datasetId: string,
    rows: readonly DatasetRowInput[],
    first: number,
  ) {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      await tx.insert(datasetRows).values(rowValues(datasetId, chunk, first + start));
    }
  }

  return {
    async create(input: NewDataset, rows: readonly DatasetRowInput[] = []): Promise<DatasetWithCount> {
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(datasets).values(input).returning();
        if (!row) throw new Error('insert into datasets returned no row');
        await insertRows(tx, row.id, rows, 0);
        return { ...row, rowCount: rows.length };
      });
    },

    async get(id: string): Promise<DatasetWithCount | null> {
      const [row] = await db
        .select({ dataset: datasets, rowCount })
        .from(datasets)
        .where(eq(datasets.id, id));
      return row ? { ...row.dataset, rowCount: Number(row.rowCount) } : null;
    },

    /** Newest first. */
    async listByWorkspace(workspaceId: string): Promise<DatasetWithCount[]> {
      const rows = await db
        .select({ dataset: datasets, rowCount })
        .from(datasets)
        .where(eq(datasets.workspaceId, workspaceId))
        .orderBy(desc(datasets.updatedAt), asc(datasets.id));
      return rows.map((row) => ({ ...row.dataset, rowCount: Number(row.rowCount) }));
    },

    async update(id: string, patch: { name?: string; description?: string }): Promise<Dataset | null> {
      const [row] = await db
        .update(datasets)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(datasets.id, id))
        .returning();
      return row ?? null;
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(datasets).where(eq(datasets.id, id)).returning({ id: datasets.id });
      return rows.length > 0;
    },

    /** Rows in position order. */
    async rows(datasetId: string, page: { offset?: number; limit?: number } = {}): Promise<DatasetRow[]> {
      const query = db
        .select()
        .from(datasetRows)
        .where(eq(datasetRows.datasetId, datasetId))
        .orderBy(asc(datasetRows.position))
        .offset(page.offset ?? 0);
      return page.limit === undefined ? query : query.limit(page.limit);
    },

    async countRows(datasetId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(datasetRows)
        .where(eq(datasetRows.datasetId, datasetId));
      return Number(row?.n ?? 0);
    },

    /** Replaces every row at once (the table editor saves the whole table); positions become 0..n-1. */
    async replaceRows(datasetId: string, rows: readonly DatasetRowInput[]): Promise<number> {
      return db.transaction(async (tx) => {
        // Locks the dataset so a concurrent append cannot interleave positions with the replacement.
        const [locked] = await tx
          .select({ id: datasets.id })
          .from(datasets)
          .where(eq(datasets.id, datasetId))
          .for('update');
        if (!locked) return 0;
        await tx.delete(datasetRows).where(eq(datasetRows.datasetId, datasetId));
        await insertRows(tx, datasetId, rows, 0);
        await tx.update(datasets).set({ updatedAt: sql`now()` }).where(eq(datasets.id, datasetId));
        return rows.length;
      });
    },

    /** Appends rows after the last one; returns the dataset's new row count (0 when it is gone). */
    async appendRows(datasetId: string, rows: readonly DatasetRowInput[]): Promise<number> {
      return db.transaction(async (tx) => {
        const [locked] = await tx
          .select({ id: datasets.id })
          .from(datasets)
          .where(eq(datasets.id, datasetId))
          .for('update');
        if (!locked) return 0;
        const [last] = await tx
          .select({ position: max(datasetRows.position), n: count() })
          .from(datasetRows)
          .where(and(eq(datasetRows.datasetId, datasetId)));
        const first = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
        await insertRows(tx, datasetId, rows, first);
        await tx.update(datasets).set({ updatedAt: sql`now()` }).where(eq(datasets.id, datasetId));
        return Number(last?.n ?? 0) + rows.length;
      });
    },
  };
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;
