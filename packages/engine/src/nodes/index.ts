import { assertNever, type NodeDefinition } from '@tandem/workflow';
import { executeCode } from './code';
import { executeCondition } from './condition';
import { executeHttp } from './http';
import { executeInput } from './input';
import { executeLlm } from './llm';
import { executeMerge } from './merge';
import { executeOutput } from './output';
import { executeTemplate } from './template';
import type { NodeContext, NodeResult } from './types';

/** Dispatches a node to the executor of its type. */
export function executeNode(node: NodeDefinition, context: NodeContext): Promise<NodeResult> {
  switch (node.type) {
    case 'input':
      return executeInput(node, context);
    case 'llm':
      return executeLlm(node, context);
    case 'template':
      return executeTemplate(node, context);
    case 'condition':
      return executeCondition(node, context);
    case 'http':
      return executeHttp(node, context);
    case 'code':
      return executeCode(node, context);
    case 'merge':
      return executeMerge(node, context);
    case 'output':
      return executeOutput(node, context);
    default:
      return assertNever(node);
  }
}
