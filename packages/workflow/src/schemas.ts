import { z } from 'zod';
import type { NodeType } from './node-types';

/**
 * Node and edge ids appear inside references (`nodes.<id>.output`), so they are restricted to characters
 * the template and expression grammars can read without quoting.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idSchema = z.string().regex(ID_PATTERN, 'Use 1-64 letters, digits, "_" or "-".');

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof positionSchema>;

export const inputFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Use a letter or "_" followed by letters, digits or "_".'),
  type: z.enum(['string', 'number', 'boolean', 'json']).default('string'),
  required: z.boolean().default(true),
  description: z.string().default(''),
});
export type InputField = z.infer<typeof inputFieldSchema>;

export const inputConfigSchema = z.object({
  fields: z.array(inputFieldSchema).default([]),
});

export const llmConfigSchema = z.object({
  provider: z.enum(['openai', 'anthropic', 'openai-compatible', 'mock']).default('mock'),
  model: z.string().default(''),
  systemPrompt: z.string().default(''),
  userPrompt: z.string().default(''),
  temperature: z.number().min(0).max(2).default(0.7),
  maxTokens: z.number().int().positive().default(1024),
  jsonMode: z.boolean().default(false),
});

export const templateConfigSchema = z.object({
  template: z.string().default(''),
});

export const conditionConfigSchema = z.object({
  expression: z.string().default(''),
});

export const httpConfigSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  urlTemplate: z.string().default(''),
  headers: z.record(z.string(), z.string()).default({}),
  bodyTemplate: z.string().default(''),
  timeoutMs: z.number().int().positive().max(300_000).default(10_000),
});

export const codeConfigSchema = z.object({
  source: z.string().default(''),
  timeoutMs: z.number().int().positive().max(60_000).default(1_000),
});

export const mergeConfigSchema = z.object({
  mode: z.enum(['object', 'array']).default('object'),
});

export const outputConfigSchema = z.object({
  name: z.string().default('result'),
});

/** The config schema of each node type; every field has a default, so `{}` parses. */
export const CONFIG_SCHEMAS = {
  input: inputConfigSchema,
  llm: llmConfigSchema,
  template: templateConfigSchema,
  condition: conditionConfigSchema,
  http: httpConfigSchema,
  code: codeConfigSchema,
  merge: mergeConfigSchema,
  output: outputConfigSchema,
} as const satisfies Record<NodeType, z.ZodObject>;

export type InputConfig = z.infer<typeof inputConfigSchema>;
export type LlmConfig = z.infer<typeof llmConfigSchema>;
export type TemplateConfig = z.infer<typeof templateConfigSchema>;
export type ConditionConfig = z.infer<typeof conditionConfigSchema>;
export type HttpConfig = z.infer<typeof httpConfigSchema>;
export type CodeConfig = z.infer<typeof codeConfigSchema>;
export type MergeConfig = z.infer<typeof mergeConfigSchema>;
export type OutputConfig = z.infer<typeof outputConfigSchema>;

/** The config type of node type `T`. */
export type ConfigOf<T extends NodeType> = z.infer<(typeof CONFIG_SCHEMAS)[T]>;

/** A fresh config for `type` with every field at its default. */
export function defaultConfig<T extends NodeType>(type: T): ConfigOf<T> {
  return CONFIG_SCHEMAS[type].parse({}) as ConfigOf<T>;
}

const nodeBase = {
  id: idSchema,
  typeVersion: z.number().int().positive(),
  position: positionSchema,
  label: z.string().optional(),
};

export const nodeDefinitionSchema = z.discriminatedUnion('type', [
  z.object({ ...nodeBase, type: z.literal('input'), config: inputConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('llm'), config: llmConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('template'), config: templateConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('condition'), config: conditionConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('http'), config: httpConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('code'), config: codeConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('merge'), config: mergeConfigSchema }),
  z.object({ ...nodeBase, type: z.literal('output'), config: outputConfigSchema }),
]);
export type NodeDefinition = z.infer<typeof nodeDefinitionSchema>;

/** A node definition of one specific type. */
export type NodeDefinitionOf<T extends NodeType> = Extract<NodeDefinition, { type: T }>;

export const edgeDefinitionSchema = z.object({
  id: idSchema,
  source: idSchema,
  sourceHandle: z.string().min(1),
  target: idSchema,
  targetHandle: z.string().min(1),
});
export type EdgeDefinition = z.infer<typeof edgeDefinitionSchema>;

/** A complete, plain workflow: what a version stores, what the engine runs, what import/export carries. */
export const workflowDefinitionSchema = z.object({
  schemaVersion: z.number().int().positive(),
  name: z.string().max(200),
  description: z.string().max(10_000).default(''),
  nodes: z.array(nodeDefinitionSchema),
  edges: z.array(edgeDefinitionSchema),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
