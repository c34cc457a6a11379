import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { DuplicateRunEventError, isUniqueViolation } from '../errors';
import { runEvents, type runStatusEnum, runs, type runTriggerEnum } from '../schema/index';

export type Run = typeof runs.$inferSelect;
export type RunStatus = (typeof runStatusEnum.enumValues)[number];
export type RunTrigger = (typeof runTriggerEnum.enumValues)[number];
export type StoredRunEvent = typeof runEvents.$inferSelect;

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface NewRun {
  workflowId: string;
  versionId: string;
  trigger: RunTrigger;
  inputs: Record<string, unknown>;
  startedBy?: string | null;
  experimentId?: string | null;
  variant?: string | null;
}

export interface NewRunEvent {
  runId: string;
  seq: number;
  type: string;
  nodeId?: string | null;
  /** Defaults to the database's now(). */
  at?: Date;
  payload: Record<string, unknown>;
}

export function createRunRepository(db: TandemDb) {
  return {
    /** Creates a run in status `queued`. */
    async create(input: NewRun): Promise<Run> {
      const [row] = await db.insert(runs).values(input).returning();
      if (!row) throw new Error('insert into runs returned no row');
      return row;
    },

    /**
     * Moves a run to `status`. `running` stamps `started_at` (once); a terminal status stamps
     * `finished_at` and records `outputs` / `error` when given. With `onlyFrom`, the change happens
     * only if the current status is one of those (so a worker finishing late cannot overwrite a
     * cancellation). Returns null when the run is missing or the guard did not match.
     */
    async setStatus(
      id: string,
      status: RunStatus,
      result: {
        outputs?: Record<string, unknown> | null;
        error?: string | null;
        onlyFrom?: readonly RunStatus[];
      } = {},
    ): Promise<Run | null> {
      const terminal = TERMINAL_RUN_STATUSES.includes(status);
      const [row] = await db
        .update(runs)
        .set({
          status,
          ...(result.outputs !== undefined ? { outputs: result.outputs } : {}),
          ...(result.error !== undefined ? { error: result.error } : {}),
          ...(status === 'running' ? { startedAt: sql`coalesce(${runs.startedAt}, now())` } : {}),
          ...(terminal ? { finishedAt: sql`coalesce(${runs.finishedAt}, now())` } : {}),
        })
        .where(and(eq(runs.id, id), result.onlyFrom ? inArray(runs.status, [...result.onlyFrom]) : undefined))
        .returning();
      return row ?? null;
    },

    async get(id: string): Promise<Run | null> {
      const [row] = await db.select().from(runs).where(eq(runs.id, id));
      return row ?? null;
    },

    /** Newest first. */
    async listForWorkflow(workflowId: string, options: { limit?: number } = {}): Promise<Run[]> {
      return db
        .select()
        .from(runs)
        .where(eq(runs.workflowId, workflowId))
        .orderBy(desc(runs.createdAt), desc(runs.id))
        .limit(options.limit ?? 50);
    },
  };
}

/** Run events are append-only: an event, once stored, is never changed. */
export function createRunEventRepository(db: TandemDb) {
  return {
    /** Stores one event; throws {@link DuplicateRunEventError} when `(runId, seq)` is taken. */
    async append(event: NewRunEvent): Promise<StoredRunEvent> {
      try {
        const [row] = await db.insert(runEvents).values(event).returning();
        if (!row) throw new Error('insert into run_events returned no row');
        return row;
      } catch (error) {
        if (isUniqueViolation(error, 'run_events_run_id_seq_key')) {
          throw new DuplicateRunEventError(event.runId, event.seq, { cause: error });
        }
        throw error;
      }
    },

    /** Events of a run ordered by `seq`; `afterSeq` resumes a stream after the last event seen. */
    async list(runId: string, options: { afterSeq?: number } = {}): Promise<StoredRunEvent[]> {
      const after = options.afterSeq === undefined ? undefined : gt(runEvents.seq, options.afterSeq);
      return db
        .select()
        .from(runEvents)
        .where(and(eq(runEvents.runId, runId), after))
        .orderBy(asc(runEvents.seq));
    },
  };
}

export type RunRepository = ReturnType<typeof createRunRepository>;
export type RunEventRepository = ReturnType<typeof createRunEventRepository>;
