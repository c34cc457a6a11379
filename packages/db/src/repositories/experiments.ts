import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import {
  type experimentStatusEnum,
  experiments,
  experimentTrials,
  runs,
  type trialStatusEnum,
} from '../schema/index';
import { TERMINAL_RUN_STATUSES } from './runs';

export type Experiment = typeof experiments.$inferSelect;
export type ExperimentStatus = (typeof experimentStatusEnum.enumValues)[number];
export type Trial = typeof experimentTrials.$inferSelect;
export type TrialStatus = (typeof trialStatusEnum.enumValues)[number];

export interface NewExperiment {
  workspaceId: string;
  workflowId: string;
  name: string;
  config: Record<string, unknown>;
  datasetId?: string | null;
  createdBy: string;
  status?: ExperimentStatus;
}

export interface NewTrial {
  experimentId: string;
  variant: string;
  rowPosition: number | null;
  repetition: number;
  inputs: Record<string, unknown>;
  expected: { value: unknown } | null;
  subject?: string | null;
  status?: TrialStatus;
  runId?: string | null;
}

/** What a finished run's trial records about it. */
export interface TrialScore {
  runStatus: string;
  outputs: Record<string, unknown> | null;
  error: string | null;
  results: Record<string, unknown>[];
  latencyMs: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number | null;
}

export type TrialCounts = {
  pending: number;
  running: number;
  scored: number;
  failedRuns: number;
  total: number;
};

/** A running trial whose run has ended: ready to be evaluated. */
export type EndedTrial = Trial & {
  run: {
    status: string;
    outputs: Record<string, unknown> | null;
    error: string | null;
    startedAt: Date | null;
    finishedAt: Date | null;
  };
};

const INSERT_CHUNK = 500;

export function createExperimentRepository(db: TandemDb) {
  return {
    async create(input: NewExperiment): Promise<Experiment> {
      const [row] = await db.insert(experiments).values(input).returning();
      if (!row) throw new Error('insert into experiments returned no row');
      return row;
    },

    async get(id: string): Promise<Experiment | null> {
      const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
      return row ?? null;
    },

    /** Newest first. */
    async listByWorkspace(workspaceId: string, filter: { workflowId?: string } = {}): Promise<Experiment[]> {
      return db
        .select()
        .from(experiments)
        .where(
          and(
            eq(experiments.workspaceId, workspaceId),
            filter.workflowId ? eq(experiments.workflowId, filter.workflowId) : undefined,
          ),
        )
        .orderBy(desc(experiments.createdAt), asc(experiments.id));
    },

    /**
     * The driver's work list, oldest first: running experiments, and ended ones that still have trials whose
     * runs were under way when they ended (a stopped canary's last calls are still scored).
     */
    async listActive(): Promise<Experiment[]> {
      return db
        .select()
        .from(experiments)
        .where(
          or(
            eq(experiments.status, 'running'),
            sql`exists (select 1 from experiment_trials t where t.experiment_id = "experiments"."id" and t.status = 'running')`,
          ),
        )
        .orderBy(asc(experiments.startedAt), asc(experiments.id));
    },

    /** The workflow's running canary, if it has one (at most one: the api refuses a second). */
    async activeCanary(workflowId: string): Promise<Experiment | null> {
      const [row] = await db
        .select()
        .from(experiments)
        .where(
          and(
            eq(experiments.workflowId, workflowId),
            eq(experiments.status, 'running'),
            sql`${experiments.config}->>'kind' = 'canary'`,
          ),
        )
        .orderBy(desc(experiments.startedAt))
        .limit(1);
      return row ?? null;
    },

    /**
     * Moves an experiment to `status` when it is in one of `onlyFrom`; `running` stamps `started_at`, a final
     * status `finished_at`. Null when the guard did not match.
     */
    async setStatus(
      id: string,
      status: ExperimentStatus,
      onlyFrom: readonly ExperimentStatus[],
    ): Promise<Experiment | null> {
      const final = status === 'completed' || status === 'cancelled';
      const [row] = await db
        .update(experiments)
        .set({
          status,
          updatedAt: sql`now()`,
          ...(status === 'running' ? { startedAt: sql`coalesce(${experiments.startedAt}, now())` } : {}),
          ...(final ? { finishedAt: sql`now()` } : {}),
        })
        .where(and(eq(experiments.id, id), inArray(experiments.status, [...onlyFrom])))
        .returning();
      return row ?? null;
    },

    /** Replaces a running experiment's config (a canary's percentage); null when it is not running. */
    async updateConfig(id: string, config: Record<string, unknown>): Promise<Experiment | null> {
      const [row] = await db
        .update(experiments)
        .set({ config, updatedAt: sql`now()` })
        .where(and(eq(experiments.id, id), eq(experiments.status, 'running')))
        .returning();
      return row ?? null;
    },

    async rename(id: string, name: string): Promise<Experiment | null> {
      const [row] = await db
        .update(experiments)
        .set({ name, updatedAt: sql`now()` })
        .where(eq(experiments.id, id))
        .returning();
      return row ?? null;
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(experiments)
        .where(eq(experiments.id, id))
        .returning({ id: experiments.id });
      return rows.length > 0;
    },

    async insertTrials(trials: readonly NewTrial[]): Promise<void> {
      for (let start = 0; start < trials.length; start += INSERT_CHUNK) {
        await db.insert(experimentTrials).values(trials.slice(start, start + INSERT_CHUNK) as NewTrial[]);
      }
    },

    async counts(experimentId: string): Promise<TrialCounts> {
      const rows = await db
        .select({
          status: experimentTrials.status,
          n: count(),
          failed: sql<number>`count(*) filter (where ${experimentTrials.runStatus} is not null and ${experimentTrials.runStatus} <> 'succeeded')::int`,
        })
        .from(experimentTrials)
        .where(eq(experimentTrials.experimentId, experimentId))
        .groupBy(experimentTrials.status);
      const counts: TrialCounts = { pending: 0, running: 0, scored: 0, failedRuns: 0, total: 0 };
      for (const row of rows) {
        counts[row.status] = Number(row.n);
        counts.total += Number(row.n);
        counts.failedRuns += Number(row.failed);
      }
      return counts;
    },

    /** Pending trials to start next: repetition by repetition, row by row, variants side by side. */
    async nextPending(experimentId: string, limit: number): Promise<Trial[]> {
      if (limit <= 0) return [];
      return db
        .select()
        .from(experimentTrials)
        .where(and(eq(experimentTrials.experimentId, experimentId), eq(experimentTrials.status, 'pending')))
        .orderBy(
          asc(experimentTrials.repetition),
          asc(experimentTrials.rowPosition),
          asc(experimentTrials.variant),
        )
        .limit(limit);
    },

    /**
     * Marks a pending trial running with its run. False when another driver got there first (call it inside
     * the transaction that created the run, and roll back on false, so no run is orphaned).
     */
    async attachRun(trialId: string, runId: string): Promise<boolean> {
      const rows = await db
        .update(experimentTrials)
        .set({ status: 'running', runId })
        .where(
          and(
            eq(experimentTrials.id, trialId),
            eq(experimentTrials.status, 'pending'),
            isNull(experimentTrials.runId),
          ),
        )
        .returning({ id: experimentTrials.id });
      return rows.length > 0;
    },

    /** Running trials whose run has ended, with what the evaluation needs of the run. */
    async ended(experimentId: string, limit = 100): Promise<EndedTrial[]> {
      const rows = await db
        .select({
          trial: experimentTrials,
          status: runs.status,
          outputs: runs.outputs,
          error: runs.error,
          startedAt: runs.startedAt,
          finishedAt: runs.finishedAt,
        })
        .from(experimentTrials)
        .innerJoin(runs, eq(runs.id, experimentTrials.runId))
        .where(
          and(
            eq(experimentTrials.experimentId, experimentId),
            eq(experimentTrials.status, 'running'),
            inArray(runs.status, [...TERMINAL_RUN_STATUSES]),
          ),
        )
        .orderBy(asc(runs.finishedAt))
        .limit(limit);
      return rows.map((row) => ({
        ...row.trial,
        run: {
          status: row.status,
          outputs: row.outputs ?? null,
          error: row.error,
          startedAt: row.startedAt,
          finishedAt: row.finishedAt,
        },
      }));
    },

    /**
     * Records a trial's evaluation once: only a `running` trial becomes `scored`, so a second driver (or a
     * restarted one) scoring the same trial changes nothing. False when it was already scored.
     */
    async score(trialId: string, score: TrialScore): Promise<boolean> {
      const rows = await db
        .update(experimentTrials)
        .set({ ...score, status: 'scored', scoredAt: sql`now()` })
        .where(and(eq(experimentTrials.id, trialId), eq(experimentTrials.status, 'running')))
        .returning({ id: experimentTrials.id });
      return rows.length > 0;
    },

    /** Scored trials of an experiment (what the comparison reads). */
    async scored(experimentId: string): Promise<Trial[]> {
      return db
        .select()
        .from(experimentTrials)
        .where(and(eq(experimentTrials.experimentId, experimentId), eq(experimentTrials.status, 'scored')))
        .orderBy(
          asc(experimentTrials.rowPosition),
          asc(experimentTrials.repetition),
          asc(experimentTrials.variant),
        );
    },

    /** Every trial, in the row-by-row table's order, a page at a time. */
    async trials(experimentId: string, page: { offset: number; limit: number }): Promise<Trial[]> {
      return db
        .select()
        .from(experimentTrials)
        .where(eq(experimentTrials.experimentId, experimentId))
        .orderBy(
          asc(experimentTrials.rowPosition),
          asc(experimentTrials.repetition),
          desc(experimentTrials.createdAt),
          asc(experimentTrials.variant),
        )
        .offset(page.offset)
        .limit(page.limit);
    },

    /** Run ids of trials still running (to cancel them with the experiment). */
    async runningRunIds(experimentId: string): Promise<string[]> {
      const rows = await db
        .select({ runId: experimentTrials.runId })
        .from(experimentTrials)
        .where(and(eq(experimentTrials.experimentId, experimentId), eq(experimentTrials.status, 'running')));
      return rows.flatMap((row) => (row.runId ? [row.runId] : []));
    },
  };
}

export type ExperimentRepository = ReturnType<typeof createExperimentRepository>;
