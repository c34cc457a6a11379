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

/** An edge `source → target`; `handle` is the source handle (`true`/`false` for conditions). */
export function edge(source: string, target: string, handle = 'out'): EdgeDefinition {
  return { id: `${source}-${handle}-${target}`, source, sourceHandle: handle, target, targetHandle: 'in' };
}

export function workflow(nodes: NodeDefinition[], edges: EdgeDefinition[]): WorkflowDefinition {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, name: 'test', description: '', nodes, edges };
}

/** An llm node whose model name doubles as the ScriptedLlm script key. */
export function llm(id: string, userPrompt: string, extra: Partial<ConfigOf<'llm'>> = {}): NodeDefinition {
  return node(id, 'llm', { provider: 'mock', model: id, userPrompt, ...extra });
}
