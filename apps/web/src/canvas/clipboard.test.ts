import { createSampleWorkflow, createWorkflowDoc, readGraph } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import {
  CLIPBOARD_KIND,
  copySelection,
  insertPayload,
  parseClipboard,
  rekeyPayload,
  serializeClipboard,
} from './clipboard';

const sample = () => readGraph(createSampleWorkflow());

describe('clipboard payloads', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const payload = copySelection(sample(), new Set(['classify', 'route', 'answer']));
    expect(payload.nodes.map((node) => node.id)).toEqual(['answer', 'classify', 'route']);
    expect(payload.edges.map((edge) => edge.id)).toEqual(['e_classify_route']);
    expect(payload.nodes.find((node) => node.id === 'classify')).toMatchObject({
      type: 'llm',
      label: 'Classify question',
      config: { userPrompt: 'Customer question: {{inputs.question}}' },
    });
  });

  it('round-trips through text', () => {
    const payload = copySelection(sample(), new Set(['classify', 'route']));
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
  });

  it('ignores foreign or malformed text without throwing', () => {
    for (const text of [
      '',
      'hello',
      '{"nodes":[]}',
      JSON.stringify({ kind: 'other', version: 1, nodes: [], edges: [] }),
      JSON.stringify({ kind: CLIPBOARD_KIND, version: 99, nodes: [], edges: [] }),
      JSON.stringify({ kind: CLIPBOARD_KIND, version: 1, nodes: [{ id: 'x', type: 'rocket' }], edges: [] }),
      JSON.stringify({ kind: CLIPBOARD_KIND, version: 1, nodes: 'no', edges: [] }),
      'null',
    ]) {
      expect(parseClipboard(text)).toBeNull();
    }
  });

  it('drops invalid entries and edges to nodes not in the payload', () => {
    const text = JSON.stringify({
      kind: CLIPBOARD_KIND,
      version: 1,
      nodes: [
        { id: 'a', type: 'merge', typeVersion: 1, position: { x: 0, y: 0 }, config: { mode: 'array' } },
        { id: 'b', type: 'merge', typeVersion: 1, position: { x: 'x', y: 0 }, config: {} },
      ],
      edges: [{ id: 'e', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' }],
    });
    expect(parseClipboard(text)).toEqual({
      nodes: [
        { id: 'a', type: 'merge', typeVersion: 1, position: { x: 0, y: 0 }, config: { mode: 'array' } },
      ],
      edges: [],
    });
  });

  it('re-keys with fresh ids, rewires edges and offsets positions', () => {
    const payload = copySelection(sample(), new Set(['classify', 'route']));
    let n = 0;
    const copy = rekeyPayload(payload, { x: 40, y: 40 }, (prefix) => `${prefix}_copy${n++}`);
    expect(copy.nodes.map((node) => [node.id, node.position])).toEqual([
      ['llm_copy0', { x: 320, y: 240 }],
      ['condition_copy1', { x: 600, y: 240 }],
    ]);
    expect(copy.edges).toEqual([
      {
        id: 'e_copy2',
        source: 'llm_copy0',
        sourceHandle: 'out',
        target: 'condition_copy1',
        targetHandle: 'in',
      },
    ]);
    expect(payload.nodes[0]?.id).toBe('classify');
  });

  it('inserts a pasted payload as one transaction with prompts as shared text', () => {
    const doc = createWorkflowDoc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const copy = rekeyPayload(copySelection(sample(), new Set(['classify', 'route'])), { x: 0, y: 0 });
    const ids = insertPayload(doc, copy);
    expect(transactions).toBe(1);
    const graph = readGraph(doc);
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([...ids].sort());
    expect(graph.edges).toHaveLength(1);
  });
});
