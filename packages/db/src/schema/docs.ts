import { bigint, bigserial, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from './columns';

/**
 * The compacted state of a Yjs document. `clock` is the id of the last `doc_updates` row merged
 * into `state`; every update with a larger id for this doc is still in `doc_updates`. `layout_version` is
 * the document layout (`meta.schemaVersion` of a graph) `state` was written in, when the writer knew it.
 */
export const docStates = pgTable('doc_states', {
  docName: text('doc_name').primaryKey(),
  state: bytea('state').notNull(),
  stateVector: bytea('state_vector').notNull(),
  clock: bigint('clock', { mode: 'number' }).notNull(),
  layoutVersion: integer('layout_version'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/** Append-only log of Yjs updates not yet compacted into `doc_states`. Rows are never updated. */
export const docUpdates = pgTable(
  'doc_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docName: text('doc_name').notNull(),
    update: bytea('update').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('doc_updates_doc_name_id_idx').on(t.docName, t.id)],
);
