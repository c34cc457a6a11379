import { describe, expect, it } from 'vitest';
import { materialise } from './materialise';
import type { ProblemCode } from './problems';
import { createSampleWorkflow } from './sample';
import type { NodeDefinition, WorkflowDefinition } from './schemas';
import { validate } from './validate';

function sample(): WorkflowDefinition {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('sample must materialise');
  return structuredClone(result.definition);
}

function node(definition: WorkflowDefinition, id: string): NodeDefinition {
  const found = definition.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
}

function codes(definition: WorkflowDefinition): ProblemCode[] {
  return validate(definition).map((problem) => problem.code);
}

describe('validate', () => {
  it('finds nothing wrong with the sample', () => {
    expect(validate(sample())).toEqual([]);
  });

  it('reports cycles on every node in them', () => {
    const definition = sample();
    definition.edges.push({
      id: 'back',
      source: 'merge',
      sourceHandle: 'out',
      target: 'classify',
      targetHandle: 'in',
    });
    const cycle = validate(definition).filter((problem) => problem.code === 'cycle');
    expect(cycle.map((problem) => problem.nodeId).sort()).toEqual([
      'billingReply',
      'classify',
      'lookup',
      'merge',
      'route',
    ]);
  });

  it('reports self-loops as cycles', () => {
    const definition = sample();
    definition.edges.push({
      id: 'self',
      source: 'merge',
      sourceHandle: 'out',
      target: 'merge',
      targetHandle: 'in',
    });
    expect(validate(definition)).toContainEqual(expect.objectContaining({ code: 'cycle', nodeId: 'merge' }));
  });

  it('reports edges to missing nodes', () => {
    const definition = sample();
    definition.edges.push({
      id: 'ghost',
      source: 'merge',
      sourceHandle: 'out',
      target: 'nobody',
      targetHandle: 'in',
    });
    expect(validate(definition)).toContainEqual(
      expect.objectContaining({ code: 'edge-missing-node', edgeId: 'ghost' }),
    );
  });

  it('reports unknown node types', () => {
    const definition = sample();
    definition.nodes.push({
      ...node(definition, 'merge'),
      id: 'odd',
      type: 'magic',
    } as unknown as NodeDefinition);
    expect(validate(definition)).toContainEqual(
      expect.objectContaining({ code: 'unknown-node-type', nodeId: 'odd' }),
    );
  });

  it('reports missing required config with the field', () => {
    const definition = sample();
    const llm = node(definition, 'classify');
    if (llm.type === 'llm') llm.config.model = ' ';
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'missing-config', nodeId: 'classify', field: 'model' }),
    ]);
  });

  it('reports invalid config: bad values, newer type versions, bad expressions, duplicate input fields', () => {
    const definition = sample();
    const llm = node(definition, 'classify');
    if (llm.type === 'llm') llm.config.temperature = 5;
    node(definition, 'merge').typeVersion = 99;
    const route = node(definition, 'route');
    if (route.type === 'condition') route.config.expression = 'nodes.classify.output.category = "billing"';
    const input = node(definition, 'input');
    if (input.type === 'input')
      input.config.fields.push({ name: 'question', type: 'string', required: true, description: '' });
    const problems = validate(definition).filter((problem) => problem.code === 'invalid-config');
    expect(problems.map((problem) => [problem.nodeId, problem.field])).toEqual([
      ['classify', 'temperature'],
      ['input', 'fields'],
      ['merge', 'typeVersion'],
      ['route', 'expression'],
    ]);
    expect(problems[3]?.message).toContain('column');
  });

  it('reports template and expression references to nodes that are not upstream', () => {
    const definition = sample();
    const reply = node(definition, 'billingReply');
    if (reply.type === 'template') reply.config.template = 'See {{nodes.lookup.output.body}}';
    const route = node(definition, 'route');
    if (route.type === 'condition') route.config.expression = 'nodes.merge.output != null';
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'reference-not-upstream', nodeId: 'billingReply', field: 'template' }),
      expect.objectContaining({ code: 'reference-not-upstream', nodeId: 'route', field: 'expression' }),
    ]);
  });

  it('reports references to unknown nodes and undeclared inputs', () => {
    const definition = sample();
    const lookup = node(definition, 'lookup');
    if (lookup.type === 'http') {
      lookup.config.headers = { 'X-User': '{{inputs.userId}}' };
      lookup.config.bodyTemplate = '{{nodes.nobody.output}}';
    }
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'unknown-reference', nodeId: 'lookup', field: 'bodyTemplate' }),
      expect.objectContaining({ code: 'unknown-reference', nodeId: 'lookup', field: 'headers' }),
    ]);
  });

  it('reports outputs no input reaches', () => {
    const definition = sample();
    definition.edges = definition.edges.filter((edge) => edge.target !== 'answer');
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'output-unreachable', nodeId: 'answer' }),
    ]);
  });

  it('reports a missing input or output', () => {
    const empty: WorkflowDefinition = { schemaVersion: 2, name: 'e', description: '', nodes: [], edges: [] };
    expect(codes(empty)).toEqual(['no-input', 'no-output']);
  });

  it('reports duplicate node and edge ids', () => {
    const definition = sample();
    definition.nodes.push(structuredClone(node(definition, 'merge')));
    const edge = definition.edges[0];
    if (edge) definition.edges.push({ ...edge });
    const duplicates = validate(definition).filter((problem) => problem.code === 'duplicate-id');
    expect(duplicates).toEqual([
      expect.objectContaining({ nodeId: 'merge' }),
      expect.objectContaining({ edgeId: edge?.id }),
    ]);
  });

  it('reports handles that do not exist on the node type', () => {
    const definition = sample();
    definition.edges.push({
      id: 'h1',
      source: 'route',
      sourceHandle: 'maybe',
      target: 'merge',
      targetHandle: 'in',
    });
    definition.edges.push({
      id: 'h2',
      source: 'merge',
      sourceHandle: 'out',
      target: 'input',
      targetHandle: 'in',
    });
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'invalid-handle', edgeId: 'h1', nodeId: 'route' }),
      expect.objectContaining({ code: 'invalid-handle', edgeId: 'h2', nodeId: 'input' }),
    ]);
  });
  it('reports an llm node without a model (blank or whitespace) as missing config', () => {
    for (const model of ['', '  \t']) {
      const definition = sample();
      const llm = node(definition, 'classify');
      if (llm.type === 'llm') llm.config.model = model;
      expect(validate(definition)).toEqual([
        { code: 'missing-config', nodeId: 'classify', field: 'model', message: 'LLM needs a model.' },
      ]);
    }
  });

  it('stays total on configs that were never parsed, reporting them instead of throwing', () => {
    const definition = sample();
    (node(definition, 'input') as { config: unknown }).config = { fields: 'question' };
    (node(definition, 'route') as { config: unknown }).config = { expression: 5 };
    (node(definition, 'billingReply') as { config: unknown }).config = null;
    let problems: ReturnType<typeof validate> = [];
    expect(() => {
      problems = validate(definition);
    }).not.toThrow();
    const invalid = problems.filter((problem) => problem.code === 'invalid-config');
    expect(invalid.map((problem) => problem.nodeId).sort()).toEqual(['billingReply', 'input', 'route']);
  });

  it('reports a repeated broken reference once per node and field', () => {
    const definition = sample();
    const reply = node(definition, 'billingReply');
    if (reply.type === 'template')
      reply.config.template =
        '{{inputs.nope}} {{ inputs.nope }} {{nodes.zzz.output.a}} {{nodes.zzz.output.b}}';
    expect(validate(definition)).toEqual([
      expect.objectContaining({
        code: 'unknown-reference',
        nodeId: 'billingReply',
        message: 'No input node declares "nope".',
      }),
      expect.objectContaining({
        code: 'unknown-reference',
        nodeId: 'billingReply',
        message: 'There is no node "zzz".',
      }),
    ]);
  });

  it('reports malformed and unterminated references in template fields, with spaces allowed', () => {
    const definition = sample();
    const reply = node(definition, 'billingReply');
    if (reply.type === 'template')
      reply.config.template =
        'ok: {{ nodes.classify.output.summary }} bad: {{nodes.classify.output.}} open: {{inputs.question';
    const lookup = node(definition, 'lookup');
    if (lookup.type === 'http') lookup.config.headers = { 'X-Q': '{{ inputs }}' };
    expect(validate(definition)).toEqual([
      expect.objectContaining({
        code: 'invalid-config',
        nodeId: 'billingReply',
        field: 'template',
        message: expect.stringContaining('{{nodes.classify.output.}}'),
      }),
      expect.objectContaining({
        code: 'invalid-config',
        nodeId: 'billingReply',
        field: 'template',
        message: expect.stringContaining('{{inputs.question'),
      }),
      expect.objectContaining({
        code: 'invalid-config',
        nodeId: 'lookup',
        field: 'headers',
        message: expect.stringContaining('{{ inputs }}'),
      }),
    ]);
  });

  it('reports output nodes that share a name', () => {
    const definition = sample();
    definition.nodes.push({
      id: 'answer2',
      type: 'output',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { name: 'answer' },
    });
    definition.edges.push({
      id: 'e_merge_answer2',
      source: 'merge',
      sourceHandle: 'out',
      target: 'answer2',
      targetHandle: 'in',
    });
    expect(validate(definition)).toEqual([
      expect.objectContaining({ code: 'invalid-config', nodeId: 'answer', field: 'name' }),
      expect.objectContaining({ code: 'invalid-config', nodeId: 'answer2', field: 'name' }),
    ]);
  });
});
