import { describe, expect, it } from 'vitest';
import { LlmError, type LlmRequest } from './llm-client';
import { createMockAdapter, type MockOptions } from './mock-adapter';
import { modelDirectives, promptDirectives, SLOW_LATENCY_MS } from './mock-directives';

const ask = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  provider: 'mock',
  model: 'mock-1',
  messages: [
    { role: 'system', content: 'You classify support tickets.' },
    { role: 'user', content: 'My invoice is wrong, please help.' },
  ],
  ...overrides,
});

async function outcomes(options: MockOptions, calls: number, model = 'mock-1'): Promise<string> {
  const mock = createMockAdapter(options);
  let pattern = '';
  for (let i = 0; i < calls; i++) {
    pattern += await mock.complete(ask({ model })).then(
      () => '.',
      () => 'x',
    );
  }
  return pattern;
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmError)) throw new Error('expected an LlmError');
  return error;
}

describe('mock adapter: answers', () => {
  it('answers deterministically from a hash of the model and messages', async () => {
    const a = await createMockAdapter().complete(ask());
    const b = await createMockAdapter().complete(ask());
    const other = await createMockAdapter().complete(
      ask({ messages: [{ role: 'user', content: 'Something else' }] }),
    );
    expect(a.text).toBe(b.text);
    expect(a.text).toMatch(/^Mock answer [0-9a-f]{8} to "My invoice is wrong, please help\.": \w/);
    expect(other.text).not.toBe(a.text);
    expect(a).toMatchObject({ model: 'mock-1', finishReason: 'stop', costUsd: 0 });
  });

  it('counts tokens at ~4 characters per token, with per-message overhead on input', async () => {
    const res = await createMockAdapter().complete(ask());
    expect(res.usage.tokensOut).toBe(Math.ceil(res.text.length / 4));
    // 3 priming + (ceil(29/4)=8 + 3) + (ceil(33/4)=9 + 3)
    expect(res.usage.tokensIn).toBe(26);
  });

  it('returns a valid JSON object in jsonMode (or with a mock-json model)', async () => {
    const res = await createMockAdapter().complete(ask({ jsonMode: true }));
    expect(JSON.parse(res.text)).toMatchObject({ mock: true, input: 'My invoice is wrong, please help.' });
    const byName = await createMockAdapter().complete(ask({ model: 'mock-json' }));
    expect(() => JSON.parse(byName.text)).not.toThrow();
    const fixed = await createMockAdapter({ output: 'plain words' }).complete(ask({ jsonMode: true }));
    expect(JSON.parse(fixed.text)).toMatchObject({ answer: 'plain words' });
    const fixedJson = await createMockAdapter({ output: '{"label":"billing"}' }).complete(
      ask({ jsonMode: true }),
    );
    expect(fixedJson.text).toBe('{"label":"billing"}');
  });

  it('follows prompt directives: reply, echo and words', async () => {
    const mock = createMockAdapter({ output: 'client default' });
    const reply = await mock.complete(
      ask({ messages: [{ role: 'user', content: 'Capital? [[mock:reply=Paris]]' }] }),
    );
    expect(reply.text).toBe('Paris');
    const echo = await createMockAdapter().complete(
      ask({ messages: [{ role: 'user', content: '[[mock:echo]] repeat   after me' }] }),
    );
    expect(echo.text).toBe('repeat after me');
    const words = await createMockAdapter().complete(ask({ model: 'mock-words-3' }));
    expect(words.text.split(': ')[1]?.split(' ')).toHaveLength(3);
  });

  it('stops at maxTokens with finishReason "length"', async () => {
    const res = await createMockAdapter().complete(ask({ maxTokens: 5 }));
    expect(res.finishReason).toBe('length');
    expect(res.text.length).toBe(20);
    expect(res.usage.tokensOut).toBe(5);
  });
});

describe('mock adapter: latency and streaming', () => {
  it('takes latencyMs and streams its deltas spread over it', async () => {
    const stamps: number[] = [];
    const deltas: string[] = [];
    const start = performance.now();
    const res = await createMockAdapter({ latencyMs: 200 }).complete(
      ask({
        onDelta: (d) => {
          deltas.push(d);
          stamps.push(performance.now() - start);
        },
      }),
    );
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(1_000);
    expect(deltas.join('')).toBe(res.text);
    expect(deltas.length).toBeGreaterThan(5);
    // Spread out, not dumped at the end.
    expect(stamps[0]).toBeLessThan(100);
  });

  it('reads latency from the model name: mock-slow, mock-latency-N', () => {
    expect(modelDirectives('mock-slow').latencyMs).toBe(SLOW_LATENCY_MS);
    expect(modelDirectives('mock-latency-250').latencyMs).toBe(250);
    expect(modelDirectives('mock-1')).toEqual({});
  });

  it('aborts a slow call promptly', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const start = performance.now();
    const error = await failure(
      createMockAdapter().complete(ask({ model: 'mock-slow', signal: controller.signal })),
    );
    expect(error.kind).toBe('aborted');
    expect(performance.now() - start).toBeLessThan(500);
  });

  it('aborts mid-stream: no delta after the abort', async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await failure(
      createMockAdapter({ latencyMs: 300 }).complete(
        ask({
          signal: controller.signal,
          onDelta: (d) => {
            deltas.push(d);
            if (deltas.length === 2) controller.abort();
          },
        }),
      ),
    );
    expect(error.kind).toBe('aborted');
    expect(deltas).toHaveLength(2);
  });

  it('hangs until aborted with mock-hang or [[mock:hang]]', async () => {
    for (const request of [
      ask({ model: 'mock-hang' }),
      ask({ messages: [{ role: 'user', content: '[[mock:hang]]' }] }),
    ]) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const error = await failure(createMockAdapter().complete({ ...request, signal: controller.signal }));
      expect(error.kind).toBe('aborted');
    }
  });
});

describe('mock adapter: failure injection', () => {
  it('fails every n-th call with failEvery', async () => {
    expect(await outcomes({ failEvery: 3 }, 9)).toBe('..x..x..x');
    expect(await outcomes({}, 6, 'mock-fail-every-2')).toBe('.x.x.x');
  });

  it('fails at failRate with a seeded PRNG: same seed, same pattern', async () => {
    const a = await outcomes({ failRate: 0.3, seed: 42 }, 200);
    const b = await outcomes({ failRate: 0.3, seed: 42 }, 200);
    const c = await outcomes({ failRate: 0.3, seed: 7 }, 200);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const failures = [...a].filter((o) => o === 'x').length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
  });

  it('reads failure rates from the model name: mock-fail-30, mock-ratelimit-100', async () => {
    const pattern = await outcomes({ seed: 3 }, 200, 'mock-fail-30');
    const failures = [...pattern].filter((o) => o === 'x').length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
    const limited = await failure(
      createMockAdapter({ retryAfterMs: 250 }).complete(ask({ model: 'mock-ratelimit-100' })),
    );
    expect(limited).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 250 });
  });

  it('fails the first n identical calls with [[mock:fail=kind:n]], then succeeds (a retry demo)', async () => {
    const mock = createMockAdapter();
    const request = ask({ messages: [{ role: 'user', content: 'Flaky step [[mock:fail=rate_limited:2]]' }] });
    const first = await failure(mock.complete(request));
    expect(first).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1_000 });
    expect((await failure(mock.complete(request))).kind).toBe('rate_limited');
    await expect(mock.complete(request)).resolves.toMatchObject({ finishReason: 'stop' });
  });

  it('always fails with [[mock:fail=kind]], using the kind asked for', async () => {
    const mock = createMockAdapter();
    const request = ask({ messages: [{ role: 'user', content: '[[mock:fail=bad_request]]' }] });
    for (let i = 0; i < 3; i++) {
      const error = await failure(mock.complete(request));
      expect(error).toMatchObject({ kind: 'bad_request', retryable: false });
    }
  });

  it('parses prompt directives, later ones winning', () => {
    expect(
      promptDirectives([
        { role: 'system', content: '[[mock:latency=100]] [[mock:reply=a]]' },
        { role: 'user', content: '[[mock:reply=b and c]] [[mock:fail=timeout:1]]' },
      ]),
    ).toEqual({ latencyMs: 100, reply: 'b and c', forceFail: true, failKind: 'timeout', failTimes: 1 });
  });
});
