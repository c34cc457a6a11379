import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
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
