import { CONFIG_SCHEMAS } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import { describeObject } from './describe-schema';

describe('describeObject', () => {
  it('describes every kind of field the node schemas use', () => {
    const llm = Object.fromEntries(describeObject(CONFIG_SCHEMAS.llm).map((entry) => [entry.key, entry]));
    expect(llm.provider?.spec).toEqual({
      kind: 'enum',
      options: ['openai', 'anthropic', 'openai-compatible', 'mock'],
    });
    expect(llm.provider?.defaultValue).toBe('mock');
    expect(llm.temperature?.spec).toEqual({ kind: 'number', min: 0, max: 2, integer: false });
    expect(llm.maxTokens?.spec).toEqual({ kind: 'number', min: 1, max: null, integer: true });
    expect(llm.jsonMode?.spec).toEqual({ kind: 'boolean' });
    expect(llm.model?.spec).toEqual({ kind: 'string' });

    const [fields] = describeObject(CONFIG_SCHEMAS.input);
    expect(fields?.spec.kind).toBe('object-array');
    if (fields?.spec.kind === 'object-array') {
      expect(fields.spec.item.map((entry) => [entry.key, entry.spec.kind])).toEqual([
        ['name', 'string'],
        ['type', 'enum'],
        ['required', 'boolean'],
        ['description', 'string'],
      ]);
    }
    const http = describeObject(CONFIG_SCHEMAS.http);
    expect(http.find((entry) => entry.key === 'headers')?.spec).toEqual({ kind: 'record' });
    expect(http.find((entry) => entry.key === 'timeoutMs')?.spec).toEqual({
      kind: 'number',
      min: 1,
      max: 300_000,
      integer: true,
    });
  });

  it('labels fields for people, with the labels of @tandem/workflow', () => {
    const labels = describeObject(CONFIG_SCHEMAS.http).map((entry) => entry.label);
    expect(labels).toContain('URL');
    expect(labels).toContain('Timeout (ms)');
    expect(describeObject(CONFIG_SCHEMAS.llm).map((entry) => entry.label)).toContain('System prompt');
  });
});
