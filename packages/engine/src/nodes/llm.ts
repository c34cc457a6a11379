import type { LlmMessage } from '@tandem/llm';
import { NodeFailure } from '../errors';
import { renderTemplate } from '../template-render';
import type { NodeExecutor } from './types';

/**
 * Calls the model with the rendered prompts, streaming deltas. The output is the text, or the parsed object
 * in JSON mode (so `nodes.<id>.output.field` works). The idempotency key is `${runId}:${nodeId}:${attempt}`,
 * so a resumed run repeating an interrupted attempt can be answered from the provider's stored result.
 */
export const executeLlm: NodeExecutor<'llm'> = async (node, context) => {
  const { config } = node;
  const system = renderTemplate(config.systemPrompt, context.scope);
  const user = renderTemplate(config.userPrompt, context.scope);
  const messages: LlmMessage[] = [];
  if (system.trim() !== '') messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: user });

  const response = await context.ports.llm.complete({
    provider: config.provider,
    model: config.model,
    messages,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    jsonMode: config.jsonMode,
    idempotencyKey: `${context.runId}:${node.id}:${context.attempt}`,
    signal: context.signal,
    onDelta: context.onDelta,
  });
  const usage = { ...response.usage, costUsd: response.costUsd };
  if (!config.jsonMode) return { output: response.text, usage };
  try {
    return { output: JSON.parse(response.text) as unknown, usage };
  } catch (error) {
    // Sampling may well produce valid JSON next time, so this is worth a retry.
    throw new NodeFailure('operational', 'The model did not answer with valid JSON.', {
      retryable: true,
      cause: error,
    });
  }
};
