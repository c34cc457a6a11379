import type { WorkflowDefinition } from '@tandem/workflow';
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { bytea, timestamptz } from './columns';
import { workspaces } from './workspaces';

/** A workflow's live graph lives in the doc `workflow:<id>`; this row holds what the server needs. */
export const workflows = pgTable(
  'workflows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    pinnedVersionId: uuid('pinned_version_id').references((): AnyPgColumn => versions.id, {
      onDelete: 'set null',
    }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [index('workflows_workspace_id_idx').on(t.workspaceId)],
);

/** Immutable snapshots of a workflow; `number` counts 1, 2, 3… per workflow. */
export const versions = pgTable(
  'versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** Validated by the api layer before it is stored. */
    definition: jsonb('definition').$type<WorkflowDefinition>().notNull(),
    ydocState: bytea('ydoc_state').notNull(),
    contentHash: text('content_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('versions_workflow_id_number_key').on(t.workflowId, t.number),
    index('versions_workflow_id_content_hash_idx').on(t.workflowId, t.contentHash),
  ],
);
