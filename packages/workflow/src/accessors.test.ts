import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNode,
  connect,
  createWorkflowDoc,
  disconnect,
  initWorkflowDoc,
  moveNode,
  promptText,
  removeNode,
  setConfig,
  setLabel,
  setMeta,
} from './accessors';
import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import { UserError } from './errors';
import { readGraph } from './read-graph';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function countUpdates(doc: Y.Doc, action: () => void): number {
  let updates = 0;
  const handler = () => updates++;
  doc.on('update', handler);
  action();
  doc.off('update', handler);
  return updates;
}

describe('createWorkflowDoc / initWorkflowDoc / setMeta', () => {
  it('initialises meta once and keeps existing values', () => {
    const doc = createWorkflowDoc({ name: 'Triage', description: 'd' });
    expect(readGraph(doc).meta).toEqual({
      name: 'Triage',
      description: 'd',
      schemaVersion: CURRENT_SCHEMA_VERSION,
    });
    expect(countUpdates(doc, () => initWorkflowDoc(doc, { name: 'Other' }))).toBe(0);
    expect(readGraph(doc).meta.name).toBe('Triage');
    setMeta(doc, { description: 'new' });
    expect(readGraph(doc).meta).toMatchObject({ name: 'Triage', description: 'new' });
  });

  it('defaults the name', () => {
    expect(readGraph(createWorkflowDoc()).meta.name).toBe('Untitled workflow');
  });
});

describe('addNode', () => {
  it('stores type, version, position, label and a full config with prompt fields as Y.Text', () => {
    const doc = createWorkflowDoc();
    const id = addNode(doc, {
      type: 'llm',
      position: { x: 1, y: 2 },
      label: 'Ask',
      config: { model: 'gpt', userPrompt: 'Hi' },
    });
    expect(id).toMatch(/^llm_[a-z0-9]{12}$/);
    const node = readGraph(doc).nodes[0];
    expect(node).toMatchObject({ id, type: 'llm', typeVersion: 1, position: { x: 1, y: 2 }, label: 'Ask' });
    expect(node?.config).toMatchObject({
      model: 'gpt',
      userPrompt: 'Hi',
      systemPrompt: '',
      temperature: 0.7,
    });
    expect(promptText(doc, id, 'userPrompt')?.toString()).toBe('Hi');
    expect(promptText(doc, id, 'systemPrompt')).toBeInstanceOf(Y.Text);
  });

  it('refuses bad ids, duplicates, bad positions and invalid config with a UserError naming the field', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'a', type: 'merge', position: { x: 0, y: 0 } });
    expect(() => addNode(doc, { id: 'a', type: 'merge', position: { x: 0, y: 0 } })).toThrow(UserError);
    expect(() => addNode(doc, { id: 'a b', type: 'merge', position: { x: 0, y: 0 } })).toThrow(UserError);
    expect(() => addNode(doc, { type: 'merge', position: { x: Number.NaN, y: 0 } })).toThrow(UserError);
    try {
      addNode(doc, { type: 'llm', position: { x: 0, y: 0 }, config: { temperature: 9 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).issues?.[0]?.path).toBe('config.temperature');
    }
    expect(readGraph(doc).nodes).toHaveLength(1);
  });
});

describe('moveNode', () => {
  it('replaces the position whole', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'a', type: 'merge', position: { x: 0, y: 0 } });
    expect(moveNode(doc, 'a', { x: 5, y: 6 })).toBe(true);
    expect(readGraph(doc).nodes[0]?.position).toEqual({ x: 5, y: 6 });
    expect(moveNode(doc, 'missing', { x: 5, y: 6 })).toBe(false);
    expect(() => moveNode(doc, 'a', { x: Number.POSITIVE_INFINITY, y: 0 })).toThrow(UserError);
  });
});

describe('connect / disconnect / removeNode', () => {
  function graph() {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'in', type: 'input', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'if', type: 'condition', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'out', type: 'output', position: { x: 0, y: 0 } });
    return doc;
  }

  it('connects with default handles and refuses impossible edges', () => {
    const doc = graph();
    const e1 = connect(doc, { source: 'in', target: 'if' });
    expect(e1).not.toBeNull();
    expect(readGraph(doc).edges[0]).toMatchObject({
      source: 'in',
      sourceHandle: 'out',
      target: 'if',
      targetHandle: 'in',
    });
    expect(connect(doc, { source: 'in', target: 'if' })).toBeNull();
    expect(connect(doc, { source: 'if', target: 'out' })).not.toBeNull();
    expect(connect(doc, { source: 'if', sourceHandle: 'false', target: 'out' })).not.toBeNull();
    expect(connect(doc, { source: 'if', sourceHandle: 'maybe', target: 'out' })).toBeNull();
    expect(connect(doc, { source: 'out', target: 'in' })).toBeNull();
    expect(connect(doc, { source: 'in', target: 'missing' })).toBeNull();
    expect(connect(doc, { source: 'if', target: 'if' })).toBeNull();
    expect(connect(doc, { id: 'bad id', source: 'in', target: 'out' })).toBeNull();
    expect(readGraph(doc).edges).toHaveLength(3);
    expect(disconnect(doc, e1 ?? '')).toBe(true);
    expect(disconnect(doc, e1 ?? '')).toBe(false);
  });

  it('removes a node and its edges in one transaction', () => {
    const doc = graph();
    connect(doc, { source: 'in', target: 'if' });
    connect(doc, { source: 'if', target: 'out' });
    expect(countUpdates(doc, () => expect(removeNode(doc, 'if')).toBe(true))).toBe(1);
    expect(readGraph(doc).edges).toEqual([]);
    expect(doc.getMap('edges').size).toBe(0);
    expect(removeNode(doc, 'if')).toBe(false);
  });
});

describe('setConfig / setLabel / promptText', () => {
  it('sets one field and validates it', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'h', type: 'http', position: { x: 0, y: 0 } });
    expect(setConfig(doc, 'h', 'method', 'POST')).toBe(true);
    expect(setConfig(doc, 'h', 'headers', { Authorization: 'Bearer {{inputs.token}}' })).toBe(true);
    expect(readGraph(doc).nodes[0]?.config).toMatchObject({
      method: 'POST',
      headers: { Authorization: 'Bearer {{inputs.token}}' },
    });
    expect(() => setConfig(doc, 'h', 'method', 'TRACE')).toThrow(UserError);
    expect(() => setConfig(doc, 'h', 'nope', 1)).toThrow(UserError);
    expect(() => setConfig(doc, 'h', 'toString', 1)).toThrow(UserError);
    expect(setConfig(doc, 'missing', 'method', 'GET')).toBe(false);
  });

  it('keeps two fields edited concurrently by two people', () => {
    const a = createWorkflowDoc();
    addNode(a, { id: 'l', type: 'llm', position: { x: 0, y: 0 } });
    const b = new Y.Doc();
    sync(a, b);
    setConfig(a, 'l', 'model', 'gpt-4o');
    setConfig(b, 'l', 'temperature', 0.1);
    sync(a, b);
    expect(readGraph(a).nodes[0]?.config).toMatchObject({ model: 'gpt-4o', temperature: 0.1 });
    expect(readGraph(b)).toEqual(readGraph(a));
  });

  it('edits prompt text in place so concurrent typing merges', () => {
    const a = createWorkflowDoc();
    addNode(a, { id: 't', type: 'template', position: { x: 0, y: 0 }, config: { template: 'Hello world' } });
    const b = new Y.Doc();
    sync(a, b);
    const text = promptText(a, 't', 'template');
    setConfig(a, 't', 'template', 'Hello brave world');
    promptText(b, 't', 'template')?.insert(11, '!');
    sync(a, b);
    expect(text?.toString()).toBe('Hello brave world!');
    expect(promptText(a, 't', 'template')).toBe(text);
    expect(promptText(b, 't', 'template')?.toString()).toBe('Hello brave world!');
  });

  it('returns null for non-prompt fields and missing nodes', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'l', type: 'llm', position: { x: 0, y: 0 } });
    expect(promptText(doc, 'l', 'model')).toBeNull();
    expect(promptText(doc, 'x', 'userPrompt')).toBeNull();
  });

  it('sets and clears labels', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'm', type: 'merge', position: { x: 0, y: 0 } });
    expect(setLabel(doc, 'm', 'Join')).toBe(true);
    expect(readGraph(doc).nodes[0]?.label).toBe('Join');
    setLabel(doc, 'm', '');
    expect(readGraph(doc).nodes[0]?.label).toBe('');
    expect(setLabel(doc, 'x', 'y')).toBe(false);
  });
});
