import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, createWorkflowDoc, promptText, setConfig } from './accessors';
import { SchemaVersionError, UserError } from './errors';
import { materialise } from './materialise';
import { readGraph } from './read-graph';
import { replaceGraph } from './replace-graph';
import { createSampleWorkflow } from './sample';
import type { WorkflowDefinition } from './schemas';

function sampleDefinition(): WorkflowDefinition {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('sample');
  return result.definition;
}

describe('replaceGraph', () => {
  it('writes a definition into an empty doc as one update', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'old', type: 'merge', position: { x: 0, y: 0 } });
    let updates = 0;
    doc.on('update', () => updates++);
    const definition = sampleDefinition();
    replaceGraph(doc, definition);
    expect(updates).toBe(1);
    expect(materialise(doc)).toEqual({ ok: true, definition });
  });

  it('updates existing nodes in place, keeping unchanged prompt Y.Texts and concurrent edits to them', () => {
    const doc = createSampleWorkflow();
    const original = sampleDefinition();
    const unchanged = promptText(doc, 'classify', 'systemPrompt');
    setConfig(doc, 'classify', 'userPrompt', 'Edited {{inputs.question}}');
    setConfig(doc, 'classify', 'model', 'other');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    promptText(remote, 'billingReply', 'template')?.insert(0, '>> ');
    replaceGraph(doc, original);
    expect(promptText(doc, 'classify', 'systemPrompt')).toBe(unchanged);
    expect(promptText(doc, 'classify', 'userPrompt')?.toString()).toBe(
      'Customer question: {{inputs.question}}',
    );
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(promptText(doc, 'billingReply', 'template')?.toString().startsWith('>> ')).toBe(true);
    expect(readGraph(doc).nodes.find((node) => node.id === 'classify')?.config.model).toBe('mock-small');
  });

  it('converges to one copy of a restored prompt when two replicas restore at once', () => {
    const base = createSampleWorkflow();
    setConfig(base, 'billingReply', 'template', 'draft {{inputs.question}}');
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    const definition = sampleDefinition();
    replaceGraph(a, definition);
    replaceGraph(b, definition);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(materialise(a)).toEqual({ ok: true, definition });
    expect(materialise(b)).toEqual({ ok: true, definition });
  });

  it('is one undo step', () => {
    const doc = createSampleWorkflow();
    const before = readGraph(doc);
    const undo = new Y.UndoManager([doc.getMap('meta'), doc.getMap('nodes'), doc.getMap('edges')]);
    replaceGraph(doc, { schemaVersion: 2, name: 'Empty', description: '', nodes: [], edges: [] });
    expect(readGraph(doc).nodes).toEqual([]);
    undo.undo();
    expect(readGraph(doc)).toEqual(before);
  });

  it('refuses invalid or newer definitions without touching the doc', () => {
    const doc = createSampleWorkflow();
    const before = Y.encodeStateVector(doc);
    const bad = { ...sampleDefinition(), name: 5 } as unknown as WorkflowDefinition;
    expect(() => replaceGraph(doc, bad)).toThrow(UserError);
    expect(() => replaceGraph(doc, { ...sampleDefinition(), schemaVersion: 99 })).toThrow(SchemaVersionError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
