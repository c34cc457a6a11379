export type { AnthropicAdapterOptions } from './anthropic-adapter';
export { createAnthropicAdapter } from './anthropic-adapter';
export type {
  LlmClient,
  LlmErrorKind,
  LlmMessage,
  LlmProvider,
  LlmRequest,
  LlmResponse,
  LlmUsage,
} from './llm-client';
export { LlmError } from './llm-client';
export type { MockOptions } from './mock-adapter';
export { createMockAdapter } from './mock-adapter';
export type { OpenAiAdapterOptions } from './openai-adapter';
export { createOpenAiAdapter } from './openai-adapter';
export type { ModelPrice } from './pricing';
export { costUsd, MODEL_PRICES } from './pricing';
export type { LlmClientConfig } from './router';
export { createLlmClient } from './router';
