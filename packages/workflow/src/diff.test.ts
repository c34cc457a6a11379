import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNode, connect, disconnect, moveNode, removeNode, setConfig, setMeta } from './accessors';
import { diff } from './diff';
import { contentHash } from './hash';
import { materialise } from './materialise';
import { createSampleWorkflow } from './sample';
import type { WorkflowDefinition } from './schemas';

function definitionOf(doc: Y.Doc): WorkflowDefinition {
  const result = materialise(doc);
  if (!result.definition) throw new Error('expected a definition');
  return result.definition;
}

describe('diff', () => {
  it('is empty for identical definitions', () => {
    const a = definitionOf(createSampleWorkflow());
    expect(diff(a, structuredClone(a))).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [], changed: [] },
      meta: [],
    });
  });

  it('reports added, removed and changed nodes and edges with the changed fields', () => {
    const doc = createSampleWorkflow();
    const before = definitionOf(doc);
    addNode(doc, { id: 'extra', type: 'code', position: { x: 0, y: 0 }, config: { source: 'return 1' } });
    removeNode(doc, 'lookup');
    moveNode(doc, 'classify', { x: 1, y: 1 });
    setConfig(doc, 'classify', 'userPrompt', 'Changed {{inputs.question}}');
    setConfig(doc, 'classify', 'temperature', 1);
    disconnect(doc, 'e_merge_answer');
    connect(doc, { id: 'e_merge_answer', source: 'billingReply', target: 'answer' });
    setMeta(doc, { name: 'v2' });
    const result = diff(before, definitionOf(doc));
    expect(result.nodes.added.map((node) => node.id)).toEqual(['extra']);
    expect(result.nodes.removed.map((node) => node.id)).toEqual(['lookup']);
    expect(result.nodes.changed).toEqual([
      { id: 'classify', fields: ['position', 'config.temperature', 'config.userPrompt'] },
    ]);
    expect(result.edges.removed.map((edge) => edge.id).sort()).toEqual(['e_lookup_merge', 'e_route_lookup']);
    expect(result.edges.changed).toEqual([{ id: 'e_merge_answer', fields: ['source'] }]);
    expect(result.meta).toEqual(['name']);
  });

  it('names type, label and handle changes', () => {
    const a = definitionOf(createSampleWorkflow());
    const b = structuredClone(a);
    const merge = b.nodes.find((node) => node.id === 'merge');
    if (merge) merge.label = 'Join';
    const edge = b.edges.find((candidate) => candidate.id === 'e_route_billing');
    if (edge) edge.sourceHandle = 'false';
    const result = diff(a, b);
    expect(result.nodes.changed).toEqual([{ id: 'merge', fields: ['label'] }]);
    expect(result.edges.changed).toEqual([{ id: 'e_route_billing', fields: ['sourceHandle'] }]);
  });
  it('does not report an edge deleted and drawn again between the same handles (the hash agrees)', () => {
    const doc = createSampleWorkflow();
    const before = definitionOf(doc);
    disconnect(doc, 'e_merge_answer');
    connect(doc, { id: 'e_redrawn', source: 'merge', target: 'answer' });
    connect(doc, { id: 'e_new', source: 'input', target: 'merge' });
    const after = definitionOf(doc);
    const result = diff(before, after);
    expect(result.edges).toEqual({
      added: [{ id: 'e_new', source: 'input', sourceHandle: 'out', target: 'merge', targetHandle: 'in' }],
      removed: [],
      changed: [],
    });
    disconnect(doc, 'e_new');
    expect(contentHash(definitionOf(doc))).toBe(contentHash(before));
    expect(diff(before, definitionOf(doc)).edges).toEqual({ added: [], removed: [], changed: [] });
  });
});
