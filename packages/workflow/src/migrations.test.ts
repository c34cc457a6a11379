import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkflowDoc, promptText } from './accessors';
import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import { SchemaVersionError } from './errors';
import { materialise } from './materialise';
import { DOC_MIGRATIONS, docSchemaVersion, migrateDoc } from './migrations';
import { createSampleWorkflow } from './sample';

/** A document as version 1 wrote it: prompt fields as plain strings. */
function versionOneDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('meta').set('name', 'Old');
  doc.getMap('meta').set('description', '');
  doc.getMap('meta').set('schemaVersion', 1);
  const node = new Y.Map<unknown>();
  node.set('type', 'llm');
  node.set('typeVersion', 1);
  node.set('position', { x: 0, y: 0 });
  const config = new Y.Map<unknown>();
  config.set('model', 'gpt');
  config.set('userPrompt', 'Hi {{inputs.q}}');
  config.set('systemPrompt', 'Be brief');
  node.set('config', config);
  doc.getMap('nodes').set('llm', node);
  return doc;
}

describe('migrateDoc', () => {
  it('has named migrations ending at the current version', () => {
    expect(DOC_MIGRATIONS.map((migration) => migration.id)).toEqual(['workflow/2-prompt-fields-as-y-text']);
    expect(DOC_MIGRATIONS.at(-1)?.toVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('upgrades a version 1 doc in one transaction: prompt strings become Y.Text', () => {
    const doc = versionOneDoc();
    expect(promptText(doc, 'llm', 'userPrompt')).toBeNull();
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateDoc(doc)).toEqual(['workflow/2-prompt-fields-as-y-text']);
    expect(updates).toBe(1);
    expect(docSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
    expect(promptText(doc, 'llm', 'userPrompt')?.toString()).toBe('Hi {{inputs.q}}');
    expect(promptText(doc, 'llm', 'systemPrompt')?.toString()).toBe('Be brief');
    expect(migrateDoc(doc)).toEqual([]);
    expect(updates).toBe(1);
  });

  it('treats a doc without a version as version 1', () => {
    const doc = versionOneDoc();
    doc.getMap('meta').delete('schemaVersion');
    expect(docSchemaVersion(doc)).toBe(1);
    expect(migrateDoc(doc)).toHaveLength(1);
  });

  it('leaves a current doc untouched', () => {
    const doc = createSampleWorkflow();
    const before = Y.encodeStateVector(doc);
    expect(migrateDoc(doc)).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(materialise(doc).ok).toBe(true);
  });

  it('refuses a newer doc with a typed error and changes nothing', () => {
    const doc = createSampleWorkflow();
    doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    const before = Y.encodeStateVector(doc);
    expect(() => migrateDoc(doc)).toThrow(SchemaVersionError);
    try {
      migrateDoc(doc);
    } catch (error) {
      expect(error).toMatchObject({
        docVersion: CURRENT_SCHEMA_VERSION + 1,
        supportedVersion: CURRENT_SCHEMA_VERSION,
      });
    }
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
  it('refuses, rather than downgrades, a doc whose version is above the current one but not an integer', () => {
    const doc = createSampleWorkflow();
    doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 0.5);
    const before = Y.encodeStateVector(doc);
    expect(docSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION + 0.5);
    expect(() => migrateDoc(doc)).toThrow(SchemaVersionError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(materialise(doc)).toMatchObject({
      ok: false,
      problems: [expect.objectContaining({ code: 'schema-version-unsupported' })],
    });
  });

  it('is idempotent: a second run, or a run on a replica that already received the upgrade, changes nothing', () => {
    const doc = createWorkflowDoc();
    doc.getMap('meta').delete('schemaVersion');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(migrateDoc(doc)).toEqual(['workflow/2-prompt-fields-as-y-text']);
    const once = Y.encodeStateVector(doc);
    expect(migrateDoc(doc)).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(once);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(migrateDoc(replica)).toEqual([]);
    expect(Y.encodeStateVector(replica)).toEqual(once);
  });
});
