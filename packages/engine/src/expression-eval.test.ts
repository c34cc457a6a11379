import { parseExpression } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateExpression } from './expression-eval';
import type { Scope } from './scope';

const scope: Scope = {
  inputs: { n: 3, name: 'Ada', missing: null },
  outputs: new Map<string, unknown>([['c', { category: 'billing', score: 0.9, tags: ['a'] }]]),
  skipped: new Set(['s']),
};

function evaluate(source: string): unknown {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluateExpression(parsed.ast, scope);
}

describe('evaluateExpression', () => {
  it('compares, combines and negates', () => {
    expect(evaluate('nodes.c.output.category == "billing"')).toBe(true);
    expect(evaluate('nodes.c.output.score >= 0.5 && inputs.n < 4')).toBe(true);
    expect(evaluate('inputs.name != "Ada" || !(inputs.n == 3)')).toBe(false);
    expect(evaluate('inputs.missing == null')).toBe(true);
    expect(evaluate('nodes.c.output.tags == nodes.c.output.tags')).toBe(true);
    expect(evaluate('"b" > "a"')).toBe(true);
  });

  it('short-circuits, so the right side of a decided && is never read', () => {
    expect(evaluate('false && nodes.nope.output')).toBe(false);
  });

  it('refuses ordering mixed types and names missing references', () => {
    expect(() => evaluate('inputs.name > 3')).toThrow('Cannot use ">" between a string and a number.');
    expect(() => evaluate('nodes.c.output.nope == 1')).toThrow('{{nodes.c.output.nope}}');
    expect(() => evaluate('nodes.s.output == 1')).toThrow('skipped');
  });

  it('takes the branch of the truthiness of the value', () => {
    const parsed = parseExpression('nodes.c.output.category');
    if (!parsed.ok) throw new Error('parse');
    expect(evaluateCondition(parsed.ast, scope)).toBe(true);
  });
});
