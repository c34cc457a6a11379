import { describe, expect, it } from 'vitest';
import type { Scope } from './scope';
import { renderTemplate } from './template-render';

const scope: Scope = {
  inputs: { q: 'a&b', none: null },
  outputs: new Map<string, unknown>([
    ['llm', { summary: 'short', items: [1, 2] }],
    ['text', 'plain'],
  ]),
  skipped: new Set(['gone']),
};

describe('renderTemplate', () => {
  it('substitutes inputs, outputs and fields; objects as JSON, null as empty', () => {
    expect(
      renderTemplate('{{inputs.q}} / {{ nodes.text.output }} / {{nodes.llm.output.summary}}', scope),
    ).toBe('a&b / plain / short');
    expect(
      renderTemplate('{{nodes.llm.output.items}} {{nodes.llm.output.items.1}} [{{inputs.none}}]', scope),
    ).toBe('[1,2] 2 []');
  });

  it('leaves placeholders that are not references as written, and encodes on request', () => {
    expect(renderTemplate('{{ hello }} {{inputs.q}}', scope, { encode: encodeURIComponent })).toBe(
      '{{ hello }} a%26b',
    );
  });

  it('substitutes a reference right after a stray or unclosed {{ and keeps the rest as written', () => {
    expect(renderTemplate('{{{inputs.q}}} {{ a {{inputs.q}} {{inputs.q', scope)).toBe(
      '{a&b} {{ a a&b {{inputs.q',
    );
  });

  it('names the missing reference and why', () => {
    expect(() => renderTemplate('{{inputs.x}}', scope)).toThrow(
      'Cannot resolve {{inputs.x}}: the run has no input "x".',
    );
    expect(() => renderTemplate('{{nodes.llm.output.title}}', scope)).toThrow(
      'Cannot resolve {{nodes.llm.output.title}}: nodes.llm.output has no field "title".',
    );
    expect(() => renderTemplate('{{nodes.gone.output}}', scope)).toThrow(
      'node "gone" was skipped by a condition.',
    );
    expect(() => renderTemplate('{{nodes.later.output}}', scope)).toThrow('node "later" has no output');
  });
});
