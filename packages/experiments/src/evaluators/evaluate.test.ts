import { describe, expect, it, vi } from 'vitest';
import { evaluateRun } from './evaluate';
import { type Evaluator, type EvaluatorInput, evaluatorSchema } from './schema';
import type { EvaluatorResult, JudgePort, RunOutcome } from './types';

const ok = (outputs: Record<string, unknown>): RunOutcome => ({ status: 'succeeded', outputs, error: null });

async function one(
  config: EvaluatorInput,
  output: unknown,
  expected?: unknown,
  judge: JudgePort | null = null,
): Promise<EvaluatorResult> {
  const [result] = await evaluateRun({
    evaluators: [evaluatorSchema.parse(config)],
    run: ok({ answer: output }),
    inputs: { question: 'What is the capital of France?' },
    expected,
    judge,
    idempotencyPrefix: 'trial-1',
  });
  if (!result) throw new Error('no result');
  return result;
}

describe('exact', () => {
  it('trims and compares case-sensitively by default', async () => {
    expect(await one({ id: 'e', kind: 'exact' }, ' Paris\n', 'Paris')).toMatchObject({
      pass: true,
      score: 1,
    });
    expect(await one({ id: 'e', kind: 'exact' }, 'paris ', 'Paris')).toEqual({
      evaluatorId: 'e',
      pass: false,
      score: 0,
      detail: 'expected "Paris", got "paris "',
    });
    expect((await one({ id: 'e', kind: 'exact', caseSensitive: false }, 'PARIS', 'Paris')).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact', trim: false }, 'Paris ', 'Paris')).pass).toBe(false);
  });

  it('compares values by JSON with key order ignored, and text against values', async () => {
    expect((await one({ id: 'e', kind: 'exact' }, { b: [1, 2], a: 1 }, { a: 1, b: [1, 2] })).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact' }, { a: 1 }, { a: 2 })).pass).toBe(false);
    expect((await one({ id: 'e', kind: 'exact' }, '42', 42)).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact' }, 42, '42')).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact' }, '{"b": 2, "a": 1}', { a: 1, b: 2 })).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact' }, 'true', true)).pass).toBe(true);
    expect((await one({ id: 'e', kind: 'exact' }, '43', 42)).detail).toBe('expected 42, got "43"');
  });

  it('fails with an error when the row has no expected value', async () => {
    expect(await one({ id: 'e', kind: 'exact' }, 'Paris', undefined)).toMatchObject({
      pass: false,
      score: 0,
      error: 'the exact evaluator needs an expected value and this row has none',
    });
  });

  it('truncates long values in the detail', async () => {
    const result = await one({ id: 'e', kind: 'exact' }, 'x'.repeat(1_000_000), 'y');
    expect(result.pass).toBe(false);
    expect(result.detail?.length).toBeLessThan(120);
  });
});

describe('contains', () => {
  it('looks for the expected value, case-insensitively by default', async () => {
    expect(await one({ id: 'c', kind: 'contains' }, 'The capital is PARIS.', 'Paris')).toMatchObject({
      pass: true,
      detail: 'contains "Paris"',
    });
    expect((await one({ id: 'c', kind: 'contains', caseSensitive: true }, 'PARIS', 'Paris')).pass).toBe(
      false,
    );
    expect((await one({ id: 'c', kind: 'contains' }, 'Lyon', 'Paris')).detail).toBe(
      '"Paris" not found in "Lyon"',
    );
    expect((await one({ id: 'c', kind: 'contains' }, 'It is 42.', 42)).pass).toBe(true);
  });

  it('uses its own value when set, and needs an expected value otherwise', async () => {
    expect((await one({ id: 'c', kind: 'contains', value: 'sorry' }, 'Sorry, no.', undefined)).pass).toBe(
      true,
    );
    expect((await one({ id: 'c', kind: 'contains' }, 'x', undefined)).error).toMatch(
      /needs an expected value/,
    );
    expect((await one({ id: 'c', kind: 'contains' }, 'x', '')).error).toBe('the expected value is empty');
  });
});

describe('regex', () => {
  it('passes on a match and fails otherwise', async () => {
    expect(await one({ id: 'r', kind: 'regex', pattern: '^\\d{4}-\\d{2}$' }, '2024-05')).toMatchObject({
      pass: true,
      detail: 'matches /^\\d{4}-\\d{2}$/',
    });
    expect((await one({ id: 'r', kind: 'regex', pattern: 'paris', flags: 'i' }, 'PARIS')).pass).toBe(true);
    expect((await one({ id: 'r', kind: 'regex', pattern: '^yes$' }, 'no')).detail).toBe(
      'no match for /^yes$/ in "no"',
    );
    expect((await one({ id: 'r', kind: 'regex', pattern: '^\\{' }, { a: 1 })).pass).toBe(true);
  });

  it('tests only the first 100 000 characters of a huge output', async () => {
    const huge = `${'a'.repeat(100_000)}NEEDLE`;
    expect((await one({ id: 'r', kind: 'regex', pattern: 'NEEDLE' }, huge)).pass).toBe(false);
    expect((await one({ id: 'r', kind: 'regex', pattern: 'a$' }, huge)).pass).toBe(true);
  });

  it('refuses an unsafe pattern that slipped past parsing instead of running it', async () => {
    const unchecked = { id: 'r', kind: 'regex', pattern: '^(a+)+$' } as Evaluator;
    const [result] = await evaluateRun({
      evaluators: [unchecked],
      run: ok({ out: `${'a'.repeat(50)}!` }),
      inputs: {},
      expected: undefined,
      judge: null,
      idempotencyPrefix: 't',
    });
    expect(result).toMatchObject({
      pass: false,
      score: 0,
      error: expect.stringMatching(/^unsafe pattern: nested/),
    });
  });
});

describe('jsonSchema', () => {
  const schema = {
    type: 'object',
    properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 0 } },
    required: ['city'],
  };

  it('validates objects and JSON text, fenced or not', async () => {
    expect((await one({ id: 's', kind: 'jsonSchema', schema }, { city: 'Paris' })).pass).toBe(true);
    expect((await one({ id: 's', kind: 'jsonSchema', schema }, '{"city":"Paris","population":2}')).pass).toBe(
      true,
    );
    expect((await one({ id: 's', kind: 'jsonSchema', schema }, '```json\n{"city":"Paris"}\n```')).pass).toBe(
      true,
    );
  });

  it('explains why an output does not match', async () => {
    const result = await one({ id: 's', kind: 'jsonSchema', schema }, { city: 3, population: -1 });
    expect(result.pass).toBe(false);
    expect(result.detail).toMatch(/^does not match the schema: at city: .*; at population: /);
    const unparsable = await one({ id: 's', kind: 'jsonSchema', schema }, 'Paris, I think');
    expect(unparsable).toMatchObject({ pass: false, score: 0 });
    expect(unparsable.detail).toMatch(/^output is not JSON \(.*\): "Paris, I think"$/);
    expect(unparsable.error).toBeUndefined();
  });
});

describe('numeric', () => {
  it('reads numbers from values and text', async () => {
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0 }, ' 42.0 ', 42)).pass).toBe(true);
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0 }, 'The answer is 42.', '42')).pass).toBe(
      true,
    );
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0 }, 'About 1,234 people', 1234)).pass).toBe(
      true,
    );
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0 }, 0.1 + 0.2, 0.3)).pass).toBe(true);
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0 }, -5, -5)).pass).toBe(true);
  });

  it('applies absolute and relative tolerances', async () => {
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0.5 }, 42.4, 42)).pass).toBe(true);
    expect(await one({ id: 'n', kind: 'numeric', tolerance: 0.5 }, 41, 42)).toMatchObject({
      pass: false,
      detail: 'expected 42 ± 0.5, got 41',
    });
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 0.01, relative: true }, 1005, 1000)).pass).toBe(
      true,
    );
    expect(
      (await one({ id: 'n', kind: 'numeric', tolerance: 0.01, relative: true }, 1011, 1000)).detail,
    ).toBe('expected 1000 ± 1%, got 1011');
  });

  it('fails when there is no number', async () => {
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 1 }, 'no idea', 42)).detail).toBe(
      'expected 42 ± 1, got no number in "no idea"',
    );
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 1 }, '42', 'many')).error).toBe(
      'the expected value is not a number',
    );
    expect((await one({ id: 'n', kind: 'numeric', tolerance: 1 }, '42', undefined)).error).toMatch(
      /needs an expected/,
    );
  });
});

describe('evaluateRun', () => {
  const judgeAnswering = (text: string) =>
    vi.fn<JudgePort>(async () => ({ text, tokensIn: 10, tokensOut: 5, costUsd: 0.001 }));
  const judgeConfig: EvaluatorInput = {
    id: 'judge',
    kind: 'llmJudge',
    provider: 'mock',
    model: 'judge-1',
    prompt: 'Question: {{input}}\nAnswer: {{output}}\nReference: {{expected}}',
    mode: 'score',
  };

  it('fails every evaluator of a failed or cancelled run without calling the judge', async () => {
    const judge = judgeAnswering('{"score": 1}');
    const evaluators = [
      evaluatorSchema.parse({ id: 'e', kind: 'exact' }),
      evaluatorSchema.parse(judgeConfig),
    ];
    const failed = await evaluateRun({
      evaluators,
      run: { status: 'failed', outputs: null, error: 'timeout after 30s' },
      inputs: {},
      expected: 'x',
      judge,
      idempotencyPrefix: 't',
    });
    expect(failed).toEqual([
      { evaluatorId: 'e', pass: false, score: 0, detail: 'run failed: timeout after 30s' },
      { evaluatorId: 'judge', pass: false, score: 0, detail: 'run failed: timeout after 30s' },
    ]);
    const cancelled = await evaluateRun({
      evaluators,
      run: { status: 'cancelled', outputs: null, error: null },
      inputs: {},
      expected: 'x',
      judge,
      idempotencyPrefix: 't',
    });
    expect(cancelled[0]?.detail).toBe('run failed: cancelled');
    expect(judge).not.toHaveBeenCalled();
  });

  it('returns one result per evaluator in order, with the judge keyed per trial and evaluator', async () => {
    const judge = judgeAnswering('{"score": 0.8, "reason": "close enough"}');
    const results = await evaluateRun({
      evaluators: evaluatorListSchemaParse([
        { id: 'a', kind: 'exact' },
        judgeConfig,
        { id: 'z', kind: 'contains' },
      ]),
      run: ok({ answer: 'Paris' }),
      inputs: { question: 'Capital of France?' },
      expected: 'Paris',
      judge,
      idempotencyPrefix: 'exp-1:row-3#0',
    });
    expect(results.map((r) => r.evaluatorId)).toEqual(['a', 'judge', 'z']);
    expect(results[1]).toEqual({
      evaluatorId: 'judge',
      pass: true,
      score: 0.8,
      detail: 'judge: 0.8 (pass at ≥ 0.5): close enough',
      usage: { tokensIn: 10, tokensOut: 5, costUsd: 0.001 },
    });
    const request = judge.mock.calls[0]?.[0];
    expect(request).toMatchObject({
      provider: 'mock',
      model: 'judge-1',
      idempotencyKey: 'exp-1:row-3#0:judge',
    });
    expect(request?.prompt).toMatch(/^Question: Capital of France\?\nAnswer: Paris\nReference: Paris\n\n/);
  });

  it('picks the output by field, the only output, or the whole outputs object', async () => {
    const run = ok({ city: 'Paris', country: 'France' });
    const base = { inputs: {}, judge: null, idempotencyPrefix: 't' };
    const [byField, whole, missing] = await evaluateRun({
      ...base,
      evaluators: evaluatorListSchemaParse([
        { id: 'f', kind: 'exact', field: 'city' },
        { id: 'w', kind: 'exact' },
        { id: 'm', kind: 'exact', field: 'mayor' },
      ]),
      run,
      expected: { city: 'Paris', country: 'France' },
    });
    expect(byField?.pass).toBe(true);
    expect(whole?.pass).toBe(true);
    expect(missing).toMatchObject({
      pass: false,
      error: 'output "mayor" not found (outputs are city, country)',
    });
  });

  it('turns a judge failure or an unreadable answer into an error result', async () => {
    const rejecting = vi.fn<JudgePort>(async () => {
      throw new Error('429 rate limited');
    });
    expect(await one(judgeConfig, 'Paris', 'Paris', rejecting)).toEqual({
      evaluatorId: 'judge',
      pass: false,
      score: 0,
      detail: 'evaluator failed',
      error: '429 rate limited',
    });
    const rambling = await one(judgeConfig, 'Paris', 'Paris', judgeAnswering('I would rather not say.'));
    expect(rambling).toMatchObject({ pass: false, score: 0, detail: 'unreadable judge answer' });
    expect(rambling.error).toMatch(/^could not read a score/);
    expect(rambling.usage).toEqual({ tokensIn: 10, tokensOut: 5, costUsd: 0.001 });
    expect((await one(judgeConfig, 'Paris', 'Paris', null)).error).toBe(
      'no judge is configured for LLM evaluators',
    );
    expect((await one(judgeConfig, 'Paris', undefined, judgeAnswering('1'))).error).toMatch(
      /needs an expected/,
    );
  });

  it('applies the pass threshold and pass/fail mode', async () => {
    const strict = { ...judgeConfig, passThreshold: 0.9 };
    expect(await one(strict, 'Paris', 'Paris', judgeAnswering('score: 0.85'))).toMatchObject({
      pass: false,
      score: 0.85,
    });
    const passFail = { ...judgeConfig, mode: 'passFail' as const };
    expect(
      await one(
        passFail,
        'Paris',
        'Paris',
        judgeAnswering('```json\n{"pass": false, "reason": "wrong"}\n```'),
      ),
    ).toMatchObject({
      pass: false,
      score: 0,
      detail: 'judge: fail: wrong',
    });
    expect((await one(passFail, 'Paris', 'Paris', judgeAnswering('PASS'))).pass).toBe(true);
  });

  it('rejects only when the signal is aborted', async () => {
    const controller = new AbortController();
    const judge = vi.fn<JudgePort>(async ({ signal }) => {
      controller.abort(new Error('shutting down'));
      signal?.throwIfAborted();
      return { text: '1', tokensIn: 0, tokensOut: 0, costUsd: 0 };
    });
    await expect(
      evaluateRun({
        evaluators: [evaluatorSchema.parse(judgeConfig)],
        run: ok({ a: 'x' }),
        inputs: {},
        expected: 'x',
        judge,
        idempotencyPrefix: 't',
        signal: controller.signal,
      }),
    ).rejects.toThrow('shutting down');
  });

  it('never throws for hostile outputs', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const kinds: EvaluatorInput[] = [
      { id: 'e', kind: 'exact' },
      { id: 'c', kind: 'contains', value: 'x' },
      { id: 'r', kind: 'regex', pattern: 'x' },
      { id: 's', kind: 'jsonSchema', schema: { type: 'array' } },
      { id: 'n', kind: 'numeric', tolerance: 0 },
    ];
    for (const output of [deep, cyclic, 10n, Number.NaN, null, undefined, 'x'.repeat(2_000_000)]) {
      const results = await evaluateRun({
        evaluators: evaluatorListSchemaParse(kinds),
        run: ok({ out: output }),
        inputs: {},
        expected: 1,
        judge: null,
        idempotencyPrefix: 't',
      });
      expect(results).toHaveLength(kinds.length);
      for (const r of results) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect((r.detail ?? '').length).toBeLessThan(200);
      }
    }
  });
});

function evaluatorListSchemaParse(configs: EvaluatorInput[]): Evaluator[] {
  return configs.map((c) => evaluatorSchema.parse(c));
}
