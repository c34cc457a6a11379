import type { NodeExecutor } from './types';

/** An input node outputs the run inputs it declares (already validated and defaulted). */
export const executeInput: NodeExecutor<'input'> = async (node, context) => {
  const output: Record<string, unknown> = {};
  for (const field of node.config.fields) output[field.name] = context.scope.inputs[field.name] ?? null;
  return { output };
};
