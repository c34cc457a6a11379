import { describe, expect, it } from 'vitest';
import { llmErrorFromSdk, retryAfterMsOf } from './errors-from-sdk';

describe('retryAfterMsOf', () => {
  it('reads retry-after-ms first, then Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMsOf(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1_500);
    expect(retryAfterMsOf(new Headers({ 'retry-after': '3' }))).toBe(3_000);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = retryAfterMsOf(new Headers({ 'retry-after': inTenSeconds }));
    expect(fromDate).toBeGreaterThan(8_000);
    expect(fromDate).toBeLessThanOrEqual(10_000);
  });

  it('is undefined when absent or unreadable, so the engine uses its own backoff', () => {
    expect(retryAfterMsOf(new Headers())).toBeUndefined();
    expect(retryAfterMsOf(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('llmErrorFromSdk', () => {
  it('treats a non-SDK failure as network and redacts bearer tokens from it', () => {
    const error = llmErrorFromSdk(new TypeError('terminated (Authorization: Bearer abc.def-123)'), {
      providerLabel: 'OpenAI',
      signal: undefined,
      secrets: [],
    });
    expect(error.kind).toBe('network');
    expect(error.message).not.toContain('abc.def-123');
  });

  it('reports aborted whenever the caller aborted, whatever the SDK threw', () => {
    const error = llmErrorFromSdk(new Error('boom'), {
      providerLabel: 'OpenAI',
      signal: AbortSignal.abort(),
      secrets: [],
    });
    expect(error.kind).toBe('aborted');
  });
});
