import * as AnthropicSdk from '@anthropic-ai/sdk';
import * as OpenAiSdk from 'openai';
import { abortedError } from './abort';
import { LlmError, type LlmErrorKind } from './llm-client';

/** What the mapper needs to know about the call that failed. */
export type SdkErrorContext = {
  /** Shown in messages, e.g. "OpenAI". */
  providerLabel: string;
  /** The caller's signal: an abort the caller asked for is `aborted`, whatever the SDK threw. */
  signal: AbortSignal | undefined;
  /** Values that must never appear in a message (the API key); they are replaced before the message is built. */
  secrets: readonly string[];
};

/** Longest provider text we copy into a message: enough to diagnose, too short to carry a prompt back out. */
const MAX_DETAIL_CHARS = 300;

/**
 * Maps anything an SDK call threw to an `LlmError` whose kind drives the engine's retry decision.
 *
 * The SDK error is deliberately NOT kept as `cause`: its body, message or headers may echo request data, and
 * loggers print causes. Only a redacted, truncated detail from the provider is copied into the message.
 */
export function llmErrorFromSdk(error: unknown, context: SdkErrorContext): LlmError {
  if (error instanceof LlmError) return error;
  // Checked first: the SDKs surface a caller abort in several shapes (user-abort error, or a stream that ends).
  if (context.signal?.aborted) return abortedError();
  if (error instanceof OpenAiSdk.APIUserAbortError || error instanceof AnthropicSdk.APIUserAbortError) {
    return abortedError();
  }
  const label = context.providerLabel;
  if (
    error instanceof OpenAiSdk.APIConnectionTimeoutError ||
    error instanceof AnthropicSdk.APIConnectionTimeoutError
  ) {
    return new LlmError('timeout', `${label} did not answer in time.`);
  }
  if (error instanceof OpenAiSdk.APIConnectionError || error instanceof AnthropicSdk.APIConnectionError) {
    return new LlmError('network', `Could not reach ${label}: ${detail(error.message, context.secrets)}`);
  }
  if (error instanceof OpenAiSdk.APIError || error instanceof AnthropicSdk.APIError) {
    return fromStatus(error.status, error.headers, error.message, context);
  }
  // Outside the SDKs' own classes, what reaches here is the transport failing mid-body (undici's
  // "terminated", a reset socket), which a retry may well fix.
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError('network', `The connection to ${label} failed: ${detail(message, context.secrets)}`);
}

function fromStatus(
  status: number | undefined,
  headers: Headers | undefined,
  sdkMessage: string,
  context: SdkErrorContext,
): LlmError {
  const label = context.providerLabel;
  const text = detail(sdkMessage, context.secrets);
  // No status: an `error` event inside an SSE stream (e.g. Anthropic's overloaded_error), a server-side failure.
  if (status === undefined) return new LlmError('server', `${label} failed while streaming: ${text}`);
  if (status === 429) {
    const retryAfterMs = headers ? retryAfterMsOf(headers) : undefined;
    return new LlmError('rate_limited', `${label} rate limit reached (429): ${text}`, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const kind = kindOfStatus(status);
  return new LlmError(kind, `${label} answered ${status}: ${text}`);
}

function kindOfStatus(status: number): LlmErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/**
 * Delay asked for by a 429: OpenAI's `retry-after-ms` (more precise) first, then `Retry-After` as seconds or
 * an HTTP date. Undefined when absent or unreadable, so the engine falls back to its own backoff.
 */
export function retryAfterMsOf(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  const seconds = Number(retryAfter);
  if (retryAfter.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

/** Removes secrets and anything shaped like a bearer token, then truncates. */
function detail(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    // Very short "secrets" (placeholders) would shred ordinary words; real keys are long.
    if (secret.length >= 8) clean = clean.split(secret).join('[redacted]');
  }
  clean = clean.replace(/Bearer\s+[^\s"',]+/gi, 'Bearer [redacted]').replace(/\bsk-[\w-]{8,}/g, '[redacted]');
  return clean.length > MAX_DETAIL_CHARS ? `${clean.slice(0, MAX_DETAIL_CHARS)}…` : clean;
}
