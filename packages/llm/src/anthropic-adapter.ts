import { Anthropic } from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsBase,
  MessageParam,
  RawMessageStreamEvent,
  StopReason,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { throwIfAborted } from './abort';
import { llmErrorFromSdk } from './errors-from-sdk';
import { type LlmClient, LlmError, type LlmRequest, type LlmResponse, type LlmUsage } from './llm-client';
import { costUsd } from './pricing';

export type AnthropicAdapterOptions = {
  apiKey: string;
  /** The bare origin (no `/v1`); defaults to Anthropic's API. */
  baseURL?: string | undefined;
  /** Per HTTP request, enforced by the SDK until the response headers arrive. */
  timeoutMs: number;
};

const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** The Messages API requires max_tokens; this is the ceiling used when a node does not set one. */
const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
/**
 * jsonMode by instruction: the Messages API has no free-form JSON mode (only a schema'd output format), and an
 * assistant prefill of "{" is refused with a 400 by newer models. The text is returned as streamed (it must
 * equal the deltas' concatenation), so a model that still adds a code fence keeps it.
 */
const JSON_INSTRUCTION =
  'Respond with a single valid JSON object and nothing else: no prose before or after it, no Markdown code fences.';

/** An `LlmClient` over Anthropic's Messages API through the official SDK; streams when the request has `onDelta`. */
export function createAnthropicAdapter(options: AnthropicAdapterOptions): LlmClient {
  const { apiKey } = options;
  const client = new Anthropic({
    apiKey,
    // Explicit, so the SDK never falls back to ANTHROPIC_BASE_URL: the workspace credential decides.
    baseURL: options.baseURL ?? ANTHROPIC_BASE_URL,
    timeout: options.timeoutMs,
    // The engine owns retries (with its own events and backoff); SDK retries would hide attempts from it.
    maxRetries: 0,
  });

  return {
    async complete(request: LlmRequest): Promise<LlmResponse> {
      throwIfAborted(request.signal);
      const body = requestBody(request);
      const requestOptions = { signal: request.signal ?? null };
      try {
        if (request.onDelta) {
          const stream = await client.messages.create({ ...body, stream: true }, requestOptions);
          return await collectStream(request, stream, request.onDelta);
        }
        const message = await client.messages.create({ ...body, stream: false }, requestOptions);
        return fromMessage(request, message);
      } catch (error) {
        throw llmErrorFromSdk(error, {
          providerLabel: 'Anthropic',
          signal: request.signal,
          secrets: [apiKey],
        });
      }
    },
  };
}

function requestBody(request: LlmRequest): MessageCreateParamsBase {
  // Anthropic takes the system prompt as a top-level field, not as a message.
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  if (request.jsonMode) system.push(JSON_INSTRUCTION);
  const messages: MessageParam[] = [];
  for (const m of request.messages) {
    if (m.role !== 'system') messages.push({ role: m.role, content: m.content });
  }
  // No `temperature`: the Messages API of SDK 1.12 no longer has the parameter, so a node's temperature is
  // not sent to Anthropic.
  return {
    model: request.model,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages,
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
  };
}

function fromMessage(request: LlmRequest, message: Message): LlmResponse {
  let text = '';
  for (const block of message.content) if (block.type === 'text') text += block.text;
  const usage = {
    tokensIn:
      message.usage.input_tokens +
      (message.usage.cache_creation_input_tokens ?? 0) +
      (message.usage.cache_read_input_tokens ?? 0),
    tokensOut: message.usage.output_tokens,
  };
  return response(request, message.model, text, usage, message.stop_reason);
}

async function collectStream(
  request: LlmRequest,
  stream: AsyncIterable<RawMessageStreamEvent>,
  onDelta: (text: string) => void,
): Promise<LlmResponse> {
  let text = '';
  let model = request.model;
  let stopReason: StopReason | null = null;
  let finished = false;
  const usage: LlmUsage = { tokensIn: 0, tokensOut: 0 };
  for await (const event of stream) {
    switch (event.type) {
      case 'message_start': {
        model = event.message.model || model;
        const u = event.message.usage;
        usage.tokensIn =
          u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
        usage.tokensOut = u.output_tokens;
        break;
      }
      case 'content_block_delta':
        if (event.delta.type === 'text_delta') {
          text += event.delta.text;
          onDelta(event.delta.text);
        }
        break;
      case 'message_delta':
        // message_delta's counts are cumulative for the whole message, not increments.
        usage.tokensOut = event.usage.output_tokens;
        // Older API versions omit input_tokens here (the types say number | null); only a number replaces the start count.
        if (typeof event.usage.input_tokens === 'number') usage.tokensIn = event.usage.input_tokens;
        stopReason = event.delta.stop_reason;
        break;
      case 'message_stop':
        finished = true;
        break;
      default:
        break;
    }
  }
  // The SDK ends an aborted stream quietly instead of throwing.
  throwIfAborted(request.signal);
  if (!finished) throw new LlmError('network', 'The stream ended before the model finished its answer.');
  return response(request, model, text, usage, stopReason);
}

function response(
  request: LlmRequest,
  model: string,
  text: string,
  usage: LlmUsage,
  stopReason: StopReason | null,
): LlmResponse {
  return {
    text,
    usage,
    // Priced by the model asked for (the table's key), falling back to the dated name the API reports.
    costUsd:
      costUsd('anthropic', request.model, usage.tokensIn, usage.tokensOut) ??
      costUsd('anthropic', model, usage.tokensIn, usage.tokensOut),
    model,
    finishReason:
      stopReason === 'end_turn' || stopReason === 'stop_sequence'
        ? 'stop'
        : stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded'
          ? 'length'
          : 'other',
  };
}
