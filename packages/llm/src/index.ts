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
export type { ModelPrice } from './pricing';
export { costUsd, MODEL_PRICES } from './pricing';
