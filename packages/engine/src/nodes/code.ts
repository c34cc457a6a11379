import type { NodeExecutor } from './types';

/**
 * Runs the node's source in the sandbox with `inputs` and `nodes` (every upstream node's output, as
 * `nodes.<id>.output`, mirroring the template syntax).
 */
export const executeCode: NodeExecutor<'code'> = async (node, context) => {
  const nodes: Record<string, { output: unknown }> = {};
  for (const id of context.ancestors) {
    if (context.scope.outputs.has(id)) nodes[id] = { output: context.scope.outputs.get(id) };
  }
  const output = await context.ports.code.run({
    source: node.config.source,
    inputs: { ...context.scope.inputs },
    nodes,
    timeoutMs: node.config.timeoutMs,
    memoryLimitBytes: context.limits.code.memoryLimitBytes,
    maxStackSizeBytes: context.limits.code.maxStackSizeBytes,
    maxOutputBytes: context.limits.code.maxOutputBytes,
    signal: context.signal,
  });
  return { output };
};
