import { z } from 'zod';
import { createAnthropicAdapter } from './anthropic-adapter';
import { type LlmClient, LlmError, type LlmProvider, type LlmRequest, type LlmResponse } from './llm-client';
import { createMockAdapter, type MockOptions } from './mock-adapter';
import { createOpenAiAdapter } from './openai-adapter';

/** A workspace's provider credentials; a provider left out answers every call with an `auth` LlmError. */
export type LlmClientConfig = {
  openai?: { apiKey: string; baseURL?: string };
  anthropic?: { apiKey: string; baseURL?: string };
  /** Ollama, LM Studio, vLLM…: `baseURL` ends in `/v1`; most local servers need no key. */
  openaiCompatible?: { baseURL: string; apiKey?: string };
  /** The mock is always available; these options tune it. */
  mock?: MockOptions;
  /** Per HTTP request to a provider, enforced by the SDK. Default 60 s. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 60_000;

const httpUrl = z.url({ protocol: /^https?$/ });
const apiKey = z.string().trim().min(1);
const openAiSchema = z.object({ apiKey, baseURL: httpUrl.optional() });
const anthropicSchema = z.object({ apiKey, baseURL: httpUrl.optional() });
const compatibleSchema = z.object({ baseURL: httpUrl, apiKey: apiKey.optional() });

/**
 * The `LlmClient` the app uses: dispatches each request on `request.provider` to an adapter built from this
 * workspace's credentials. Adapters are built on first use, so a bad credential for one provider only fails
 * that provider's calls. SDK retries are off (`maxRetries: 0`): the engine owns retries.
 */
export function createLlmClient(config: LlmClientConfig = {}): LlmClient {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const built = new Map<LlmProvider, LlmClient>();

  function adapterFor(provider: LlmProvider): LlmClient {
    const existing = built.get(provider);
    if (existing) return existing;
    const adapter = buildAdapter(provider, config, timeoutMs);
    built.set(provider, adapter);
    return adapter;
  }

  return {
    complete(request: LlmRequest): Promise<LlmResponse> {
      try {
        return adapterFor(request.provider).complete(request);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

function buildAdapter(provider: LlmProvider, config: LlmClientConfig, timeoutMs: number): LlmClient {
  switch (provider) {
    case 'openai': {
      if (config.openai === undefined) throw missing('OpenAI', 'an OpenAI API key');
      // Parsed here, not trusted: credentials come from workspace settings. Messages name fields, never values.
      const parsed = openAiSchema.safeParse(config.openai);
      if (!parsed.success) throw invalid('OpenAI', parsed.error);
      return createOpenAiAdapter({ provider: 'openai', ...parsed.data, timeoutMs });
    }
    case 'anthropic': {
      if (config.anthropic === undefined) throw missing('Anthropic', 'an Anthropic API key');
      const parsed = anthropicSchema.safeParse(config.anthropic);
      if (!parsed.success) throw invalid('Anthropic', parsed.error);
      return createAnthropicAdapter({ ...parsed.data, timeoutMs });
    }
    case 'openai-compatible': {
      if (config.openaiCompatible === undefined) {
        throw missing(
          'OpenAI-compatible',
          'the server’s base URL (e.g. http://localhost:11434/v1 for Ollama)',
        );
      }
      const parsed = compatibleSchema.safeParse(config.openaiCompatible);
      if (!parsed.success) throw invalid('OpenAI-compatible', parsed.error);
      return createOpenAiAdapter({ provider: 'openai-compatible', ...parsed.data, timeoutMs });
    }
    case 'mock':
      return createMockAdapter(config.mock);
    default:
      return assertNever(provider);
  }
}

function missing(label: string, what: string): LlmError {
  return new LlmError(
    'auth',
    `No ${label} credential is set for this workspace. Add ${what} in the workspace settings.`,
  );
}

function invalid(label: string, error: z.ZodError): LlmError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.')))].join(', ');
  return new LlmError('auth', `The ${label} credential of this workspace is invalid (check: ${fields}).`);
}

/** Compile-time exhaustiveness; at run time a provider name that slipped past validation is a bad request. */
function assertNever(provider: never): never {
  throw new LlmError('bad_request', `Unknown LLM provider: ${String(provider).slice(0, 40)}.`);
}
