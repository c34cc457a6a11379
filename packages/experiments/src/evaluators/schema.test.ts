import { describe, expect, it } from 'vitest';
import { evaluatorListSchema, evaluatorSchema } from './schema';

function messages(input: unknown): string[] {
  const result = evaluatorSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

const judge = {
  id: 'j',
  kind: 'llmJudge',
  provider: 'mock',
  model: 'm',
  prompt: 'Is {{output}} right?',
  mode: 'score',
};

describe('evaluatorSchema', () => {
  it('parses every kind and fills defaults', () => {
    expect(evaluatorSchema.parse({ id: 'e', kind: 'exact' })).toEqual({
      id: 'e',
      kind: 'exact',
      caseSensitive: true,
      trim: true,
    });
    expect(evaluatorSchema.parse({ id: 'c', kind: 'contains' })).toMatchObject({ caseSensitive: false });
    expect(evaluatorSchema.parse({ id: 'r', kind: 'regex', pattern: '^\\d+$', flags: 'iu' }).kind).toBe(
      'regex',
    );
    expect(evaluatorSchema.parse({ id: 's', kind: 'jsonSchema', schema: { type: 'object' } }).kind).toBe(
      'jsonSchema',
    );
    expect(evaluatorSchema.parse({ id: 'n', kind: 'numeric', tolerance: 0.5, relative: true }).kind).toBe(
      'numeric',
    );
    expect(evaluatorSchema.parse(judge)).toMatchObject({ passThreshold: 0.5 });
  });

  it('refuses bad ids and names with readable messages', () => {
    expect(messages({ id: 'has space', kind: 'exact' })).toEqual([
      'evaluator id may only contain letters, digits, "_" and "-"',
    ]);
    expect(messages({ id: 'x'.repeat(41), kind: 'exact' })).toEqual([
      'evaluator id must be at most 40 characters',
    ]);
    expect(messages({ id: '', kind: 'exact' })[0]).toBe('evaluator id must not be empty');
    expect(messages({ id: 'a', name: 'n'.repeat(81), kind: 'exact' })).toEqual([
      'evaluator name must be at most 80 characters',
    ]);
    expect(evaluatorSchema.safeParse({ id: 'a', kind: 'nope' }).success).toBe(false);
  });

  it('refuses regexes that do not compile, unsafe ones and bad flags', () => {
    expect(messages({ id: 'r', kind: 'regex', pattern: '(' })[0]).toMatch(
      /^regex: the pattern does not compile \(/,
    );
    expect(messages({ id: 'r', kind: 'regex', pattern: '(a+)+$' })[0]).toMatch(
      /^regex: refused, nested quantifiers .* exponential time/,
    );
    expect(messages({ id: 'r', kind: 'regex', pattern: '^(a|aa)+$' })[0]).toMatch(/repeated alternation/);
    for (const flags of ['g', 'ii', 'x']) {
      expect(messages({ id: 'r', kind: 'regex', pattern: 'a', flags })).toEqual([
        'regex: flags may only use i, m, s and u, each at most once',
      ]);
    }
    expect(messages({ id: 'r', kind: 'regex', pattern: 'a'.repeat(501) })).toEqual([
      'regex: pattern must be at most 500 characters',
    ]);
  });

  it('refuses JSON schemas zod cannot use, oversized ones and unsafe patterns inside them', () => {
    expect(messages({ id: 's', kind: 'jsonSchema', schema: { type: 'strng' } })).toEqual([
      'jsonSchema: the schema is not supported (Unsupported type: strng)',
    ]);
    expect(messages({ id: 's', kind: 'jsonSchema', schema: { not: { type: 'string' } } })[0]).toMatch(
      /not is not supported/,
    );
    const huge = { type: 'object', description: 'x'.repeat(20_001) };
    expect(messages({ id: 's', kind: 'jsonSchema', schema: huge })).toEqual([
      'jsonSchema: the schema must be at most 20 kB',
    ]);
    const evil = { type: 'object', properties: { pattern: { type: 'string', pattern: '^(\\w+\\s?)*$' } } };
    expect(messages({ id: 's', kind: 'jsonSchema', schema: evil })[0]).toMatch(
      /^jsonSchema: pattern .* refused/,
    );
    expect(messages({ id: 's', kind: 'jsonSchema', schema: [1] })).toHaveLength(1);
  });

  it('refuses bad numeric and judge settings', () => {
    expect(messages({ id: 'n', kind: 'numeric', tolerance: -1 })).toEqual(['numeric: tolerance must be ≥ 0']);
    expect(messages({ ...judge, provider: 'gemini' })).toHaveLength(1);
    expect(messages({ ...judge, passThreshold: 1.5 })).toHaveLength(1);
    expect(messages({ ...judge, prompt: 'p'.repeat(8001) })).toEqual([
      'llmJudge: prompt must be at most 8000 characters',
    ]);
    expect(messages({ ...judge, model: '' })).toEqual(['llmJudge: model must not be empty']);
  });
});

describe('evaluatorListSchema', () => {
  it('accepts 0 to 20 evaluators with distinct ids', () => {
    expect(evaluatorListSchema.parse([])).toEqual([]);
    const twenty = Array.from({ length: 20 }, (_, i) => ({ id: `e${i}`, kind: 'exact' }));
    expect(evaluatorListSchema.parse(twenty)).toHaveLength(20);
    expect(
      evaluatorListSchema.safeParse([...twenty, { id: 'e20', kind: 'exact' }]).error?.issues[0]?.message,
    ).toBe('at most 20 evaluators');
  });

  it('names the duplicate id', () => {
    const result = evaluatorListSchema.safeParse([
      { id: 'same', kind: 'exact' },
      { id: 'other', kind: 'exact' },
      { id: 'same', kind: 'contains' },
    ]);
    expect(result.error?.issues).toMatchObject([
      { message: 'duplicate evaluator id "same"', path: [2, 'id'] },
    ]);
  });
});
