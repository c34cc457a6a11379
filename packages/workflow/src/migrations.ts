import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION, docRoots, META, NODE } from './doc-layout';
import { SchemaVersionError } from './errors';
import { isNodeType, NODE_TYPE_SPECS } from './node-types';

/**
 * One step of the document layout's history. Ids are stable names (tldraw style): a migration is never
 * edited once shipped, only followed by a new one.
 */
export type DocMigration = {
  id: string;
  /** The schemaVersion a doc has after this step. */
  toVersion: number;
  up: (doc: Y.Doc) => void;
};

/** Version 1 stored prompt fields as plain strings; version 2 stores them as Y.Text. */
const promptFieldsAsYText: DocMigration = {
  id: 'workflow/2-prompt-fields-as-y-text',
  toVersion: 2,
  up(doc) {
    for (const value of docRoots(doc).nodes.values()) {
      if (!(value instanceof Y.Map)) continue;
      const type: unknown = value.get(NODE.type);
      const config: unknown = value.get(NODE.config);
      if (!isNodeType(type) || !(config instanceof Y.Map)) continue;
      for (const field of NODE_TYPE_SPECS[type].promptFields) {
        const text: unknown = config.get(field);
        if (typeof text === 'string') config.set(field, new Y.Text(text));
      }
    }
  },
};

/** Every migration, oldest first. The last one's `toVersion` is CURRENT_SCHEMA_VERSION. */
export const DOC_MIGRATIONS: readonly DocMigration[] = [promptFieldsAsYText];

/**
 * The doc's layout version. A doc without one predates versioning and is read as version 1 (an empty,
 * never-initialised doc is also 1, and migrating it is a no-op apart from stamping the version). A number
 * above CURRENT_SCHEMA_VERSION is returned as is, so the doc is refused.
 */
export function docSchemaVersion(doc: Y.Doc): number {
  const version = docRoots(doc).meta.get(META.schemaVersion);
  if (typeof version !== 'number' || Number.isNaN(version)) return 1;
  // Anything above the current version (even a malformed 2.5) is refused rather than "migrated" down,
  // matching materialise, which reads such a doc as too new.
  if (version > CURRENT_SCHEMA_VERSION) return version;
  return Number.isInteger(version) && version > 0 ? version : 1;
}

/**
 * Upgrades an older document in place, in one transaction, and returns the ids of the migrations applied
 * (empty when it was current).
 * @throws SchemaVersionError when the doc was written by a newer Tandem; the doc is left untouched.
 */
export function migrateDoc(doc: Y.Doc): string[] {
  const version = docSchemaVersion(doc);
  if (version > CURRENT_SCHEMA_VERSION) throw new SchemaVersionError(version, CURRENT_SCHEMA_VERSION);
  const pending = DOC_MIGRATIONS.filter((migration) => migration.toVersion > version);
  const { meta } = docRoots(doc);
  if (pending.length === 0 && meta.get(META.schemaVersion) === CURRENT_SCHEMA_VERSION) return [];
  doc.transact(() => {
    for (const migration of pending) migration.up(doc);
    meta.set(META.schemaVersion, CURRENT_SCHEMA_VERSION);
  });
  return pending.map((migration) => migration.id);
}
