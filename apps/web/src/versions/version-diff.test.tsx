// @vitest-environment jsdom
import { createSampleWorkflow, materialise, type WorkflowDefinition } from '@tandem/workflow';
import { cleanup, render } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NodeDecorationsContext } from '../canvas/decorations';
import { toFlowNode } from '../canvas/graph-mapping';
import { NODE_COMPONENTS } from '../canvas/nodes/node-types';
import { diffOverlay, ghostId } from './version-diff';

afterEach(cleanup);

beforeAll(() => {
  // jsdom has no layout: React Flow only needs the observer to exist.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

function sample(): WorkflowDefinition {
  const result = materialise(createSampleWorkflow());
  if (!result.definition) throw new Error('sample did not materialise');
  return result.definition;
}

describe('version diff → canvas decorations', () => {
  it('marks added, changed (with fields) and removed nodes and edges', () => {
    const version = sample();
    const removed = version.nodes[0];
    const changed = version.nodes.find((node) => node.type === 'llm');
    if (!removed || !changed) throw new Error('sample has no nodes');
    const draft: WorkflowDefinition = {
      ...version,
      nodes: [
        ...version.nodes
          .filter((node) => node.id !== removed.id)
          .map((node) =>
            node.id === changed.id
              ? { ...node, position: { x: 1, y: 2 }, config: { ...node.config, userPrompt: 'New prompt' } }
              : node,
          ),
        {
          id: 'extra',
          type: 'template',
          typeVersion: 1,
          position: { x: 0, y: 0 },
          config: { template: 'x' },
        },
      ],
      edges: version.edges.filter((edge) => edge.source !== removed.id && edge.target !== removed.id),
    } as WorkflowDefinition;

    const overlay = diffOverlay(version, draft);
    expect(overlay.decorations.get('extra')?.diff?.kind).toBe('added');
    expect(overlay.decorations.get(changed.id)?.diff).toEqual({
      kind: 'changed',
      fields: ['moved', 'User prompt'],
    });
    expect(overlay.ghostNodes.map((node) => node.id)).toEqual([ghostId(removed.id)]);
    expect(overlay.decorations.get(ghostId(removed.id))?.diff?.kind).toBe('removed');
    const removedEdges = version.edges.filter((e) => e.source === removed.id || e.target === removed.id);
    expect(overlay.ghostEdges).toHaveLength(removedEdges.length);
    expect(overlay.ghostEdges.every((edge) => edge.className === 'edge--diff-removed')).toBe(true);
    expect(
      overlay.ghostEdges.every(
        (edge) => edge.source === ghostId(removed.id) || edge.target === ghostId(removed.id),
      ),
    ).toBe(true);
    expect(overlay.counts.added).toBe(1);
  });

  it('draws the decoration on the node card', () => {
    const decorations = new Map([
      [
        'n1',
        {
          diff: { kind: 'changed' as const, fields: ['User prompt'] },
          run: { status: 'streaming' as const, preview: 'Hel', attempts: 1, error: null },
        },
      ],
    ]);
    const node = toFlowNode({
      id: 'n1',
      type: 'llm',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      label: 'Classify',
      config: { provider: 'mock', model: 'm', userPrompt: 'Hi' },
    });
    const { container } = render(
      <div style={{ width: 800, height: 600 }}>
        <ReactFlowProvider>
          <NodeDecorationsContext.Provider value={decorations}>
            <ReactFlow nodes={[node]} edges={[]} nodeTypes={NODE_COMPONENTS} />
          </NodeDecorationsContext.Provider>
        </ReactFlowProvider>
      </div>,
    );
    const card = container.querySelector('.tnode') as HTMLElement;
    expect(card.dataset.diff).toBe('changed');
    expect(card.className).toContain('diff--changed');
    expect(card.textContent).toContain('User prompt');
    expect(card.dataset.runStatus).toBe('streaming');
    expect(card.textContent).toContain('Streaming');
    expect(card.querySelector('.tnode__stream')?.textContent).toBe('Hel');
  });
});
