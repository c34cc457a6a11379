import type { NodeExecutor } from './types';

/**
 * Combines the outputs of its live inputs: `{ [sourceId]: output }` or an array in edge order. Inputs from
 * skipped branches are simply absent, so a merge after a condition sees only the branch that ran.
 */
export const executeMerge: NodeExecutor<'merge'> = async (node, context) => {
  const values = context.liveSources.map((id) => [id, context.scope.outputs.get(id)] as const);
  return {
    output: node.config.mode === 'array' ? values.map(([, value]) => value) : Object.fromEntries(values),
  };
};
