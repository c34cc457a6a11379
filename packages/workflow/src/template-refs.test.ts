import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from './references';
import { malformedReferences, templatePlaceholders, templateReferences } from './template-refs';

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

  it('is undone by formatReference', () => {
    for (const text of ['inputs.q', 'nodes.a-b.output', 'nodes.x.output.c.0']) {
      const reference = parseReference(text);
      expect(reference && formatReference(reference)).toBe(text);
    }
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

describe('templatePlaceholders', () => {
  it('gives each placeholder its offsets, trimmed inner text, reference and whether it is malformed', () => {
    const text = 'Hi {{ inputs.name }}, {{name}} {{nodes.a.output.}} and {{nodes.b.output ';
    expect(templatePlaceholders(text)).toEqual([
      {
        start: 3,
        end: 20,
        inner: 'inputs.name',
        reference: { kind: 'input', name: 'name' },
        malformed: false,
      },
      { start: 22, end: 30, inner: 'name', reference: null, malformed: false },
      { start: 31, end: 50, inner: 'nodes.a.output.', reference: null, malformed: true },
      // Never closed: it stops before the trailing space and names no reference, even though it would parse.
      { start: 55, end: 71, inner: 'nodes.b.output', reference: null, malformed: true },
    ]);
  });

  it('starts a new placeholder at every {{, so an unclosed one never swallows the next', () => {
    const found = templatePlaceholders('{{ a {{inputs.x}}');
    expect(found.map(({ start, end, reference }) => ({ start, end, reference }))).toEqual([
      { start: 0, end: 4, reference: null },
      { start: 5, end: 17, reference: { kind: 'input', name: 'x' } },
    ]);
    expect(templatePlaceholders('{{{inputs.x}}}').map(({ start, end }) => [start, end])).toEqual([[1, 13]]);
  });
});
