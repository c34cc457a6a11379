import type { EdgeDefinition, NodeDefinition, WorkflowDefinition } from '@tandem/workflow';
import { definition as build, edge, node } from '@tandem/workflow/testing';

export { edge, node };

export function definition(
  name: string,
  nodes: NodeDefinition[],
  edges: EdgeDefinition[],
): WorkflowDefinition {
  return build(nodes, edges, name);
}

const topicInput = node('input', 'input', {
  fields: [{ name: 'topic', type: 'string', required: true, description: '' }],
});

/** input → llm (mock, fixed reply unless a prompt is given) → output. */
export function linearFlow(
  prompt = 'Say hi about {{inputs.topic}} [[mock:reply=Hello otters]]',
): WorkflowDefinition {
  return definition(
    'Linear',
    [
      topicInput,
      node('ask', 'llm', { provider: 'mock', model: 'mock-small', userPrompt: prompt }),
      node('out', 'output', { name: 'answer' }),
    ],
    [edge('input', 'ask'), edge('ask', 'out')],
  );
}

/** input(flag) → condition → yes | no templates → their own outputs. */
export function branchFlow(): WorkflowDefinition {
  return definition(
    'Branch',
    [
      node('input', 'input', {
        fields: [{ name: 'flag', type: 'boolean', required: true, description: '' }],
      }),
      node('check', 'condition', { expression: 'inputs.flag == true' }),
      node('yes', 'template', { template: 'took yes' }),
      node('no', 'template', { template: 'took no' }),
      node('yesOut', 'output', { name: 'yes' }),
      node('noOut', 'output', { name: 'no' }),
    ],
    [
      edge('input', 'check'),
      edge('check', 'yes', 'true'),
      edge('check', 'no', 'false'),
      edge('yes', 'yesOut'),
      edge('no', 'noOut'),
    ],
  );
}

/** input → two model nodes answering after `latencyMs` each, side by side → merge → output. */
export function parallelFlow(latencyMs: number): WorkflowDefinition {
  const ask = (id: string, reply: string) =>
    node(id, 'llm', {
      provider: 'mock',
      model: 'mock-small',
      userPrompt: `{{inputs.topic}} [[mock:latency=${latencyMs}]] [[mock:reply=${reply}]]`,
    });
  return definition(
    'Parallel',
    [
      topicInput,
      ask('left', 'L'),
      ask('right', 'R'),
      node('both', 'merge', { mode: 'object' }),
      node('out', 'output', { name: 'both' }),
    ],
    [
      edge('input', 'left'),
      edge('input', 'right'),
      edge('left', 'both'),
      edge('right', 'both'),
      edge('both', 'out'),
    ],
  );
}

/** input → model (JSON) → template reading a field the answer does not have → output. */
export function missingFieldFlow(): WorkflowDefinition {
  return definition(
    'Missing field',
    [
      topicInput,
      node('ask', 'llm', {
        provider: 'mock',
        model: 'mock-small',
        userPrompt: '{{inputs.topic}} [[mock:reply={"category":"billing"}]]',
        jsonMode: true,
      }),
      node('format', 'template', { template: 'S: {{nodes.ask.output.summary}}' }),
      node('out', 'output', { name: 'answer' }),
    ],
    [edge('input', 'ask'), edge('ask', 'format'), edge('format', 'out')],
  );
}
