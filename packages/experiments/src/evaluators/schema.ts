import { z } from 'zod';
import { checkRegexSafety } from './regex-safety';

/** The longest text a regex evaluator tests: bounds the cost of a (safe, at worst polynomial) pattern. */
export const REGEX_MAX_INPUT_CHARS = 100_000;
const JSON_SCHEMA_MAX_BYTES = 20_000;
/** i, m, s, u, each at most once; g and y are left out since they make `test` stateful. */
const REGEX_FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

const base = {
  id: z
    .string()
    .min(1, 'evaluator id must not be empty')
    .max(40, 'evaluator id must be at most 40 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'evaluator id may only contain letters, digits, "_" and "-"'),
  name: z.string().max(80, 'evaluator name must be at most 80 characters').optional(),
  /** Which key of the run's outputs to judge; by default the only output, or the whole outputs object. */
  field: z.string().min(1).max(200).optional(),
};

const exactSchema = z.object({
  ...base,
  kind: z.literal('exact'),
  caseSensitive: z.boolean().default(true),
  trim: z.boolean().default(true),
});

const containsSchema = z.object({
  ...base,
  kind: z.literal('contains'),
  /** The text to look for; by default the row's expected value as text. */
  value: z.string().min(1, 'contains: value must not be empty').max(8000).optional(),
  caseSensitive: z.boolean().default(false),
});

const regexSchema = z
  .object({
    ...base,
    kind: z.literal('regex'),
    pattern: z
      .string()
      .min(1, 'regex: pattern must not be empty')
      .max(500, 'regex: pattern must be at most 500 characters'),
    flags: z
      .string()
      .regex(REGEX_FLAGS, 'regex: flags may only use i, m, s and u, each at most once')
      .optional(),
  })
  .superRefine((value, ctx) => {
    // Refinements run even after a field failed; the flags' own message is enough then.
    if (value.flags !== undefined && !REGEX_FLAGS.test(value.flags)) return;
    try {
      new RegExp(value.pattern, value.flags);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `regex: the pattern does not compile (${messageOf(error)})`,
      });
      return;
    }
    const safety = checkRegexSafety(value.pattern, value.flags);
    if (!safety.ok) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `regex: refused, ${safety.reason}` });
    }
  });

const jsonSchemaSchema = z
  .object({
    ...base,
    kind: z.literal('jsonSchema'),
    schema: z.record(z.string(), z.unknown()),
  })
  .superRefine((value, ctx) => {
    const problem = jsonSchemaProblem(value.schema);
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: ['schema'], message: `jsonSchema: ${problem}` });
  });

const numericSchema = z.object({
  ...base,
  kind: z.literal('numeric'),
  tolerance: z.number().finite().min(0, 'numeric: tolerance must be ≥ 0'),
  /** When true, the tolerance is a fraction of |expected| (0.01 = within 1 %). */
  relative: z.boolean().optional(),
});

const llmJudgeSchema = z.object({
  ...base,
  kind: z.literal('llmJudge'),
  provider: z.enum(['openai', 'anthropic', 'openai-compatible', 'mock']),
  model: z.string().min(1, 'llmJudge: model must not be empty').max(200),
  /** May use {{input}}, {{output}} and {{expected}}. */
  prompt: z
    .string()
    .min(1, 'llmJudge: prompt must not be empty')
    .max(8000, 'llmJudge: prompt must be at most 8000 characters'),
  mode: z.enum(['score', 'passFail']),
  passThreshold: z.number().min(0).max(1).default(0.5),
});

/** One evaluator's configuration, as stored with an experiment. */
export const evaluatorSchema = z.discriminatedUnion('kind', [
  exactSchema,
  containsSchema,
  regexSchema,
  jsonSchemaSchema,
  numericSchema,
  llmJudgeSchema,
]);

/** Up to 20 evaluators with distinct ids. */
export const evaluatorListSchema = z
  .array(evaluatorSchema)
  .max(20, 'at most 20 evaluators')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [index, evaluator] of list.entries()) {
      if (seen.has(evaluator.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `duplicate evaluator id "${evaluator.id}"`,
        });
      }
      seen.add(evaluator.id);
    }
  });

export type Evaluator = z.output<typeof evaluatorSchema>;
export type EvaluatorInput = z.input<typeof evaluatorSchema>;

function jsonSchemaProblem(schema: Record<string, unknown>): string | null {
  let text: string;
  try {
    text = JSON.stringify(schema);
  } catch {
    return 'the schema is not serialisable JSON';
  }
  if (new TextEncoder().encode(text).length > JSON_SCHEMA_MAX_BYTES) {
    return `the schema must be at most ${JSON_SCHEMA_MAX_BYTES / 1000} kB`;
  }
  // The schema's own `pattern`s run against outputs too.
  for (const pattern of collectPatterns(schema)) {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      return `pattern ${JSON.stringify(pattern)} does not compile (${messageOf(error)})`;
    }
    const safety = checkRegexSafety(pattern, 'u');
    if (!safety.ok) return `pattern ${JSON.stringify(pattern)} refused, ${safety.reason}`;
  }
  try {
    z.fromJSONSchema(JSON.parse(text));
  } catch (error) {
    return `the schema is not supported (${messageOf(error)})`;
  }
  return null;
}

function collectPatterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectPatterns(item, out);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out.push(value);
      else if (key === 'patternProperties' && value !== null && typeof value === 'object') {
        out.push(...Object.keys(value));
        collectPatterns(value, out);
      } else collectPatterns(value, out);
    }
  }
  return out;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
