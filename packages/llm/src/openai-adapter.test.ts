import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmError, type LlmRequest } from './llm-client';
import { createOpenAiAdapter } from './openai-adapter';
import { type FakeLlmServer, startFakeLlmServer } from './testing';

const CANARY_KEY = 'sk-canary-7f3a9c2e5b1d4f60';
let server: FakeLlmServer;

beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

function adapter(timeoutMs = 5_000) {
  return createOpenAiAdapter({
    provider: 'openai',
    apiKey: CANARY_KEY,
    baseURL: server.openaiBaseURL,
    timeoutMs,
  });
}

const ask = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  provider: 'openai',
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Say hi' },
  ],
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmError)) throw new Error(`expected an LlmError, got ${inspect(error)}`);
  return error;
}

describe('openai adapter (real SDK against the fake server)', () => {
  it('completes without streaming: text, usage, cost, and the key sent as a Bearer token', async () => {
    server.enqueue({ type: 'text', text: 'Hello there', usage: { input: 1_000, output: 500 } });
    const res = await adapter().complete(ask({ temperature: 0.2, maxTokens: 64 }));
    expect(res).toMatchObject({
      text: 'Hello there',
      usage: { tokensIn: 1_000, tokensOut: 500 },
      model: 'gpt-4o',
    });
    expect(res.finishReason).toBe('stop');
    expect(res.costUsd).toBeCloseTo(0.0075, 10);
    const [req] = server.requests;
    expect(server.requests).toHaveLength(1);
    expect(req?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(req?.body).toMatchObject({
      model: 'gpt-4o',
      temperature: 0.2,
      max_completion_tokens: 64,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hi' },
      ],
    });
    expect(req?.stream).toBe(false);
  });

  it('streams deltas in order and takes usage from the include_usage chunk', async () => {
    server.enqueue({ type: 'text', chunks: ['Hel', 'lo ', 'world'], usage: { input: 12, output: 3 } });
    const deltas: string[] = [];
    const res = await adapter().complete(ask({ onDelta: (d) => deltas.push(d) }));
    expect(deltas).toEqual(['Hel', 'lo ', 'world']);
    expect(res.text).toBe('Hello world');
    expect(res.usage).toEqual({ tokensIn: 12, tokensOut: 3 });
    expect(res.costUsd).toBeCloseTo((12 * 2.5 + 3 * 10) / 1e6, 12);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('reports finish_reason length and an unknown model cost as null', async () => {
    server.enqueue({ type: 'text', text: 'cut', finishReason: 'length' });
    const res = await adapter().complete(ask({ model: 'gpt-9-preview' }));
    expect(res.finishReason).toBe('length');
    expect(res.costUsd).toBeNull();
  });

  it('asks for a JSON object in jsonMode, adding the word JSON the API requires', async () => {
    server.enqueue({ type: 'text', text: '{"ok":true}' });
    const res = await adapter().complete(ask({ jsonMode: true }));
    expect(JSON.parse(res.text)).toEqual({ ok: true });
    const body = server.requests[0]?.body;
    expect(body?.response_format).toEqual({ type: 'json_object' });
    expect(JSON.stringify(body?.messages)).toMatch(/JSON/);
  });

  it('maps 429 to rate_limited with Retry-After, and does not retry inside the SDK', async () => {
    server.enqueue({ type: 'error', status: 429, headers: { 'retry-after': '7' } });
    const error = await failure(adapter().complete(ask()));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7_000);
    expect(server.requests).toHaveLength(1);
  });

  it('maps 500 to server, 400 to bad_request, 401 and 403 to auth', async () => {
    server.enqueue(
      { type: 'error', status: 500 },
      { type: 'error', status: 400 },
      { type: 'error', status: 401 },
      { type: 'error', status: 403 },
    );
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) kinds.push((await failure(adapter().complete(ask()))).kind);
    expect(kinds).toEqual(['server', 'bad_request', 'auth', 'auth']);
    expect(server.requests).toHaveLength(4);
  });

  it('maps a hung server to timeout', async () => {
    server.enqueue({ type: 'hang' });
    const error = await failure(adapter(200).complete(ask()));
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('maps a refused connection to network', async () => {
    const closed = await startFakeLlmServer();
    await closed.close();
    const dead = createOpenAiAdapter({
      provider: 'openai',
      apiKey: CANARY_KEY,
      baseURL: closed.openaiBaseURL,
      timeoutMs: 2_000,
    });
    const error = await failure(dead.complete(ask()));
    expect(error.kind).toBe('network');
  });

  it('aborts a waiting request', async () => {
    server.enqueue({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(adapter().complete(ask({ signal: controller.signal })));
    expect(error.kind).toBe('aborted');
    expect(error.retryable).toBe(false);
  });

  it('aborts mid-stream, even though the SDK ends an aborted stream quietly', async () => {
    server.enqueue({ type: 'text', chunks: ['a ', 'b ', 'c ', 'd'], chunkDelayMs: 100 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const call = adapter().complete(
      ask({
        signal: controller.signal,
        onDelta: (d) => {
          deltas.push(d);
          controller.abort();
        },
      }),
    );
    const error = await failure(call);
    expect(error.kind).toBe('aborted');
    expect(deltas).toEqual(['a ']);
  });

  it('maps a server dying mid-stream to network', async () => {
    server.enqueue({ type: 'text', chunks: ['a ', 'b ', 'c'], dropAfterChunks: 2 });
    const error = await failure(adapter().complete(ask({ onDelta: () => {} })));
    expect(error.kind).toBe('network');
  });

  it('never puts the key or the Authorization header into an error, even when the server echoes them', async () => {
    server.setDefault((req) => ({
      type: 'error',
      status: 401,
      message: `Incorrect API key provided: ${CANARY_KEY}. Header was ${req.headers.authorization}`,
    }));
    const error = await failure(adapter().complete(ask()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('[redacted]');
    for (const text of [
      error.message,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error.stack),
    ]) {
      expect(text).not.toContain(CANARY_KEY);
      expect(text).not.toContain('canary');
    }
  });
});
