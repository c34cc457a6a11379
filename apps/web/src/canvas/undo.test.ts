import {
  addNode,
  createWorkflowDoc,
  moveNode,
  promptText,
  readGraph,
  setConfig,
  setMeta,
} from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createWorkflowUndo } from './undo';

/** Two replicas that exchange updates; B's updates reach A with a provider-like origin. */
function pair() {
  const a = createWorkflowDoc({ name: 'Shared' });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'provider');
  const remote = { name: 'remote-provider' };
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== remote) Y.applyUpdate(a, update, remote);
  });
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== remote) Y.applyUpdate(b, update, remote);
  });
  return { a, b };
}

const ids = (doc: Y.Doc) => readGraph(doc).nodes.map((node) => node.id);

describe('createWorkflowUndo', () => {
  it('undoes and redoes local edits and reports what is possible', () => {
    const doc = createWorkflowDoc();
    const undo = createWorkflowUndo(doc);
    expect(undo.getState()).toEqual({ canUndo: false, canRedo: false });
    addNode(doc, { id: 'n1', type: 'llm', position: { x: 0, y: 0 } });
    expect(undo.getState()).toEqual({ canUndo: true, canRedo: false });
    undo.undo();
    expect(ids(doc)).toEqual([]);
    expect(undo.getState()).toEqual({ canUndo: false, canRedo: true });
    undo.redo();
    expect(ids(doc)).toEqual(['n1']);
  });

  it('never reverts a remote edit', () => {
    const { a, b } = pair();
    const undo = createWorkflowUndo(a);
    addNode(a, { id: 'mine', type: 'template', position: { x: 0, y: 0 } });
    undo.stopCapturing();
    addNode(b, { id: 'theirs', type: 'output', position: { x: 300, y: 0 } });
    expect(ids(a)).toEqual(['mine', 'theirs']);
    undo.undo();
    expect(ids(a)).toEqual(['theirs']);
    expect(ids(b)).toEqual(['theirs']);
    expect(undo.getState().canUndo).toBe(false);
  });

  it('undoes my typing in a shared prompt but keeps a collaborator’s typing', () => {
    const { a, b } = pair();
    addNode(a, { id: 'p', type: 'template', position: { x: 0, y: 0 }, config: { template: 'Hello' } });
    const undo = createWorkflowUndo(a);
    promptText(a, 'p', 'template')?.insert(5, ' world');
    undo.stopCapturing();
    promptText(b, 'p', 'template')?.insert(0, '>> ');
    undo.undo();
    expect(promptText(a, 'p', 'template')?.toString()).toBe('>> Hello');
  });

  it('groups a drag (many throttled moves) into one step', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'n', type: 'merge', position: { x: 0, y: 0 } });
    const undo = createWorkflowUndo(doc);
    let clock = 0;
    const realNow = Date.now;
    // Pauses longer than the capture timeout inside one drag must not split it.
    Date.now = () => (clock += 2_000);
    try {
      undo.beginGroup();
      for (let x = 1; x <= 20; x++) moveNode(doc, 'n', { x, y: x });
      undo.endGroup();
    } finally {
      Date.now = realNow;
    }
    setConfig(doc, 'n', 'mode', 'array');
    undo.undo();
    expect(readGraph(doc).nodes[0]?.position).toEqual({ x: 20, y: 20 });
    undo.undo();
    expect(readGraph(doc).nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('ignores empty transactions: no phantom step, redo survives', () => {
    const doc = createWorkflowDoc();
    const undo = createWorkflowUndo(doc);
    doc.transact(() => {});
    expect(undo.getState().canUndo).toBe(false);
    addNode(doc, { id: 'n', type: 'merge', position: { x: 0, y: 0 } });
    undo.undo();
    doc.transact(() => {});
    expect(undo.getState()).toEqual({ canUndo: false, canRedo: true });
  });

  it('leaves meta alone: undo after a rename reverts the graph edit, not the name', () => {
    const doc = createWorkflowDoc({ name: 'Before' });
    const undo = createWorkflowUndo(doc);
    addNode(doc, { id: 'n', type: 'merge', position: { x: 0, y: 0 } });
    undo.stopCapturing();
    setMeta(doc, { name: 'After' });
    expect(undo.getState().canRedo).toBe(false);
    undo.undo();
    expect(ids(doc)).toEqual([]);
    expect(readGraph(doc).meta.name).toBe('After');
    expect(undo.getState()).toEqual({ canUndo: false, canRedo: true });
  });
});
