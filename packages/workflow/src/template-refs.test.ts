import { describe, expect, it } from 'vitest';
import { parseReference } from './references';
import { templateReferences } from './template-refs';

describe('templateReferences', () => {
  it('finds input and node references in order', () => {
    expect(
      templateReferences('Q: {{inputs.question}} / {{ nodes.llm_1.output.a.b }} / {{nodes.x.output}}'),
    ).toEqual([
      { kind: 'input', name: 'question' },
      { kind: 'node', nodeId: 'llm_1', path: ['a', 'b'] },
      { kind: 'node', nodeId: 'x', path: [] },
    ]);
  });

  it('ignores placeholders that are not references and unbalanced braces', () => {
    expect(templateReferences('{{name}} {{nodes.x}} {{inputs.a.b}} {inputs.a} {{ inputs.ok')).toEqual([]);
    expect(templateReferences('')).toEqual([]);
  });
});

describe('parseReference', () => {
  it('parses both reference forms and nothing else', () => {
    expect(parseReference('inputs.q')).toEqual({ kind: 'input', name: 'q' });
    expect(parseReference('nodes.a-b.output.c')).toEqual({ kind: 'node', nodeId: 'a-b', path: ['c'] });
    expect(parseReference('nodes.a.result')).toBeNull();
    expect(parseReference('inputs.')).toBeNull();
  });
});
