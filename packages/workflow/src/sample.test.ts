import { describe, expect, it } from 'vitest';
import { materialise } from './materialise';
import { readGraph } from './read-graph';
import { createSampleWorkflow } from './sample';

describe('createSampleWorkflow', () => {
  it('materialises with zero problems and covers the main node types', () => {
    const doc = createSampleWorkflow();
    const result = materialise(doc);
    expect(result).toMatchObject({ ok: true });
    expect(new Set(readGraph(doc).nodes.map((node) => node.type))).toEqual(
      new Set(['input', 'llm', 'condition', 'template', 'http', 'merge', 'output']),
    );
  });

  it('routes the condition branches to the template and the http request', () => {
    const edges = readGraph(createSampleWorkflow()).edges;
    expect(
      edges.filter((edge) => edge.source === 'route').map((edge) => [edge.sourceHandle, edge.target]),
    ).toEqual([
      ['true', 'billingReply'],
      ['false', 'lookup'],
    ]);
  });
});
