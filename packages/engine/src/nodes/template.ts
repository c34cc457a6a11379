import { renderTemplate } from '../template-render';
import type { NodeExecutor } from './types';

/** Outputs its template rendered over the inputs and upstream outputs. */
export const executeTemplate: NodeExecutor<'template'> = async (node, context) => ({
  output: renderTemplate(node.config.template, context.scope),
});
