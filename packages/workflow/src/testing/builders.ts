import { CURRENT_SCHEMA_VERSION } from '../doc-layout';
import { NODE_TYPE_SPECS, type NodeType } from '../node-types';
import {
  type ConfigOf,
  defaultConfig,
  type EdgeDefinition,
  type NodeDefinition,
  nodeDefinitionSchema,
  type WorkflowDefinition,
} from '../schemas';

/** A node with its type's default config overlaid by `config` (for tests and benchmarks). */
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

/** A definition of the current schema version around the given nodes and edges. */
export function definition(
  nodes: NodeDefinition[],
  edges: EdgeDefinition[],
  name = 'test',
): WorkflowDefinition {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, name, description: '', nodes, edges };
}
