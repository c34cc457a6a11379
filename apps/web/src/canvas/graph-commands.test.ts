import { addNode, connect, createWorkflowDoc, readGraph } from '@tandem/workflow';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode } from './flow-types';
import { createGraphCommands, localEdgeChanges, localNodeChanges } from './graph-commands';

function setup() {
  const doc = createWorkflowDoc({ name: 'Test' });
  addNode(doc, { id: 'a', type: 'input', position: { x: 0, y: 0 } });
  addNode(doc, { id: 'b', type: 'llm', position: { x: 300, y: 0 } });
  addNode(doc, { id: 'c', type: 'condition', position: { x: 600, y: 0 } });
  addNode(doc, { id: 'd', type: 'output', position: { x: 900, y: 0 } });
  let clock = 0;
  const commands = createGraphCommands(doc, { dragWriteIntervalMs: 50, now: () => clock });
  const tick = (ms: number) => {
    clock += ms;
  };
  const positionOf = (id: string) => readGraph(doc).nodes.find((node) => node.id === id)?.position;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, commands, tick, positionOf, updates };
}

const drag = (id: string, x: number, y: number, dragging: boolean): NodeChange<FlowNode> => ({
  type: 'position',
  id,
  position: { x, y },
  dragging,
});

describe('createGraphCommands', () => {
  it('writes a drag stop to the doc', () => {
    const { commands, positionOf } = setup();
    commands.nodesChanged([drag('b', 320, 40, false)]);
    expect(positionOf('b')).toEqual({ x: 320, y: 40 });
  });

  it('throttles writes during a drag but always writes where it stopped', () => {
    const { commands, tick, positionOf } = setup();
    commands.nodesChanged([drag('b', 301, 0, true)]);
    expect(positionOf('b')).toEqual({ x: 301, y: 0 });
    tick(10);
    commands.nodesChanged([drag('b', 302, 0, true)]);
    expect(positionOf('b')).toEqual({ x: 301, y: 0 });
    tick(50);
    commands.nodesChanged([drag('b', 303, 0, true)]);
    expect(positionOf('b')).toEqual({ x: 303, y: 0 });
    tick(1);
    commands.nodesChanged([drag('b', 304, 0, false)]);
    expect(positionOf('b')).toEqual({ x: 304, y: 0 });
  });

  it('moves a multi-node selection in one doc update', () => {
    const { commands, positionOf, updates } = setup();
    commands.nodesChanged([drag('a', 10, 10, false), drag('b', 310, 10, false)]);
    expect(positionOf('a')).toEqual({ x: 10, y: 10 });
    expect(positionOf('b')).toEqual({ x: 310, y: 10 });
    expect(updates).toHaveLength(1);
  });

  it('ignores view-only changes', () => {
    const { commands, updates } = setup();
    commands.nodesChanged([
      { type: 'select', id: 'a', selected: true },
      { type: 'dimensions', id: 'a', dimensions: { width: 200, height: 80 } },
    ]);
    expect(updates).toHaveLength(0);
  });

  it('removes nodes with their edges, tolerating React Flow also removing those edges', () => {
    const { doc, commands } = setup();
    const edge = connect(doc, { source: 'a', target: 'b' });
    expect(edge).not.toBeNull();
    commands.nodesChanged([{ type: 'remove', id: 'b' }]);
    commands.edgesChanged([{ type: 'remove', id: edge ?? '' }]);
    const graph = readGraph(doc);
    expect(graph.nodes.map((node) => node.id)).toEqual(['a', 'c', 'd']);
    expect(graph.edges).toEqual([]);
  });

  it('connects through the doc, keeping the chosen handles, and refuses duplicates', () => {
    const { doc, commands } = setup();
    const id = commands.connected({ source: 'c', sourceHandle: 'false', target: 'd', targetHandle: 'in' });
    expect(id).not.toBeNull();
    expect(readGraph(doc).edges).toEqual([
      { id, source: 'c', sourceHandle: 'false', target: 'd', targetHandle: 'in' },
    ]);
    expect(
      commands.connected({ source: 'c', sourceHandle: 'false', target: 'd', targetHandle: 'in' }),
    ).toBeNull();
  });

  it('adds a node with default config at a rounded position', () => {
    const { doc, commands } = setup();
    const id = commands.added('code', { x: 10.4, y: 19.6 });
    const node = readGraph(doc).nodes.find((candidate) => candidate.id === id);
    expect(node).toMatchObject({ type: 'code', position: { x: 10, y: 20 } });
  });

  it('disconnects removed edges', () => {
    const { doc, commands } = setup();
    const id = commands.connected({ source: 'a', sourceHandle: null, target: 'b', targetHandle: null }) ?? '';
    commands.edgesChanged([{ type: 'remove', id }]);
    expect(readGraph(doc).edges).toEqual([]);
  });
});

describe('local changes', () => {
  it('keeps view state local and leaves removals to the doc', () => {
    const nodeChanges: NodeChange<FlowNode>[] = [
      { type: 'select', id: 'a', selected: true },
      { type: 'remove', id: 'a' },
      drag('b', 1, 1, true),
    ];
    expect(localNodeChanges(nodeChanges).map((change) => change.type)).toEqual(['select', 'position']);
    const edgeChanges: EdgeChange<FlowEdge>[] = [
      { type: 'select', id: 'e', selected: true },
      { type: 'remove', id: 'e' },
    ];
    expect(localEdgeChanges(edgeChanges).map((change) => change.type)).toEqual(['select']);
  });
});
