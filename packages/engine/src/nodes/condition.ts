import { parseExpression } from '@tandem/workflow';
import { NodeFailure } from '../errors';
import { evaluateCondition } from '../expression-eval';
import type { NodeExecutor } from './types';

/**
 * Outputs the boolean its expression evaluates to and takes the matching branch. The output alone decides
 * the branch, so a resumed run recomputes the same skips from stored outputs.
 */
export const executeCondition: NodeExecutor<'condition'> = async (node, context) => {
  const parsed = parseExpression(node.config.expression);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new NodeFailure('user', `Invalid expression at line ${line}, column ${column}: ${message}`);
  }
  const result = evaluateCondition(parsed.ast, context.scope);
  return { output: result, branch: result ? 'true' : 'false' };
};
