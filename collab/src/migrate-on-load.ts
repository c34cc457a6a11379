import { migrateDoc, SchemaVersionError } from '@tandem/workflow';
import * as Y from 'yjs';
import { CollabError } from './close-codes';

/**
 * Brings a stored graph up to this server's layout before anyone sees it (clients are at the current
 * schema version, enforced at auth). Returns the migration's update (to be stored before serving), or
 * null when the document was current. A never-written document is left alone: the api initialises it.
 * @throws CollabError('server-too-old') when the document was written by a newer Tandem.
 */
export function migrateOnLoad(doc: Y.Doc, hasStoredContent: boolean): Uint8Array | null {
  if (!hasStoredContent) return null;
  const before = Y.encodeStateVector(doc);
  let applied: string[];
  try {
    applied = migrateDoc(doc);
  } catch (error) {
    if (error instanceof SchemaVersionError) throw new CollabError('server-too-old', error.message);
    throw error;
  }
  return applied.length > 0 ? Y.encodeStateAsUpdate(doc, before) : null;
}
