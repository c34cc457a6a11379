import {
  type ConfigOf,
  CURRENT_SCHEMA_VERSION,
  defaultConfig,
  type EdgeDefinition,
  NODE_TYPE_SPECS,
  type NodeDefinition,
  type NodeType,
  nodeDefinitionSchema,
  type WorkflowDefinition,
} from '@tandem/workflow';

/** A node with its type's default config overlaid by `config`. */
export function node<T extends NodeType>(
  id: string,
  type: T,
  config: Partial<ConfigOf<T>> = {},
): NodeDefinition {
  return nodeDefinitionSchema.parse({
    id,
    type,
    typeVersion: NODE_TYPE_SPECS[type].typeVersion,
    position: { x: 0, y: 0 },
    config: { ...defaultConfig(type), ...config },
  });
}

export function edge(source: string, target: string, handle = 'out'): EdgeDefinition {
  return { id: `${source}-${handle}-${target}`, source, sourceHandle: handle, target, targetHandle: 'in' };
}

export function definition(
  name: string,
  nodes: NodeDefinition[],
  edges: EdgeDefinition[],
): WorkflowDefinition {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, name, description: '', nodes, edges };
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
