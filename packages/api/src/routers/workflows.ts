import { contentHash, parseWorkflowJson, UserError, validate } from '@tandem/workflow';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc';

export const workflowsRouter = router({
  /**
   * Checks an exported workflow before it is imported: a shape error names the field; a well-formed
   * graph comes back with its problems (cycles, dangling references) and its content hash.
   */
  checkImport: publicProcedure.input(z.object({ json: z.unknown() })).mutation(({ input }) => {
    const parsed = parseWorkflowJson(input.json);
    if (!parsed.ok) {
      throw new UserError('BAD_REQUEST', 'This is not a Tandem workflow export.', parsed.issues);
    }
    return {
      name: parsed.definition.name,
      nodeCount: parsed.definition.nodes.length,
      edgeCount: parsed.definition.edges.length,
      problems: validate(parsed.definition),
      contentHash: contentHash(parsed.definition),
    };
  }),
});
