import type { ConfigOf, EdgeDefinition, NodeDefinition, WorkflowDefinition } from '@tandem/workflow';
import { definition, node } from '@tandem/workflow/testing';

export { edge, node } from '@tandem/workflow/testing';

export function workflow(nodes: NodeDefinition[], edges: EdgeDefinition[]): WorkflowDefinition {
  return definition(nodes, edges);
}

/** An llm node whose model name doubles as the ScriptedLlm script key. */
export function llm(id: string, userPrompt: string, extra: Partial<ConfigOf<'llm'>> = {}): NodeDefinition {
  return node(id, 'llm', { provider: 'mock', model: id, userPrompt, ...extra });
}
