import { describe, expect, it } from 'vitest';
import { expressionReferences, parseExpression } from './expression';

function ast(src: string) {
  const result = parseExpression(src);
  if (!result.ok) throw new Error(`${src}: ${result.error.message}`);
  return result.ast;
}

function error(src: string) {
  const result = parseExpression(src);
  if (result.ok) throw new Error(`${src} parsed`);
  return result.error;
}

describe('parseExpression', () => {
  it('parses comparisons, references and literals with positions', () => {
    expect(ast('nodes.classify.output.category == "billing"')).toEqual({
      kind: 'compare',
      operator: '==',
      left: {
        kind: 'reference',
        reference: { kind: 'node', nodeId: 'classify', path: ['category'] },
        start: 0,
        end: 30,
      },
      right: { kind: 'literal', value: 'billing', start: 34, end: 43 },
      start: 0,
      end: 43,
    });
    for (const [src, value] of [
      ['-1.5e2', -150],
      ['.5', 0.5],
      ['true', true],
      ['false', false],
      ['null', null],
      ["'it\\'s'", "it's"],
      ['"a\\nb"', 'a\nb'],
    ] as const) {
      expect(ast(src), src).toMatchObject({ kind: 'literal', value });
    }
  });

  it('gives || lower precedence than &&, and comparisons bind tighter than both', () => {
    expect(
      ast('a_is_not_allowed_here == 1 || true'.replace('a_is_not_allowed_here', 'inputs.a')),
    ).toMatchObject({
      kind: 'logical',
      operator: '||',
      left: { kind: 'compare' },
    });
    expect(ast('true || false && null')).toMatchObject({
      kind: 'logical',
      operator: '||',
      right: { kind: 'logical', operator: '&&' },
    });
    expect(ast('(true || false) && !inputs.x')).toMatchObject({
      kind: 'logical',
      operator: '&&',
      left: { kind: 'logical', operator: '||' },
      right: { kind: 'not', operand: { kind: 'reference' } },
    });
    expect(ast('!!true')).toMatchObject({ kind: 'not', operand: { kind: 'not' } });
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
      expect(ast(`inputs.n ${op} 3`)).toMatchObject({ kind: 'compare', operator: op });
    }
    expect(ast('nodes.my-node_2.output.items.0 != null')).toMatchObject({
      left: { reference: { kind: 'node', nodeId: 'my-node_2', path: ['items', '0'] } },
    });
  });

  it('returns positioned errors instead of throwing', () => {
    expect(error('')).toMatchObject({ message: 'The expression is empty.', offset: 0 });
    expect(error('inputs.a = 1')).toMatchObject({ offset: 9, line: 1, column: 10 });
    expect(error('1 < 2 < 3').message).toContain('chained');
    expect(error('(true').message).toContain(')');
    expect(error('"open').message).toContain('Unterminated');
    expect(error('true &&').message).toContain('ends too early');
    expect(error('foo == 1').message).toContain('Unknown name "foo"');
    expect(error('nodes.x == 1').message).toContain('Unknown name');
    expect(error('true\n  && @')).toMatchObject({ line: 2, column: 6 });
    expect(error('1 === 1').message).toContain('===');
    expect(error('true & false').message).toContain('&&');
    expect(error('true | false').message).toContain('||');
    expect(error('"\\q"').message).toContain('escape');
    expect(error('12abc').message).toContain('Malformed');
    expect(error('true false').message).toContain('Unexpected');
    expect(error('1 + 2').message).toContain('Unexpected');
  });

  it('refuses absurd nesting and length without overflowing the stack', () => {
    expect(error(`${'('.repeat(2000)}1${')'.repeat(2000)}`).message).toContain('nested too deeply');
    expect(error('!'.repeat(2000)).message).toContain('nested too deeply');
    expect(error('1'.repeat(20_000)).message).toContain('longer');
  });
});

describe('expressionReferences', () => {
  it('lists references left to right', () => {
    expect(expressionReferences(ast('inputs.a > 1 && !(nodes.b.output == inputs.c)'))).toEqual([
      { kind: 'input', name: 'a' },
      { kind: 'node', nodeId: 'b', path: [] },
      { kind: 'input', name: 'c' },
    ]);
    expect(expressionReferences(ast('true'))).toEqual([]);
  });
});
