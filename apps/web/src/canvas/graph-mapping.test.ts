import type { Graph } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import type { FlowNode } from './flow-types';
import { toFlowEdges, toFlowNode, toFlowNodes } from './graph-mapping';

function graph(overrides: Partial<Graph> = {}): Graph {
  return {
    meta: { name: 'Triage', description: '', schemaVersion: 2 },
    nodes: [
      {
        id: 'in',
        type: 'input',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        label: '',
        config: { fields: [{ name: 'ticket', type: 'string', required: true, description: '' }] },
      },
      {
        id: 'ask',
        type: 'llm',
        typeVersion: 1,
        position: { x: 300, y: 40 },
        label: 'Classify',
        config: {
          provider: 'openai',
          model: 'gpt-4o-mini',
          systemPrompt: 'You are terse.',
          userPrompt: 'Classify   this\nticket: {{inputs.ticket}}',
          temperature: 0.2,
          maxTokens: 256,
          jsonMode: true,
        },
      },
      {
        id: 'call',
        type: 'http',
        typeVersion: 1,
        position: { x: 600, y: 0 },
        label: '',
        config: { method: 'post', urlTemplate: 'https://example.test/hook', headers: {}, bodyTemplate: '' },
      },
    ],
    edges: [
      { id: 'e1', source: 'in', sourceHandle: 'out', target: 'ask', targetHandle: 'in' },
      { id: 'e2', source: 'gate', sourceHandle: 'true', target: 'call', targetHandle: 'in' },
    ],
    ...overrides,
  };
}

describe('toFlowNode', () => {
  it('gives each known type its typed summary and falls back to the type label', () => {
    const [input, llm, http] = toFlowNodes(graph());
    expect(input).toMatchObject({
      id: 'in',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { label: 'Input', summary: { fields: [{ name: 'ticket', type: 'string', required: true }] } },
    });
    expect(llm).toMatchObject({
      type: 'llm',
      data: {
        label: 'Classify',
        summary: {
          provider: 'openai',
          model: 'gpt-4o-mini',
          prompt: 'Classify this ticket: {{inputs.ticket}}',
          temperature: 0.2,
          jsonMode: true,
        },
      },
    });
    expect(http).toMatchObject({
      type: 'http',
      data: { summary: { method: 'POST', url: 'https://example.test/hook' } },
    });
  });

  it('keeps a node of an unknown type visible instead of dropping it', () => {
    const node = toFlowNode({
      id: 'x',
      type: 'vector-search',
      typeVersion: 3,
      position: { x: 1, y: 2 },
      label: '',
      config: {},
    });
    expect(node).toEqual({
      id: 'x',
      type: 'unknown',
      position: { x: 1, y: 2 },
      data: { label: 'vector-search', typeName: 'vector-search', problems: [] },
    });
  });

  it('tolerates malformed config fields', () => {
    const node = toFlowNode({
      id: 'a',
      type: 'llm',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      label: '',
      config: { provider: 42, temperature: 'hot', userPrompt: null },
    });
    expect(node.data).toMatchObject({ summary: { provider: '', model: '', prompt: '', temperature: null } });
  });

  it('cuts long prompts with an ellipsis', () => {
    const node = toFlowNode({
      id: 't',
      type: 'template',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      label: '',
      config: { template: 'word '.repeat(100) },
    });
    const summary = node.type === 'template' ? node.data.summary.template : '';
    expect(summary.length).toBeLessThanOrEqual(90);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('toFlowNodes', () => {
  it('attaches the validation problems of each node', () => {
    const nodes = toFlowNodes(graph(), [], new Map([['ask', ['Missing model']]]));
    expect(nodes.find((node) => node.id === 'ask')?.data.problems).toEqual(['Missing model']);
    expect(nodes.find((node) => node.id === 'in')?.data.problems).toEqual([]);
  });

  it('reuses unchanged node objects so memoised cards do not re-render', () => {
    const first = toFlowNodes(graph());
    const second = toFlowNodes(graph(), first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it('takes positions from the doc but keeps view state (selection, size)', () => {
    const previous: FlowNode[] = toFlowNodes(graph()).map((node) =>
      node.id === 'ask' ? { ...node, selected: true, measured: { width: 260, height: 120 } } : node,
    );
    const moved = graph();
    const ask = moved.nodes[1];
    if (ask) ask.position = { x: 999, y: 5 };
    const next = toFlowNodes(moved, previous).find((node) => node.id === 'ask');
    expect(next).toMatchObject({
      position: { x: 999, y: 5 },
      selected: true,
      measured: { width: 260, height: 120 },
    });
  });

  it('keeps the local position of a node being dragged (the doc lags behind the pointer)', () => {
    const previous = toFlowNodes(graph()).map((node) =>
      node.id === 'ask' ? { ...node, dragging: true, position: { x: 350, y: 60 } } : node,
    );
    const next = toFlowNodes(graph(), previous).find((node) => node.id === 'ask');
    expect(next?.position).toEqual({ x: 350, y: 60 });
  });

  it('drops nodes that left the doc', () => {
    const previous = toFlowNodes(graph());
    const next = toFlowNodes(graph({ nodes: graph().nodes.slice(0, 1) }), previous);
    expect(next.map((node) => node.id)).toEqual(['in']);
  });
});

describe('toFlowEdges', () => {
  it('maps handles and marks condition branches', () => {
    const [plain, branch] = toFlowEdges(graph());
    expect(plain).toMatchObject({
      id: 'e1',
      source: 'in',
      sourceHandle: 'out',
      target: 'ask',
      targetHandle: 'in',
    });
    expect(plain?.className).toBeUndefined();
    expect(branch).toMatchObject({ id: 'e2', sourceHandle: 'true', className: 'edge--true' });
  });

  it('keeps selection and unchanged edge objects', () => {
    const first = toFlowEdges(graph()).map((edge) => (edge.id === 'e1' ? { ...edge, selected: true } : edge));
    const second = toFlowEdges(graph(), first);
    expect(second[0]).toBe(first[0]);
    expect(second[0]?.selected).toBe(true);
  });
});
