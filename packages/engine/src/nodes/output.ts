import type { NodeExecutor } from './types';

/** Passes its input through; with several live inputs, an object keyed by source id (like a merge). */
export const executeOutput: NodeExecutor<'output'> = async (_node, context) => {
  const [only, ...rest] = context.liveSources;
  if (only !== undefined && rest.length === 0) return { output: context.scope.outputs.get(only) ?? null };
  return { output: Object.fromEntries(context.liveSources.map((id) => [id, context.scope.outputs.get(id)])) };
};
