import { describe, expect, it } from 'vitest';
import { parseReference } from './references';
import { malformedReferences, templateReferences } from './template-refs';

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

describe('malformedReferences', () => {
  it('accepts well-formed references, with or without spaces, and non-reference placeholders', () => {
    expect(
      malformedReferences(
        '{{ nodes.a.output }} {{inputs.x}} {{\n nodes.a-b.output.c \n}} {{name}} {{{inputs.x}}}',
      ),
    ).toEqual([]);
    expect(malformedReferences('{"a": {"b": 1}} {{ }}')).toEqual([]);
  });

  it('reports reference-like placeholders that do not parse or are not closed', () => {
    expect(malformedReferences('{{ nodes.a.output. }} {{inputs}} {{ inputs.x | upper }}')).toEqual([
      '{{ nodes.a.output. }}',
      '{{inputs}}',
      '{{ inputs.x | upper }}',
    ]);
    expect(malformedReferences('Hi {{inputs.name and {{nodes.a.output}}')).toEqual(['{{inputs.name and']);
    expect(malformedReferences('tail {{ nodes.a.output')).toEqual(['{{ nodes.a.output']);
  });
});
