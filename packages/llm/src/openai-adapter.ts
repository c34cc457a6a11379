import { OpenAI } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { throwIfAborted } from './abort';
import { llmErrorFromSdk } from './errors-from-sdk';
import { type LlmClient, LlmError, type LlmRequest, type LlmResponse, type LlmUsage } from './llm-client';
import { costUsd } from './pricing';
import { estimatePromptTokens, estimateTokens } from './tokens';

export type OpenAiAdapterOptions = {
  /** `openai` for api.openai.com; `openai-compatible` for Ollama, LM Studio, vLLM and the like. */
  provider: 'openai' | 'openai-compatible';
  /** Optional only for `openai-compatible`: local servers usually take no key. */
  apiKey?: string | undefined;
  /** Ends in `/v1`. Required for `openai-compatible`; defaults to OpenAI's own API. */
  baseURL?: string | undefined;
  /** Per HTTP request, enforced by the SDK until the response headers arrive. */
  timeoutMs: number;
};

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** The SDK refuses to start without some credential; a keyless local server gets this and no header (see below). */
const NO_KEY_PLACEHOLDER = 'no-key';

/**
 * An `LlmClient` over OpenAI's Chat Completions through the official SDK. Streams when the request has
 * `onDelta`, asking for the usage chunk so token counts stay exact.
 */
export function createOpenAiAdapter(options: OpenAiAdapterOptions): LlmClient {
  const { provider, apiKey } = options;
  const label = provider === 'openai' ? 'OpenAI' : 'The OpenAI-compatible server';
  const client = new OpenAI({
    apiKey: apiKey ?? NO_KEY_PLACEHOLDER,
    // Explicit values so the SDK never falls back to ambient OPENAI_* variables: a workspace's own
    // credential decides where calls go and who pays.
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    adminAPIKey: null,
    organization: null,
    project: null,
    timeout: options.timeoutMs,
    // The engine owns retries (with its own events and backoff); SDK retries would hide attempts from it.
    maxRetries: 0,
    // A null header tells the SDK to omit it: a keyless server gets no placeholder Bearer token.
    ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
  const context = (request: LlmRequest) => ({
    providerLabel: label,
    signal: request.signal,
    secrets: apiKey === undefined ? [] : [apiKey],
  });

  return {
    async complete(request: LlmRequest): Promise<LlmResponse> {
      throwIfAborted(request.signal);
      const body = requestBody(provider, request);
      const requestOptions = { signal: request.signal ?? null };
      try {
        if (request.onDelta) {
          const stream = await client.chat.completions.create(
            { ...body, stream: true, stream_options: { include_usage: true } },
            requestOptions,
          );
          return await collectStream(provider, request, stream, request.onDelta);
        }
        const completion = await client.chat.completions.create({ ...body, stream: false }, requestOptions);
        return fromCompletion(provider, request, completion);
      } catch (error) {
        throw llmErrorFromSdk(error, context(request));
      }
    },
  };
}

function requestBody(
  provider: OpenAiAdapterOptions['provider'],
  request: LlmRequest,
): ChatCompletionCreateParamsBase {
  const messages: ChatCompletionMessageParam[] = request.messages.map((m) => ({
    role: m.role,
    content: m.content,
  }));
  // OpenAI rejects json_object mode (400) unless the word "JSON" appears in the messages.
  if (request.jsonMode && !request.messages.some((m) => /json/i.test(m.content))) {
    messages.unshift({ role: 'system', content: 'Respond with a single JSON object.' });
  }
  return {
    model: request.model,
    messages,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    // OpenAI deprecated max_tokens (reasoning models refuse it); Ollama, LM Studio and vLLM all read max_tokens.
    ...(request.maxTokens === undefined
      ? {}
      : provider === 'openai'
        ? { max_completion_tokens: request.maxTokens }
        : { max_tokens: request.maxTokens }),
    ...(request.jsonMode ? { response_format: { type: 'json_object' } } : {}),
  };
}

function fromCompletion(
  provider: OpenAiAdapterOptions['provider'],
  request: LlmRequest,
  completion: ChatCompletion,
): LlmResponse {
  const choice = completion.choices[0];
  const text = choice?.message.content ?? '';
  const usage: LlmUsage = completion.usage
    ? { tokensIn: completion.usage.prompt_tokens, tokensOut: completion.usage.completion_tokens }
    : estimatedUsage(request, text);
  return response(provider, request, completion.model, text, usage, choice?.finish_reason ?? null);
}

async function collectStream(
  provider: OpenAiAdapterOptions['provider'],
  request: LlmRequest,
  stream: AsyncIterable<ChatCompletionChunk>,
  onDelta: (text: string) => void,
): Promise<LlmResponse> {
  let text = '';
  let model = request.model;
  let finishReason: string | null = null;
  let usage: LlmUsage | undefined;
  for await (const chunk of stream) {
    model = chunk.model || model;
    // With include_usage the last chunk has no choices and carries the whole call's usage.
    if (chunk.usage)
      usage = { tokensIn: chunk.usage.prompt_tokens, tokensOut: chunk.usage.completion_tokens };
    const choice = chunk.choices[0];
    if (!choice) continue;
    const piece = choice.delta.content;
    if (piece) {
      text += piece;
      onDelta(piece);
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  // The SDK ends an aborted stream quietly instead of throwing.
  throwIfAborted(request.signal);
  if (finishReason === null) {
    throw new LlmError('network', 'The stream ended before the model finished its answer.');
  }
  return response(provider, request, model, text, usage ?? estimatedUsage(request, text), finishReason);
}

/** Some OpenAI-compatible servers ignore include_usage; an estimate beats reporting zero tokens. */
function estimatedUsage(request: LlmRequest, text: string): LlmUsage {
  return { tokensIn: estimatePromptTokens(request.messages), tokensOut: estimateTokens(text) };
}

function response(
  provider: OpenAiAdapterOptions['provider'],
  request: LlmRequest,
  model: string,
  text: string,
  usage: LlmUsage,
  finishReason: string | null,
): LlmResponse {
  return {
    text,
    usage,
    // Priced by the model asked for (the table's key), falling back to the dated name the API reports.
    costUsd:
      costUsd(provider, request.model, usage.tokensIn, usage.tokensOut) ??
      costUsd(provider, model, usage.tokensIn, usage.tokensOut),
    model,
    finishReason: finishReason === 'stop' ? 'stop' : finishReason === 'length' ? 'length' : 'other',
  };
}
