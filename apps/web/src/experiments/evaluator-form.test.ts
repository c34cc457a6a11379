import { describe, expect, it } from 'vitest';
import { buildEvaluators, describeEvaluator, newEvaluatorDraft } from './evaluator-form';

describe('evaluator builder', () => {
  it('gives each new draft a fresh id', () => {
    expect(newEvaluatorDraft('exact', []).id).toBe('exact-1');
    expect(newEvaluatorDraft('exact', ['exact-1', 'exact-2']).id).toBe('exact-3');
  });

  it('builds every kind into the API shape', () => {
    const exact = { ...newEvaluatorDraft('exact', []), field: 'answer' };
    const contains = { ...newEvaluatorDraft('contains', []), value: 'refund' };
    const regex = { ...newEvaluatorDraft('regex', []), pattern: '^\\d+$', flags: 'i' };
    const schema = newEvaluatorDraft('jsonSchema', []);
    const numeric = { ...newEvaluatorDraft('numeric', []), tolerance: '0.5', relative: true };
    const judge = { ...newEvaluatorDraft('llmJudge', []), mode: 'passFail' as const };
    const built = buildEvaluators([exact, contains, regex, schema, numeric, judge]);
    expect(built).toEqual({
      ok: true,
      evaluators: [
        { id: 'exact-1', field: 'answer', kind: 'exact', caseSensitive: false, trim: true },
        { id: 'contains-1', kind: 'contains', caseSensitive: false, value: 'refund' },
        { id: 'regex-1', kind: 'regex', pattern: '^\\d+$', flags: 'i' },
        { id: 'jsonSchema-1', kind: 'jsonSchema', schema: { type: 'object' } },
        { id: 'numeric-1', kind: 'numeric', tolerance: 0.5, relative: true },
        {
          id: 'llmJudge-1',
          kind: 'llmJudge',
          provider: 'mock',
          model: 'mock-small',
          prompt: judge.prompt,
          mode: 'passFail',
        },
      ],
    });
  });

  it('says what is wrong, per evaluator', () => {
    const regex = { ...newEvaluatorDraft('regex', []), pattern: '(' };
    expect(buildEvaluators([{ ...regex, pattern: 'a', flags: 'gg' }])).toMatchObject({
      ok: false,
      errors: { 'regex-1': 'Flags may only use i, m, s and u, each once.' },
    });
    const schema = { ...newEvaluatorDraft('jsonSchema', []), schemaText: '[1]' };
    const numeric = { ...newEvaluatorDraft('numeric', []), tolerance: '-1' };
    const judge = { ...newEvaluatorDraft('llmJudge', []), prompt: 'Grade it', passThreshold: '2' };
    const built = buildEvaluators([regex, schema, numeric, judge]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors['regex-1']).toMatch(/Not a valid regular expression/);
    expect(built.errors['jsonSchema-1']).toMatch(/must be a JSON object/);
    expect(built.errors['numeric-1']).toMatch(/0 or more/);
    expect(built.errors['llmJudge-1']).toMatch(/\{\{output\}\}/);
  });

  it('describes a config in one line', () => {
    expect(describeEvaluator({ kind: 'exact', field: 'answer' })).toBe('Exact match on answer');
    expect(describeEvaluator({ kind: 'regex', pattern: 'a+', flags: 'i' })).toBe('Regex /a+/i');
    expect(describeEvaluator({ kind: 'numeric', tolerance: 0.05, relative: true })).toBe('Within 5%');
    expect(describeEvaluator({ kind: 'llmJudge', model: 'gpt', name: 'Helpfulness' })).toBe('Helpfulness');
  });
});
