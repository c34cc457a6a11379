import { describe, expect, it } from 'vitest';
import {
  fieldLabel,
  fieldSyntax,
  isNodeType,
  isPromptField,
  NODE_TYPE_SPECS,
  NODE_TYPES,
} from './node-types';
import { CONFIG_SCHEMAS } from './schemas';

describe('NODE_TYPE_SPECS', () => {
  it('describes every node type with the agreed handles', () => {
    expect(Object.keys(NODE_TYPE_SPECS).sort()).toEqual([...NODE_TYPES].sort());
    expect(NODE_TYPE_SPECS.input.inputs).toEqual([]);
    expect(NODE_TYPE_SPECS.input.outputs).toEqual(['out']);
    expect(NODE_TYPE_SPECS.condition.outputs).toEqual(['true', 'false']);
    expect(NODE_TYPE_SPECS.output.outputs).toEqual([]);
    for (const type of ['llm', 'template', 'http', 'code', 'merge'] as const) {
      expect(NODE_TYPE_SPECS[type].inputs).toEqual(['in']);
      expect(NODE_TYPE_SPECS[type].outputs).toEqual(['out']);
    }
  });

  it('lists prompt fields that exist in each config schema', () => {
    for (const type of NODE_TYPES) {
      for (const field of NODE_TYPE_SPECS[type].promptFields) {
        expect(Object.keys(CONFIG_SCHEMAS[type].shape), `${type}.${field}`).toContain(field);
      }
      expect(NODE_TYPE_SPECS[type].typeVersion).toBeGreaterThanOrEqual(1);
    }
    expect(NODE_TYPE_SPECS.llm.promptFields).toEqual(['systemPrompt', 'userPrompt']);
  });

  it('narrows strings to node types', () => {
    expect(isNodeType('llm')).toBe(true);
    expect(isNodeType('nope')).toBe(false);
    expect(isNodeType(3)).toBe(false);
    expect(isPromptField('llm', 'userPrompt')).toBe(true);
    expect(isPromptField('llm', 'model')).toBe(false);
    expect(isPromptField('nope', 'userPrompt')).toBe(false);
  });
});

describe('fieldSyntax', () => {
  it('reads template fields as templates, the condition as an expression, code as code, the rest as text', () => {
    expect(fieldSyntax('llm', 'userPrompt')).toBe('template');
    expect(fieldSyntax('http', 'headers')).toBe('template');
    expect(fieldSyntax('condition', 'expression')).toBe('expression');
    expect(fieldSyntax('code', 'source')).toBe('code');
    expect(fieldSyntax('llm', 'model')).toBe('text');
    expect(fieldSyntax('nope', 'template')).toBe('text');
  });

  it('declares only template fields that exist in the config schema, and gives every prompt field a syntax', () => {
    for (const type of NODE_TYPES) {
      const shape = Object.keys(CONFIG_SCHEMAS[type].shape);
      for (const field of NODE_TYPE_SPECS[type].templateFields)
        expect(shape, `${type}.${field}`).toContain(field);
      for (const field of NODE_TYPE_SPECS[type].promptFields)
        expect(fieldSyntax(type, field)).not.toBe('text');
    }
  });
});

describe('fieldLabel', () => {
  it('spells out camelCase keys and knows the acronyms and units', () => {
    expect(fieldLabel('systemPrompt')).toBe('System prompt');
    expect(fieldLabel('urlTemplate')).toBe('URL');
    expect(fieldLabel('timeoutMs')).toBe('Timeout (ms)');
    expect(fieldLabel('model')).toBe('Model');
  });
});
