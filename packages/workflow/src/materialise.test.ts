import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, connect, createWorkflowDoc, setLabel } from './accessors';
import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import { materialise } from './materialise';
import { createSampleWorkflow } from './sample';

describe('materialise', () => {
  it('turns the sample into a valid definition', () => {
    const result = materialise(createSampleWorkflow());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(result.definition.nodes).toHaveLength(7);
    const classify = result.definition.nodes.find((node) => node.id === 'classify');
    expect(classify).toMatchObject({ type: 'llm', label: 'Classify question', config: { jsonMode: true } });
    expect(result.definition.nodes.find((node) => node.id === 'merge')).not.toHaveProperty('label');
  });

  it('drops dangling edges silently', () => {
    const doc = createSampleWorkflow();
    doc
      .getMap('edges')
      .set('dangling', { source: 'merge', sourceHandle: 'out', target: 'deleted', targetHandle: 'in' });
    const result = materialise(doc);
    expect(result.ok).toBe(true);
    expect(result.ok && result.definition.edges.some((edge) => edge.id === 'dangling')).toBe(false);
  });

  it('keeps one edge (the first by id) when two replicas draw the same connection at once', () => {
    const base = createSampleWorkflow();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    connect(a, { id: 'e_b', source: 'input', target: 'merge' });
    connect(b, { id: 'e_a', source: 'input', target: 'merge' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const single = createSampleWorkflow();
    connect(single, { id: 'e_a', source: 'input', target: 'merge' });
    const merged = materialise(a);
    expect(merged).toEqual(materialise(b));
    expect(merged).toEqual(materialise(single));
    if (!merged.ok) throw new Error('expected the merged doc to materialise');
    expect(merged.definition.edges.filter((edge) => edge.source === 'input').map((edge) => edge.id)).toEqual([
      'e_a',
      'e_input_classify',
    ]);
  });

  it('reports unknown and missing node types and leaves them out of the partial definition', () => {
    const doc = createSampleWorkflow();
    const future = new Y.Map<unknown>();
    future.set('type', 'vector-search');
    doc.getMap('nodes').set('future', future);
    doc.getMap('nodes').set('typeless', new Y.Map());
    connect(doc, { source: 'merge', target: 'answer' });
    doc
      .getMap('edges')
      .set('toFuture', { source: 'merge', sourceHandle: 'out', target: 'future', targetHandle: 'in' });
    const result = materialise(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'unknown-node-type',
        nodeId: 'future',
        message: 'Unknown node type "vector-search".',
      }),
      expect.objectContaining({ code: 'unknown-node-type', nodeId: 'typeless' }),
    ]);
    expect(result.definition?.nodes.map((node) => node.id)).not.toContain('future');
    expect(result.definition?.edges.map((edge) => edge.id)).not.toContain('toFuture');
  });

  it('refuses a doc written by a newer schema version with a typed problem', () => {
    const doc = createSampleWorkflow();
    doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    expect(materialise(doc)).toEqual({
      ok: false,
      definition: null,
      problems: [expect.objectContaining({ code: 'schema-version-unsupported' })],
    });
  });

  it('reports invalid stored config values and falls back to defaults', () => {
    const doc = createSampleWorkflow();
    const config = (doc.getMap('nodes').get('classify') as Y.Map<unknown>).get('config') as Y.Map<unknown>;
    config.set('temperature', 'hot');
    config.set('maxTokens', -1);
    const node = doc.getMap('nodes').get('merge') as Y.Map<unknown>;
    node.delete('typeVersion');
    const result = materialise(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.code, problem.nodeId, problem.field])).toEqual([
      ['invalid-config', 'classify', 'temperature'],
      ['invalid-config', 'classify', 'maxTokens'],
      ['invalid-config', 'merge', 'typeVersion'],
    ]);
    const classify = result.definition?.nodes.find((candidate) => candidate.id === 'classify');
    expect(classify?.type === 'llm' && classify.config.temperature).toBe(0.7);
  });

  it('never throws on weird Yjs content', () => {
    const doc = createWorkflowDoc();
    const nodes = doc.getMap<unknown>('nodes');
    const weird = new Y.Map<unknown>();
    weird.set('type', 'llm');
    weird.set('position', 'top-left');
    weird.set('config', new Y.Text('not a map'));
    nodes.set('weird', weird);
    nodes.set('bad id!', new Y.Map());
    nodes.set('scalar', 'node');
    doc.getMap('edges').set('e', 42);
    doc.getMap('meta').set('schemaVersion', 'two');
    expect(() => materialise(doc)).not.toThrow();
    const result = materialise(doc);
    expect(result.ok).toBe(false);

    const broken = new Y.Doc();
    broken.getArray('nodes');
    expect(materialise(broken).ok).toBe(false);
  });

  it('leaves label out when empty and keeps it when set', () => {
    const doc = createWorkflowDoc();
    addNode(doc, { id: 'i', type: 'input', position: { x: 0, y: 0 } });
    addNode(doc, { id: 'o', type: 'output', position: { x: 0, y: 0 } });
    connect(doc, { source: 'i', target: 'o' });
    setLabel(doc, 'o', 'Result');
    const result = materialise(doc);
    expect(result.ok && result.definition.nodes.map((node) => node.label)).toEqual([undefined, 'Result']);
  });
});
