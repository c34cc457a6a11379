import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { timestamptz } from './columns';
import { workflows } from './workflows';
import { workspaces } from './workspaces';

export const experimentStatusEnum = pgEnum('experiment_status', [
  'draft',
  'running',
  'completed',
  'cancelled',
]);

/** A list of inputs (and optional expected outputs) that experiments run variants against. */
export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('datasets_workspace_id_idx').on(t.workspaceId)],
);

export const datasetRows = pgTable(
  'dataset_rows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    expected: jsonb('expected'),
  },
  (t) => [uniqueIndex('dataset_rows_dataset_id_position_key').on(t.datasetId, t.position)],
);

/** An A/B comparison; `config` holds variants (version ids), dataset or traffic split, evaluators. */
export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: experimentStatusEnum('status').notNull().default('draft'),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    datasetId: uuid('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('experiments_workflow_id_idx').on(t.workflowId)],
);

export const trialStatusEnum = pgEnum('trial_status', ['pending', 'running', 'scored']);

/**
 * One variant's answer to one dataset row and repetition (or to one production call, for a canary): its run
 * and, once that run ended, its evaluation. Unique per (experiment, variant, row, repetition), so a trial is
 * counted once however often a crashed driver retries it. Inputs and expected output are copied in when the
 * experiment starts: editing the dataset later does not change what the experiment measured.
 */
export const experimentTrials = pgTable(
  'experiment_trials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    variant: text('variant').notNull(),
    /** The dataset row's position; null for canary traffic. */
    rowPosition: integer('row_position'),
    repetition: integer('repetition').notNull().default(0),
    inputs: jsonb('inputs').$type<Record<string, unknown>>().notNull(),
    /** `{ value }` when the row has an expected output (a bare null could not say "none"). */
    expected: jsonb('expected').$type<{ value: unknown } | null>(),
    /** The canary caller's subject, when one was sent. */
    subject: text('subject'),
    status: trialStatusEnum('status').notNull().default('pending'),
    /** Set with status `running`, in the transaction that creates the run. */
    runId: uuid('run_id'),
    runStatus: text('run_status'),
    outputs: jsonb('outputs').$type<Record<string, unknown>>(),
    error: text('error'),
    results: jsonb('results').$type<Record<string, unknown>[]>(),
    latencyMs: integer('latency_ms'),
    tokensIn: integer('tokens_in').notNull().default(0),
    tokensOut: integer('tokens_out').notNull().default(0),
    costUsd: doublePrecision('cost_usd'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    scoredAt: timestamptz('scored_at'),
  },
  (t) => [
    uniqueIndex('experiment_trials_cell_key').on(t.experimentId, t.variant, t.rowPosition, t.repetition),
    uniqueIndex('experiment_trials_run_id_key').on(t.runId),
    index('experiment_trials_experiment_id_status_idx').on(t.experimentId, t.status),
  ],
);
