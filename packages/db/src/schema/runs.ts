import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { timestamptz } from './columns';
import { experiments } from './experiments';
import { versions, workflows } from './workflows';

export const runStatusEnum = pgEnum('run_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const runTriggerEnum = pgEnum('run_trigger', ['manual', 'api', 'experiment', 'canary']);

/** One execution of one immutable version. */
export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => versions.id, { onDelete: 'cascade' }),
    status: runStatusEnum('status').notNull().default('queued'),
    trigger: runTriggerEnum('trigger').notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    outputs: jsonb('outputs').$type<Record<string, unknown>>(),
    error: text('error'),
    /** Null when started by an API key or the system (experiment, canary). */
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    experimentId: uuid('experiment_id').references(() => experiments.id, { onDelete: 'set null' }),
    variant: text('variant'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    /** The worker executing the run while its lease holds; another worker may take it once it lapses. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamptz('lease_expires_at'),
    /** How many times a worker took the run (1 + resumes after a lost lease). */
    claims: integer('claims').notNull().default(0),
    /** Set by a cancel; the worker holding the lease sees it at its next heartbeat and aborts. */
    cancelRequestedAt: timestamptz('cancel_requested_at'),
  },
  (t) => [
    index('runs_workflow_id_created_at_idx').on(t.workflowId, t.createdAt),
    index('runs_experiment_id_idx').on(t.experimentId),
    index('runs_status_created_at_idx').on(t.status, t.createdAt),
  ],
);

/**
 * Results of model calls by idempotency key (`runId:nodeId:attempt`), stored as soon as a call answers, so a
 * worker resuming a run whose node completed but was not yet recorded reuses the answer instead of paying
 * for the call again.
 */
export const llmResults = pgTable('llm_results', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  runId: uuid('run_id')
    .notNull()
    .references(() => runs.id, { onDelete: 'cascade' }),
  response: jsonb('response').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/** The events of a run, in `seq` order; `(run_id, seq)` is unique so a replayed event is rejected. */
export const runEvents = pgTable(
  'run_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    nodeId: text('node_id'),
    at: timestamptz('at').notNull().defaultNow(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('run_events_run_id_seq_key').on(t.runId, t.seq)],
);
