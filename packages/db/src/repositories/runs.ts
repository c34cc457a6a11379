import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { isPglite, type TandemDb } from '../client';
import { DuplicateRunEventError, isUniqueViolation } from '../errors';
import {
  llmResults,
  runEvents,
  type runStatusEnum,
  runs,
  type runTriggerEnum,
  workflows,
} from '../schema/index';

export type Run = typeof runs.$inferSelect;
export type RunStatus = (typeof runStatusEnum.enumValues)[number];
export type RunTrigger = (typeof runTriggerEnum.enumValues)[number];
export type StoredRunEvent = typeof runEvents.$inferSelect;

/** Advisory lock class of run claims ('trun'). */
const CLAIM_LOCK_CLASS = 0x7472_756e;

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

/** A run a worker took, with what it needs to know about the workflow's workspace. */
export type ClaimedRun = Run & { workspaceId: string };

export interface ClaimOptions {
  /** Who takes the lease (a worker id). */
  workerId: string;
  /** How long the lease lasts unless renewed by `heartbeat`. */
  leaseMs: number;
  /** Runs of one workspace holding a live lease at once; a run beyond that waits in the queue. */
  maxPerWorkspace: number;
  /** Only this run (a dispatched job); otherwise the oldest claimable one. */
  runId?: string;
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

/** Claims a run through `db` (the database, or the claim's transaction); see the repository's `claim`. */
async function claimWith(db: TandemDb, options: ClaimOptions): Promise<ClaimedRun | null> {
  const lapsed = and(
    eq(runs.status, 'running'),
    or(sql`${runs.leaseExpiresAt} is null`, lt(runs.leaseExpiresAt, sql`now()`)),
  );
  const workspaceHasRoom = sql`(select count(*) from runs r2 join workflows w2 on w2.id = r2.workflow_id
    where w2.workspace_id = ${workflows.workspaceId} and r2.status = 'running'
    and r2.lease_expires_at > now()) < ${options.maxPerWorkspace}`;
  // Two searches, each able to walk the (status, created_at) index oldest first and stop at the first run
  // with room: one search over "queued OR lapsed" made Postgres test the room of every queued run before
  // sorting (30 ms with 500 queued, the ceiling of a burst's throughput). Lapsed runs first: resuming a
  // crashed run is older work than anything queued after it.
  const candidate = (claimable: ReturnType<typeof and>) =>
    db
      .select({ id: runs.id })
      .from(runs)
      .innerJoin(workflows, eq(workflows.id, runs.workflowId))
      .where(and(claimable, workspaceHasRoom, options.runId ? eq(runs.id, options.runId) : undefined))
      .orderBy(asc(runs.createdAt), asc(runs.id))
      .limit(1)
      .for('update', { of: runs, skipLocked: true });
  const take = async (claimable: ReturnType<typeof and>) => {
    const [taken] = await db
      .update(runs)
      .set({
        status: 'running',
        leaseOwner: options.workerId,
        leaseExpiresAt: sql`now() + ${`${Math.max(1, Math.round(options.leaseMs))} milliseconds`}::interval`,
        claims: sql`${runs.claims} + 1`,
        startedAt: sql`coalesce(${runs.startedAt}, now())`,
      })
      .where(inArray(runs.id, candidate(claimable)))
      .returning();
    return taken;
  };
  const row = (await take(lapsed)) ?? (await take(eq(runs.status, 'queued')));
  if (!row) return null;
  const [workflow] = await db
    .select({ workspaceId: workflows.workspaceId })
    .from(workflows)
    .where(eq(workflows.id, row.workflowId));
  if (!workflow) return null;
  return { ...row, workspaceId: workflow.workspaceId };
}

export function createRunRepository(db: TandemDb) {
  const onPglite = isPglite(db);
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

    /**
     * Takes the lease of a queued run, or of a running one whose lease lapsed (its worker died), oldest
     * first, skipping rows another worker is claiming (`FOR UPDATE SKIP LOCKED`) and workspaces already at
     * `maxPerWorkspace` live leases. The run becomes `running`, `claims` counts up. Null when nothing is
     * claimable. Lease times are the database's clock, so every worker judges them alike.
     */
    async claim(options: ClaimOptions): Promise<ClaimedRun | null> {
      if (onPglite) return claimWith(db, options);
      // Claims take turns (one advisory lock held for the claim's transaction, a few ms): two workers each
      // counting the workspace's live leases at once would both see room and exceed the bound.
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_CLASS}, 0)`);
        return claimWith(tx, options);
      });
    },

    /**
     * Renews `workerId`'s lease. `held: false` when the lease was lost (another worker took the run, or it
     * ended): the caller must stop. `cancelRequested` tells the holder to abort the run.
     */
    async heartbeat(
      id: string,
      workerId: string,
      leaseMs: number,
    ): Promise<{ held: boolean; cancelRequested: boolean }> {
      const [row] = await db
        .update(runs)
        .set({
          leaseExpiresAt: sql`now() + ${`${Math.max(1, Math.round(leaseMs))} milliseconds`}::interval`,
        })
        .where(and(eq(runs.id, id), eq(runs.leaseOwner, workerId), eq(runs.status, 'running')))
        .returning({ cancelRequestedAt: runs.cancelRequestedAt });
      return { held: row !== undefined, cancelRequested: row?.cancelRequestedAt != null };
    },

    /**
     * Asks for a run to stop. A queued run is cancelled at once (no worker has it); a running one is
     * flagged and its worker aborts it. Returns the run as it now is, or null when it is missing.
     */
    async requestCancel(id: string): Promise<Run | null> {
      const [queued] = await db
        .update(runs)
        .set({
          status: 'cancelled',
          cancelRequestedAt: sql`now()`,
          finishedAt: sql`now()`,
          error: 'Cancelled.',
        })
        .where(and(eq(runs.id, id), eq(runs.status, 'queued')))
        .returning();
      if (queued) return queued;
      const [running] = await db
        .update(runs)
        .set({ cancelRequestedAt: sql`coalesce(${runs.cancelRequestedAt}, now())` })
        .where(and(eq(runs.id, id), eq(runs.status, 'running')))
        .returning();
      return running ?? (await this.get(id));
    },

    /** Ids of runs that a worker could take now (queued, or running with a lapsed lease), oldest first. */
    async listClaimable(limit = 100): Promise<string[]> {
      const rows = await db
        .select({ id: runs.id })
        .from(runs)
        .where(
          or(
            eq(runs.status, 'queued'),
            and(
              eq(runs.status, 'running'),
              isNotNull(runs.leaseExpiresAt),
              lt(runs.leaseExpiresAt, sql`now()`),
            ),
          ),
        )
        .orderBy(asc(runs.createdAt))
        .limit(limit);
      return rows.map((row) => row.id);
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

    /**
     * Stores several events of one run in one statement (the worker batches streamed deltas). All or
     * nothing: a taken `(runId, seq)` throws {@link DuplicateRunEventError} and stores none of them.
     */
    async appendMany(events: readonly NewRunEvent[]): Promise<void> {
      if (events.length === 0) return;
      // One JSON parameter expanded by Postgres, instead of a VALUES list of six parameters per row: building,
      // binding and parsing thousands of parameters cost more than the insert itself (runs bench).
      const rows = JSON.stringify(
        events.map((event) => ({
          run_id: event.runId,
          seq: event.seq,
          type: event.type,
          node_id: event.nodeId ?? null,
          at: event.at ? event.at.toISOString() : null,
          payload: event.payload,
        })),
      );
      try {
        await db.execute(sql`insert into run_events (run_id, seq, type, node_id, at, payload)
          select run_id, seq, type, node_id, coalesce(at, now()), payload
          from jsonb_to_recordset(${rows}::jsonb)
            as r(run_id uuid, seq integer, type text, node_id text, at timestamptz, payload jsonb)`);
      } catch (error) {
        if (isUniqueViolation(error, 'run_events_run_id_seq_key')) {
          const first = events[0] as NewRunEvent;
          throw new DuplicateRunEventError(first.runId, first.seq, { cause: error });
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

/** Stored model answers by idempotency key (see the `llm_results` table). */
export function createLlmResultRepository(db: TandemDb) {
  return {
    async get(idempotencyKey: string): Promise<Record<string, unknown> | null> {
      const [row] = await db
        .select({ response: llmResults.response })
        .from(llmResults)
        .where(eq(llmResults.idempotencyKey, idempotencyKey));
      return row?.response ?? null;
    },

    /** Stores the first answer for a key; a second one for the same key is ignored. */
    async put(idempotencyKey: string, runId: string, response: Record<string, unknown>): Promise<void> {
      await db.insert(llmResults).values({ idempotencyKey, runId, response }).onConflictDoNothing();
    },
  };
}

export type LlmResultRepository = ReturnType<typeof createLlmResultRepository>;
