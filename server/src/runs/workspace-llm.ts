import type { ApiServices } from '@tandem/api';
import { readCredential } from '@tandem/api';
import { createLlmClient, type LlmClient, type LlmClientConfig, type LlmResponse } from '@tandem/llm';

/** Provider keys from the environment, used when a workspace has not set its own. */
export type LlmDefaults = { openaiApiKey?: string; anthropicApiKey?: string; openaiBaseUrl?: string };

/**
 * The `LlmClient` a run of `workspaceId` uses: the workspace's credentials (decrypted here, held in memory
 * for the run only), else the server's defaults; `mock` needs none. Never logged, never in a document.
 */
export async function workspaceLlmConfig(
  services: Pick<ApiServices, 'repos' | 'secretBox'>,
  workspaceId: string,
  defaults: LlmDefaults,
): Promise<LlmClientConfig> {
  const read = (name: string) => readCredential(services.repos, services.secretBox, workspaceId, name);
  const [openai, anthropic, compatible] = await Promise.all([
    read('openai'),
    read('anthropic'),
    read('openai-compatible'),
  ]);
  const config: LlmClientConfig = {};
  const openaiKey = openai?.apiKey ?? defaults.openaiApiKey;
  if (openaiKey) {
    config.openai = { apiKey: openaiKey, ...(openai?.baseUrl ? { baseURL: openai.baseUrl } : {}) };
  }
  const anthropicKey = anthropic?.apiKey ?? defaults.anthropicApiKey;
  if (anthropicKey) {
    config.anthropic = {
      apiKey: anthropicKey,
      ...(anthropic?.baseUrl ? { baseURL: anthropic.baseUrl } : {}),
    };
  }
  if (compatible?.baseUrl) {
    config.openaiCompatible = {
      baseURL: compatible.baseUrl,
      ...(compatible.apiKey ? { apiKey: compatible.apiKey } : {}),
    };
  } else if (defaults.openaiBaseUrl) {
    config.openaiCompatible = {
      baseURL: defaults.openaiBaseUrl,
      ...(defaults.openaiApiKey ? { apiKey: defaults.openaiApiKey } : {}),
    };
  }
  return config;
}

/** Where answers are kept by idempotency key (`runId:nodeId:attempt`). */
export type LlmResultStore = {
  get(key: string): Promise<Record<string, unknown> | null>;
  put(key: string, runId: string, response: Record<string, unknown>): Promise<void>;
};

function isStoredResponse(value: Record<string, unknown>): value is LlmResponse & Record<string, unknown> {
  return typeof value.text === 'string' && typeof value.usage === 'object' && value.usage !== null;
}

/**
 * Reuses a stored answer for a call whose idempotency key already answered (a worker died after the model
 * replied but before the node's completion was recorded), and stores every new answer before returning it.
 * A reused answer is replayed as one delta, so the live view still shows the text.
 */
export function withStoredResults(client: LlmClient, store: LlmResultStore, runId: string): LlmClient {
  return {
    async complete(request) {
      const key = request.idempotencyKey;
      if (!key) return client.complete(request);
      const stored = await store.get(key);
      if (stored && isStoredResponse(stored)) {
        if (stored.text !== '') request.onDelta?.(stored.text);
        return stored;
      }
      const response = await client.complete(request);
      await store.put(key, runId, { ...response });
      return response;
    },
  };
}

/** The workspace's client with stored results. */
export async function runLlmClient(
  services: Pick<ApiServices, 'repos' | 'secretBox'>,
  workspaceId: string,
  runId: string,
  defaults: LlmDefaults,
): Promise<LlmClient> {
  const config = await workspaceLlmConfig(services, workspaceId, defaults);
  return withStoredResults(createLlmClient(config), services.repos.llmResults, runId);
}
