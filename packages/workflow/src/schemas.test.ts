import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from './node-types';
import {
  CONFIG_SCHEMAS,
  defaultConfig,
  edgeDefinitionSchema,
  nodeDefinitionSchema,
  workflowDefinitionSchema,
} from './schemas';

describe('config schemas', () => {
  it('gives every type a complete default config', () => {
    for (const type of NODE_TYPES) {
      const config = defaultConfig(type);
      expect(CONFIG_SCHEMAS[type].parse(config)).toEqual(config);
    }
    expect(defaultConfig('llm')).toMatchObject({
      provider: 'mock',
      temperature: 0.7,
      maxTokens: 1024,
      jsonMode: false,
    });
    expect(defaultConfig('http')).toMatchObject({ method: 'GET', headers: {}, timeoutMs: 10_000 });
  });

  it('rejects out-of-range and wrongly typed values', () => {
    expect(CONFIG_SCHEMAS.llm.safeParse({ temperature: 3 }).success).toBe(false);
    expect(CONFIG_SCHEMAS.llm.safeParse({ maxTokens: 0 }).success).toBe(false);
    expect(CONFIG_SCHEMAS.llm.safeParse({ provider: 'acme' }).success).toBe(false);
    expect(CONFIG_SCHEMAS.http.safeParse({ method: 'TRACE' }).success).toBe(false);
    expect(CONFIG_SCHEMAS.http.safeParse({ headers: { a: 1 } }).success).toBe(false);
    expect(CONFIG_SCHEMAS.input.safeParse({ fields: [{ name: '1bad' }] }).success).toBe(false);
    expect(CONFIG_SCHEMAS.merge.safeParse({ mode: 'zip' }).success).toBe(false);
  });

  it('fills input field defaults', () => {
    expect(CONFIG_SCHEMAS.input.parse({ fields: [{ name: 'q' }] }).fields[0]).toEqual({
      name: 'q',
      type: 'string',
      required: true,
      description: '',
    });
  });
});

describe('definition schemas', () => {
  it('discriminates nodes on type', () => {
    const node = nodeDefinitionSchema.parse({
      id: 'a',
      type: 'template',
      typeVersion: 1,
      position: { x: 1, y: 2 },
      config: { template: 'hi' },
    });
    expect(node.type === 'template' && node.config.template).toBe('hi');
    expect(
      nodeDefinitionSchema.safeParse({
        id: 'a',
        type: 'magic',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: {},
      }).success,
    ).toBe(false);
  });

  it('restricts ids to reference-safe characters', () => {
    expect(
      edgeDefinitionSchema.safeParse({
        id: 'e 1',
        source: 'a',
        sourceHandle: 'out',
        target: 'b',
        targetHandle: 'in',
      }).success,
    ).toBe(false);
    expect(
      edgeDefinitionSchema.safeParse({
        id: 'e-1',
        source: 'a',
        sourceHandle: 'out',
        target: 'b',
        targetHandle: 'in',
      }).success,
    ).toBe(true);
  });

  it('defaults a missing description', () => {
    expect(
      workflowDefinitionSchema.parse({ schemaVersion: 2, name: 'w', nodes: [], edges: [] }).description,
    ).toBe('');
  });
});
