import type { LlmMessage } from './llm-client';

/** English text averages about 4 characters per token on current tokenizers; close enough for estimates. */
const CHARS_PER_TOKEN = 4;
/** Chat formats spend a few tokens per message on role markers (OpenAI documents 3). */
const TOKENS_PER_MESSAGE = 3;

/** Estimated token count of a text: ~4 characters per token, at least 1 for non-empty text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Estimated prompt tokens of a chat: each message's text plus its role overhead, plus the reply priming. */
export function estimatePromptTokens(messages: readonly LlmMessage[]): number {
  let total = TOKENS_PER_MESSAGE;
  for (const message of messages) total += estimateTokens(message.content) + TOKENS_PER_MESSAGE;
  return total;
}
