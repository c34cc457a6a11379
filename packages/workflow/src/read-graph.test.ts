import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, connect, createWorkflowDoc, moveNode, setConfig } from './accessors';
import { undoScope } from './doc-layout';
import { observeWorkflow, readGraph, readGraphNode } from './read-graph';

describe('readGraph', () => {
  it('reads nodes and edges sorted by id with plain config', () => {
    const doc = createWorkflowDoc({ name: 'w' });
    addNode(doc, { id: 'b', type: 'template', position: { x: 1, y: 1 }, config: { template: 'x' } });
    addNode(doc, { id: 'a', type: 'input', position: { x: 0, y: 0 } });
    connect(doc, { id: 'e1', source: 'a', target: 'b' });
    const graph = readGraph(doc);
    expect(graph.nodes.map((node) => node.id)).toEqual(['a', 'b']);
    expect(graph.nodes[1]?.config).toEqual({ template: 'x' });
    expect(graph.edges).toEqual([
      { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' },
    ]);
  });

  it('never throws on weird content and falls back to neutral values', () => {
    const doc = createWorkflowDoc();
    const nodes = doc.getMap<unknown>('nodes');
    const edges = doc.getMap<unknown>('edges');
    const noType = new Y.Map<unknown>();
    noType.set('position', 'left');
    noType.set('config', 'not a map');
    nodes.set('noType', noType);
    const arrayConfig = new Y.Map<unknown>();
    arrayConfig.set('type', 'llm');
    arrayConfig.set('typeVersion', 'one');
    arrayConfig.set('position', { x: 'a', y: 2 });
    arrayConfig.set('config', new Y.Array());
    arrayConfig.set('label', 42);
    nodes.set('arrayConfig', arrayConfig);
    const plainConfig = new Y.Map<unknown>();
    plainConfig.set('type', 'future-node');
    plainConfig.set('position', { x: 3, y: 4 });
    plainConfig.set('config', { foo: 'bar' });
    nodes.set('plainConfig', plainConfig);
    nodes.set('number', 7);
    nodes.set('null', null);
    edges.set('garbage', 'x');
    edges.set('nullEdge', null);
    edges.set('dangling', { source: 'noType', target: 'gone', sourceHandle: 'out', targetHandle: 'in' });
    edges.set('noHandles', { source: 'noType', target: 'arrayConfig' });
    doc.getMap('meta').set('name', 5);

    const graph = readGraph(doc);
    expect(graph.meta.name).toBe('');
    expect(graph.nodes).toEqual([
      { id: 'arrayConfig', type: 'llm', typeVersion: 0, position: { x: 0, y: 0 }, label: '', config: {} },
      { id: 'noType', type: '', typeVersion: 0, position: { x: 0, y: 0 }, label: '', config: {} },
      {
        id: 'plainConfig',
        type: 'future-node',
        typeVersion: 0,
        position: { x: 3, y: 4 },
        label: '',
        config: { foo: 'bar' },
      },
    ]);
    expect(graph.edges).toEqual([
      { id: 'noHandles', source: 'noType', sourceHandle: '', target: 'arrayConfig', targetHandle: 'in' },
    ]);
  });

  it('reads an empty graph when a root has the wrong Yjs type', () => {
    const doc = new Y.Doc();
    doc.getArray('nodes').push([1]);
    expect(readGraph(doc)).toEqual({
      meta: { name: '', description: '', schemaVersion: 0 },
      nodes: [],
      edges: [],
    });
  });
});

describe('observeWorkflow', () => {
  it('fires once per transaction, for deep and remote changes, until unsubscribed', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'l', type: 'llm', position: { x: 0, y: 0 } });
    let calls = 0;
    const stop = observeWorkflow(doc, () => calls++);
    moveNode(doc, 'l', { x: 1, y: 1 });
    expect(calls).toBe(1);
    setConfig(doc, 'l', 'userPrompt', 'typing');
    expect(calls).toBe(2);
    doc.transact(() => {
      addNode(doc, { id: 'm', type: 'merge', position: { x: 0, y: 0 } });
      connect(doc, { source: 'l', target: 'm' });
    });
    expect(calls).toBe(3);
    doc.getMap('unrelated').set('x', 1);
    expect(calls).toBe(3);
    const remote = new Y.Doc();
    remote.getMap('meta').set('name', 'from afar');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(calls).toBe(4);
    stop();
    moveNode(doc, 'l', { x: 2, y: 2 });
    expect(calls).toBe(4);
  });
  it('does not throw on a doc whose root has the wrong Yjs type, and still reports changes', () => {
    const doc = new Y.Doc();
    const nodes = doc.getArray('nodes');
    let calls = 0;
    const stop = observeWorkflow(doc, () => calls++);
    nodes.push([1]);
    expect(calls).toBe(1);
    stop();
  });
});

describe('readGraphNode', () => {
  it('reads one node exactly as readGraph does, and null for an absent or malformed entry', () => {
    const doc = createWorkflowDoc();
    addNode(doc, {
      id: 'l',
      type: 'llm',
      position: { x: 3, y: 4 },
      label: 'Ask',
      config: { userPrompt: 'hi' },
    });
    doc.getMap('nodes').set('junk', 'not a node');
    expect(readGraphNode(doc, 'l')).toEqual(readGraph(doc).nodes[0]);
    expect(readGraphNode(doc, 'junk')).toBeNull();
    expect(readGraphNode(doc, 'missing')).toBeNull();
    expect(readGraphNode(new Y.Doc(), 'l')).toBeNull();
  });
});

describe('undoScope', () => {
  it('lets an undo manager revert graph edits but never the schema version', () => {
    const doc = createWorkflowDoc();
    const manager = new Y.UndoManager(undoScope(doc));
    doc.transact(() => {
      addNode(doc, { id: 'l', type: 'llm', position: { x: 0, y: 0 } });
      doc.getMap('meta').set('schemaVersion', 99);
    });
    manager.undo();
    expect(readGraph(doc).nodes).toEqual([]);
    expect(readGraph(doc).meta.schemaVersion).toBe(99);
  });

  it('is empty for a doc whose roots have the wrong Yjs types', () => {
    const doc = new Y.Doc();
    doc.getArray('nodes');
    expect(undoScope(doc)).toEqual([]);
  });
});
