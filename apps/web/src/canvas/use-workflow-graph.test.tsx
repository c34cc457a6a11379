// @vitest-environment jsdom
import { addNode, connect, createWorkflowDoc, moveNode, readGraph } from '@tandem/workflow';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useWorkflowGraph } from './use-workflow-graph';

/** A local doc and a "remote" replica whose edits reach it as a provider would deliver them. */
function replicas() {
  const local = createWorkflowDoc({ name: 'Bound' });
  addNode(local, { id: 'a', type: 'input', position: { x: 0, y: 0 } });
  addNode(local, { id: 'b', type: 'output', position: { x: 300, y: 0 } });
  const remote = new Y.Doc();
  Y.applyUpdate(remote, Y.encodeStateAsUpdate(local));
  remote.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'local') Y.applyUpdate(local, update, 'remote');
  });
  local.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(remote, update, 'local');
  });
  return { local, remote };
}

describe('useWorkflowGraph (React Flow bound to the workflow doc)', () => {
  afterEach(cleanup);

  it('shows a remote move and a remote node at once, keeping untouched nodes as they were', () => {
    const { local, remote } = replicas();
    const { result } = renderHook(() => useWorkflowGraph(local));
    const before = result.current.nodes;
    expect(before.map((node) => node.id).sort()).toEqual(['a', 'b']);

    act(() => {
      moveNode(remote, 'a', { x: 40, y: 50 });
    });
    const afterMove = result.current.nodes;
    expect(afterMove.find((node) => node.id === 'a')?.position).toEqual({ x: 40, y: 50 });
    // The node nobody touched is the same object: React Flow and its memoised component skip it.
    expect(afterMove.find((node) => node.id === 'b')).toBe(before.find((node) => node.id === 'b'));

    act(() => {
      addNode(remote, { id: 'c', type: 'template', position: { x: 600, y: 0 } });
      connect(remote, { source: 'a', sourceHandle: 'out', target: 'c', targetHandle: 'in' });
    });
    expect(result.current.nodes.map((node) => node.id).sort()).toEqual(['a', 'b', 'c']);
    expect(result.current.edges.map((edge) => [edge.source, edge.target])).toEqual([['a', 'c']]);
  });

  it('writes a finished drag and a deletion to the doc, where the other replica sees them', () => {
    const { local, remote } = replicas();
    const { result } = renderHook(() => useWorkflowGraph(local));
    act(() => {
      result.current.onNodesChange([
        { type: 'position', id: 'b', position: { x: 310, y: 20 }, dragging: true },
      ]);
    });
    // While dragging, only the view moves.
    expect(result.current.nodes.find((node) => node.id === 'b')?.position).toEqual({ x: 310, y: 20 });
    act(() => {
      result.current.onNodesChange([
        { type: 'position', id: 'b', position: { x: 320, y: 30 }, dragging: false },
      ]);
    });
    expect(readGraph(remote).nodes.find((node) => node.id === 'b')?.position).toEqual({ x: 320, y: 30 });

    act(() => {
      result.current.onNodesChange([{ type: 'remove', id: 'a' }]);
    });
    expect(readGraph(remote).nodes.map((node) => node.id)).toEqual(['b']);
    expect(result.current.nodes.map((node) => node.id)).toEqual(['b']);
  });

  it('selects a node this user adds once it arrives from the doc', () => {
    const { local, remote } = replicas();
    const { result } = renderHook(() => useWorkflowGraph(local));
    act(() => {
      result.current.addNode('llm', { x: 100, y: 200 });
    });
    const added = result.current.nodes.find((node) => node.id !== 'a' && node.id !== 'b');
    expect(added?.selected).toBe(true);
    expect(readGraph(remote).nodes.some((node) => node.id === added?.id && node.type === 'llm')).toBe(true);
  });
});
